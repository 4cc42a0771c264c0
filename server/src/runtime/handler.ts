/**
 * Turns a table of actions into a cloud function's `main(event, context)`.
 * Every reply is `{ ok: true, data }` or `{ ok: false, error: { code, message } }`; a bug is logged
 * and answered as INTERNAL without its stack.
 */
import { err, type Result } from '@channel-router/shared';
import type { AnyAction, AuthedContext } from './action.js';
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

export function createMain(functionName: string, actions: Record<string, AnyAction>): Main {
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
    if (!def.public && caller === null) {
      return err('UNAUTHENTICATED', 'sign in first');
    }
    if (def.apps && caller !== null && caller.app !== null && !def.apps.includes(caller.app)) {
      return err('FORBIDDEN', `${functionName}.${name} is not available in the ${caller.app} app`);
    }
    const parsed = def.parse(raw);
    if (!parsed.ok) return parsed;
    try {
      const ctx = { db: database(), caller, now_ms: Date.now() + clockOffset_ms(env), env };
      return await def.run(ctx as AuthedContext, parsed.data);
    } catch (e) {
      // A thrown error is a bug or an infrastructure failure; never leak its details to clients.
      console.error(`[${functionName}.${name}]`, e);
      return { ok: false, error: { code: 'INTERNAL', message: 'internal error, please retry' } };
    }
  };
}
