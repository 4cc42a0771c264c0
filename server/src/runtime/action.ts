/**
 * What an action's implementation is handed. An action is declared once in the shared contract
 * (shared/src/api/functions/): who may call it, how its input is checked, which errors it may
 * answer. A function here supplies only what each action does (`defineFunction`).
 */
import type { ActionDecl, Result } from '@channel-router/shared';
import type { Caller } from './caller.js';
import type { Database } from './cloud.js';

export interface ActionContext {
  db: Database;
  /** Null only for public actions called anonymously. */
  caller: Caller | null;
  /** Milliseconds since the epoch, read once per invocation so one action sees one "now". */
  now_ms: number;
  env: Record<string, string | undefined>;
}

export interface AuthedContext extends ActionContext {
  caller: Caller;
}

/** An action ready to run: its declaration and its implementation. */
export interface BoundAction {
  decl: ActionDecl;
  parse: (raw: Record<string, unknown>) => Result<unknown>;
  run: (ctx: AuthedContext, input: unknown) => Promise<Result<unknown>>;
}
