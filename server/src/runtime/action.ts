/**
 * An action is one row of the API table: who may call it, how its input is checked, and what it
 * does. Functions are thin tables of actions; the rules they apply live in `shared/`.
 */
import type { Result } from '@channel-router/shared';
import type { AppName, Caller } from './caller.js';
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

export interface ActionDef<I, O> {
  /** Public actions run without an identity (e.g. `scan.verify`). */
  public?: boolean;
  parse: (raw: Record<string, unknown>) => Result<I>;
  run: (ctx: AuthedContext, input: I) => Promise<Result<O>>;
  /** Apps allowed to call this action; absent = any. */
  apps?: readonly AppName[];
}

export interface PublicActionDef<I, O> {
  public: true;
  parse: (raw: Record<string, unknown>) => Result<I>;
  run: (ctx: ActionContext, input: I) => Promise<Result<O>>;
  apps?: readonly AppName[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAction = ActionDef<any, any> | PublicActionDef<any, any>;

export function action<I, O>(def: ActionDef<I, O>): ActionDef<I, O> {
  return def;
}

export function publicAction<I, O>(def: PublicActionDef<I, O>): PublicActionDef<I, O> {
  return def;
}
