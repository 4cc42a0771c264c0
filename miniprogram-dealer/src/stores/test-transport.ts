/**
 * For store tests: a transport that answers from a per-action script and records what was sent.
 * The client under test is the real one (`createClient`), so retries and intents are exercised.
 */
import { createClient, type Client, type RawReply, type Transport } from '@channel-router/shared/client';
import type { ClientErrorCode } from '@channel-router/shared/client';

/** `fn.action` → replies in order; a function reply is computed from the event. */
export type Script = Record<string, Array<RawReply | ((event: Record<string, unknown>) => RawReply)>>;

export function scriptedTransport(script: Script) {
  const sent: Array<{ name: string; event: Record<string, unknown> }> = [];
  const transport: Transport = async (fn, event) => {
    const name = `${fn}.${String(event['action'])}`;
    sent.push({ name, event: structuredClone(event) });
    const next = script[name]?.shift();
    if (next === undefined) throw new Error(`no scripted reply left for ${name}`);
    return typeof next === 'function' ? next(event) : next;
  };
  return { transport, sent };
}

/** The real client over a scripted transport, with no waiting between automatic retries. */
export function scriptedClient(script: Script): { client: Client; sent: Array<{ name: string; event: Record<string, unknown> }> } {
  const { transport, sent } = scriptedTransport(script);
  return { client: createClient(transport, { sleep: async () => {}, retryDelays_ms: [] }), sent };
}

export const LOST: RawReply = { ok: false, error: { code: 'NETWORK', message: 'timeout' } };
export const okReply = (data: unknown): RawReply => ({ ok: true, data });
export const errReply = (code: ClientErrorCode, message = '', field?: string): RawReply => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

/** Lets pending promise callbacks run (a scan's identify reply, a store update). */
export const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
