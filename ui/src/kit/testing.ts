/**
 * For store tests: a transport that answers from a per-action script and records what was sent.
 * The client under test is the real one (`createClient`), so retries and intents are exercised.
 * A scripted reply may be computed from the event, or be a promise that holds the request in
 * flight while the test acts (`deferred()`).
 */
import type { IdentifyRes } from '@channel-router/shared/api';
import { createClient, type Client, type ClientErrorCode, type RawReply, type Transport } from '@channel-router/shared/client';

type Scripted = RawReply | Promise<RawReply> | ((event: Record<string, unknown>) => RawReply);
/** `fn.action` → replies in order. */
export type Script = Record<string, Scripted[]>;
export interface Sent {
  name: string;
  event: Record<string, unknown>;
}

export function scriptedTransport(script: Script) {
  const sent: Sent[] = [];
  const transport: Transport = async (fn, event) => {
    const name = `${fn}.${String(event['action'])}`;
    // A copy, as the wire would carry it: later changes by the caller do not show here.
    sent.push({ name, event: JSON.parse(JSON.stringify(event)) as Record<string, unknown> });
    const next = script[name]?.shift();
    if (next === undefined) throw new Error(`no scripted reply left for ${name}`);
    return typeof next === 'function' ? next(event) : next;
  };
  /** What was sent for one action, in order. */
  const of = (name: string) => sent.filter((s) => s.name === name).map((s) => s.event);
  return { transport, sent, of };
}

/** The real client over a script, with no waiting between automatic retries. */
export function scriptedClient(script: Script): { client: Client; sent: Sent[]; of: (name: string) => Array<Record<string, unknown>>; names: () => string[] } {
  const { transport, sent, of } = scriptedTransport(script);
  const client = createClient(transport, { sleep: async () => {}, retryDelays_ms: [] });
  return { client, sent, of, names: () => sent.map((s) => s.name) };
}

/** A reply the test releases later: `const d = deferred(); script = [d.promise]; … d.resolve(okReply(x))`. */
export function deferred() {
  let resolve!: (r: RawReply) => void;
  const promise = new Promise<RawReply>((r) => (resolve = r));
  return { promise, resolve };
}

export const LOST: RawReply = { ok: false, error: { code: 'NETWORK', message: 'timeout' } };
export const okReply = (data: unknown): RawReply => ({ ok: true, data });
export const errReply = (code: ClientErrorCode, message = '', field?: string): RawReply => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

/** Lets pending promise callbacks run (identify replies resolving in the background). */
export const flush = async (times = 5) => {
  for (let i = 0; i < times; i++) await new Promise<void>((r) => setTimeout(r, 0));
};

/** What `scan.identify` says about a case of soy sauce at the brand's warehouse; `over` changes it. */
export function identified(code: string, over: Partial<IdentifyRes> = {}): IdentifyRes {
  return {
    code,
    level: 'case',
    kind: 'visible',
    productId: 'p_soy',
    productName: '特级生抽 500ml',
    items: 24,
    holderOrgId: 'brand',
    holderName: '好味道食品',
    allocatedDealerId: null,
    inTransitTo: null,
    redeemed: null,
    actions: ['verify', 'ship', 'inspect'],
    ...over,
  };
}
