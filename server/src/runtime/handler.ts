/**
 * Turns a table of actions into a cloud function's `main(event, context)`.
 * Every reply is `{ ok: true, data }` or `{ ok: false, error: { code, message } }`; a bug is logged
 * and answered as INTERNAL without its stack.
 */
import { err, possibleErrors, type ErrorCode, type Result } from '@channel-router/shared';
import type { AuthedContext, BoundAction } from './action.js';
import { callerFrom } from './caller.js';
import { database, platformContext } from './cloud.js';

/** Events are small JSON objects; anything larger is a client bug or abuse. */
const MAX_ACTION_NAME_LENGTH = 64;

const CLOCK_OFFSET_MAX_MS = 30 * 24 * 3600_000;

/**
 * The local cloud's demo seed runs functions on a clock moved into the past, so that its history
 * spreads over days (LOCAL_CLOCK_OFFSET_MS, set per invocation by the local runner). Honoured only
 * under the local cloud (TCB_SOURCE=local-cloud) and within 30 days; anywhere else the clock is
 * the machine's.
 */
function clockOffset_ms(env: Record<string, string | undefined>): number {
  const raw = env.LOCAL_CLOCK_OFFSET_MS;
  if (raw === undefined || env.TCB_SOURCE !== 'local-cloud') return 0;
  const offset = Number(raw);
  return Number.isSafeInteger(offset) && Math.abs(offset) <= CLOCK_OFFSET_MAX_MS ? offset : 0;
}

export type Main = (event: unknown, context?: unknown) => Promise<Result<unknown> | { ok: false; error: { code: string; message: string } }>;

/**
 * An action answered an error code its declaration does not list: the contract is out of date.
 * Under the local cloud (development and every test) that is answered INTERNAL, so a test that
 * meets it fails; in production the code goes out as it is, and the log says what to declare.
 */
function undeclaredError(functionName: string, name: string, code: ErrorCode, env: Record<string, string | undefined>): Result<never> | null {
  console.error(`[${functionName}.${name}] answered ${code}, which its declaration (shared/src/api/functions/${functionName}.ts) does not list`);
  if (env.TCB_SOURCE !== 'local-cloud') return null;
  return { ok: false, error: { code: 'INTERNAL', message: `${functionName}.${name} answered undeclared error code ${code}` } };
}

export function createMain(functionName: string, actions: Record<string, BoundAction>): Main {
  const possible = new Map(Object.entries(actions).map(([name, a]) => [name, possibleErrors(a.decl)]));
  return async function main(event, context) {
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      return err('INVALID_ARGUMENT', 'the event must be a JSON object', 'action');
    }
    const raw = event as Record<string, unknown>;
    const name = raw.action;
    if (typeof name !== 'string' || name.length === 0 || name.length > MAX_ACTION_NAME_LENGTH) {
      return err('INVALID_ARGUMENT', 'action is required', 'action');
    }
    const def = Object.prototype.hasOwnProperty.call(actions, name) ? actions[name] : undefined;
    if (def === undefined) {
      return err('NOT_FOUND', `${functionName} has no action "${name}"`, 'action');
    }
    const env = process.env as Record<string, string | undefined>;
    const caller = callerFrom(platformContext(context));
    if (def.decl.access !== 'public' && caller === null) {
      return err('UNAUTHENTICATED', 'sign in first');
    }
    const apps = def.decl.apps;
    if (apps !== 'any' && caller !== null && caller.app !== null && !apps.includes(caller.app)) {
      return err('FORBIDDEN', `${functionName}.${name} is not available in the ${caller.app} app`);
    }
    const parsed = def.parse(raw);
    if (!parsed.ok) return parsed;
    try {
      const ctx = { db: database(), caller, now_ms: Date.now() + clockOffset_ms(env), env };
      const reply = await def.run(ctx as AuthedContext, parsed.data);
      if (!reply.ok && !possible.get(name)!.has(reply.error.code)) return undeclaredError(functionName, name, reply.error.code, env) ?? reply;
      return reply;
    } catch (e) {
      // A thrown error is a bug or an infrastructure failure; never leak its details to clients.
      console.error(`[${functionName}.${name}]`, e);
      return { ok: false, error: { code: 'INTERNAL', message: 'internal error, please retry' } };
    }
  };
}
