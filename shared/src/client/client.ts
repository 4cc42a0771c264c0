/**
 * The typed client: one method per action of the contract (`shared/src/api/functions/*`),
 * `client.scan.verify({ code })`, `client.wallet.withdraw({ amount }, { intent })`.
 *
 * - Every reply is a value (`ClientResult`): `{ ok: true, data }` or `{ ok: false, error }`, and
 *   every error carries `userMessage`, the plain words a page shows.
 * - Actions that move money (declared `retry: 'intent'`) take an `intent` (from `newIntent()`,
 *   made once when the person confirms) and send it as `requestId`; creating writes (declared
 *   `retry: 'keyed'`) take one optionally. The client retries lost replies of keyed calls and of read-only
 *   actions with the same key. Other writes are not retried automatically: the page offers
 *   "retry", and the server's own keys (`redeem:<code>`) keep them from acting twice.
 */
import {
  FUNCTIONS,
  FUNCTION_ACTIONS,
  type ActionName,
  type ActionReq,
  type ActionRes,
  type ActionRetry,
  type FunctionName,
  type RetryClass,
} from '../api/actions.js';
import { isIntent, newIntent, type Intent } from './intent.js';
import { userMessage } from './messages.js';
import type { ClientError, ClientErrorCode, ClientResult, RawReply, Transport } from './types.js';

/** `fn.action` names of the actions of one retry class, from their declarations. */
function actionsOfClass(retry: RetryClass): string[] {
  const out: string[] = [];
  for (const [fn, actions] of Object.entries(FUNCTIONS)) {
    for (const [action, decl] of Object.entries(actions)) if ((decl as { retry: RetryClass }).retry === retry) out.push(`${fn}.${action}`);
  }
  return out;
}

/** Actions that only read: a lost reply is safely asked again. */
export const READ_ACTIONS: readonly string[] = actionsOfClass('read');
const READ_ACTION_SET: ReadonlySet<string> = new Set(READ_ACTIONS);

/** Actions that move money: they need an intent, which the client sends as `requestId`. */
export const INTENT_ACTIONS: readonly string[] = actionsOfClass('intent');
const INTENT_ACTION_SET: ReadonlySet<string> = new Set(INTENT_ACTIONS);
/** Creating writes that take an intent if the caller has one: with it they are retried like money moves. */
export const KEYED_ACTIONS: readonly string[] = actionsOfClass('keyed');
const KEYED_ACTION_SET: ReadonlySet<string> = new Set(KEYED_ACTIONS);

/** Failures after which asking again can help. RATE_LIMITED is not one: retrying makes it worse. */
const RETRYABLE: ReadonlySet<ClientErrorCode> = new Set<ClientErrorCode>(['NETWORK', 'BAD_REPLY', 'INTERNAL']);

export interface ClientOptions {
  /** Per attempt. Default 15 s: a cold cloud function can take several seconds. */
  timeout_ms?: number;
  /** Waits between attempts of a retry-safe call; its length + 1 is the number of attempts. */
  retryDelays_ms?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  /** Called on every UNAUTHENTICATED reply (h5: go to the login screen). */
  onUnauthenticated?: () => void;
}

export interface CallOptions {
  /** Required for actions that move money; see `newIntent()`. */
  intent?: Intent;
  timeout_ms?: number;
}

/**
 * The method for one action: intent actions take `{ intent }` and leave `requestId` to the client;
 * keyed creations take it optionally.
 */
export type ActionMethod<F extends FunctionName, A extends ActionName<F>> =
  ActionRetry<F, A> extends 'intent'
    ? (req: Omit<ActionReq<F, A>, 'requestId'>, options: CallOptions & { intent: Intent }) => Promise<ClientResult<ActionRes<F, A>>>
    : ActionRetry<F, A> extends 'keyed'
      ? (req: Omit<ActionReq<F, A>, 'requestId'>, options?: CallOptions) => Promise<ClientResult<ActionRes<F, A>>>
      : (req: ActionReq<F, A>, options?: CallOptions) => Promise<ClientResult<ActionRes<F, A>>>;

export type FunctionClient<F extends FunctionName> = { [A in ActionName<F>]: ActionMethod<F, A> };

export type Client = { [F in FunctionName]: FunctionClient<F> } & {
  /** Untyped escape hatch for actions added to the backend before the contract names them. */
  call<T = unknown>(fn: string, action: string, req: Record<string, unknown>, options?: CallOptions): Promise<ClientResult<T>>;
  newIntent(): Intent;
};

const MAX_ATTEMPTS = 5;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createClient(transport: Transport, options: ClientOptions = {}): Client {
  const timeout_ms = options.timeout_ms ?? 15_000;
  const delays = options.retryDelays_ms ?? [400, 1_200];
  if (delays.length + 1 > MAX_ATTEMPTS) throw new Error(`createClient: at most ${MAX_ATTEMPTS} attempts`);
  if (!(timeout_ms > 0 && timeout_ms <= 120_000)) throw new Error('createClient: timeout_ms must be in (0, 120000]');
  const sleep = options.sleep ?? defaultSleep;

  async function call<T>(fn: string, action: string, req: Record<string, unknown>, callOptions: CallOptions = {}): Promise<ClientResult<T>> {
    const name = `${fn}.${action}`;
    if (typeof req !== 'object' || req === null || Array.isArray(req)) throw new Error(`${name}: request must be an object`);
    const event: Record<string, unknown> = { ...req, action };
    const needsIntent = INTENT_ACTION_SET.has(name);
    const keyed = needsIntent || (KEYED_ACTION_SET.has(name) && callOptions.intent !== undefined);
    if (needsIntent && !isIntent(callOptions.intent)) {
      // A money move without an intent could be sent twice by a double tap: a bug in the page.
      throw new Error(`${name}: needs { intent: newIntent() }`);
    }
    if (keyed) {
      if (!isIntent(callOptions.intent)) throw new Error(`${name}: the intent must come from newIntent()`);
      event['requestId'] = callOptions.intent;
    } else if (callOptions.intent !== undefined) {
      throw new Error(`${name}: takes no intent`);
    }
    const retrySafe = keyed || READ_ACTION_SET.has(name);
    const attempts = retrySafe ? delays.length + 1 : 1;
    let reply: RawReply = { ok: false, error: { code: 'NETWORK', message: 'not sent' } };
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await sleep(delays[attempt - 1]!);
      reply = await transport(fn, event, { timeout_ms: callOptions.timeout_ms ?? timeout_ms });
      if (reply.ok || !RETRYABLE.has(reply.error.code)) break;
    }
    if (reply.ok) return { ok: true, data: reply.data as T };
    const { code, message, field, details } = reply.error;
    if (code === 'UNAUTHENTICATED') options.onUnauthenticated?.();
    const error: ClientError = field === undefined
      ? { code, message, userMessage: userMessage(code, name) }
      : { code, message, field, userMessage: userMessage(code, name, field) };
    if (details !== undefined) error.details = details;
    return { ok: false, error };
  }

  const client = { call, newIntent: () => newIntent() } as Record<string, unknown>;
  for (const fn of Object.keys(FUNCTION_ACTIONS) as FunctionName[]) {
    const methods: Record<string, unknown> = {};
    for (const action of FUNCTION_ACTIONS[fn]) {
      methods[action] = (req: Record<string, unknown>, o?: CallOptions) => call(fn, action, req, o);
    }
    client[fn] = methods;
  }
  return client as Client;
}
