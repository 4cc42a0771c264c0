/**
 * For store tests: a transport that answers from a per-action script and records what was sent.
 * The client under test is the real one (`createClient`), so retries and intents are exercised.
 * A scripted reply may be a promise, to hold a request in flight while the test acts.
 */
import { createClient, type RawReply, type Transport } from '@channel-router/shared/client';

export type Script = Record<string, Array<RawReply | Promise<RawReply>>>;

export function scriptedTransport(script: Script) {
  const sent: Array<{ name: string; event: Record<string, unknown> }> = [];
  const transport: Transport = async (fn, event) => {
    const name = `${fn}.${String(event['action'])}`;
    sent.push({ name, event: JSON.parse(JSON.stringify(event)) as Record<string, unknown> });
    const next = script[name]?.shift();
    if (next === undefined) throw new Error(`no scripted reply left for ${name}`);
    return next;
  };
  return { transport, sent };
}

/** The real client over a script, with no waiting between automatic retries. */
export function scriptedClient(script: Script) {
  const { transport, sent } = scriptedTransport(script);
  const client = createClient(transport, { sleep: async () => {}, retryDelays_ms: [] });
  const names = () => sent.map((s) => s.name);
  return { client, sent, names };
}

/** A reply the test releases later: `const d = deferred(); script = [d.promise]; … d.resolve(okReply(x))`. */
export function deferred() {
  let resolve!: (r: RawReply) => void;
  const promise = new Promise<RawReply>((r) => (resolve = r));
  return { promise, resolve };
}

export const LOST: RawReply = { ok: false, error: { code: 'NETWORK', message: 'timeout' } };
export const okReply = (data: unknown): RawReply => ({ ok: true, data });
export const errReply = (
  code: 'INVALID_CODE' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'INVALID_ARGUMENT' | 'INSUFFICIENT_FUNDS' | 'UNAUTHENTICATED' | 'RATE_LIMITED' | 'INTERNAL',
  message = '',
  field?: string,
): RawReply => ({ ok: false, error: field === undefined ? { code, message } : { code, message, field } });

/** Lets pending promise callbacks run (identify replies resolving in the background). */
export const flush = async (times = 5) => {
  for (let i = 0; i < times; i++) await new Promise<void>((r) => setTimeout(r, 0));
};
