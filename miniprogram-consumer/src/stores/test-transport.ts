/**
 * For store tests: a transport that answers from a per-action script and records what was sent.
 * The client under test is the real one (`createClient`), so retries and intents are exercised.
 */
import type { RawReply, Transport } from '@channel-router/shared/client';

export type Script = Record<string, RawReply[]>;

export function scriptedTransport(script: Script) {
  const sent: Array<{ name: string; event: Record<string, unknown> }> = [];
  const transport: Transport = async (fn, event) => {
    const name = `${fn}.${String(event['action'])}`;
    sent.push({ name, event: { ...event } });
    const next = script[name]?.shift();
    if (next === undefined) throw new Error(`no scripted reply left for ${name}`);
    return next;
  };
  return { transport, sent };
}

export const LOST: RawReply = { ok: false, error: { code: 'NETWORK', message: 'timeout' } };
export const okReply = (data: unknown): RawReply => ({ ok: true, data });
export const errReply = (code: 'ALREADY_REDEEMED' | 'INVALID_CODE' | 'INSUFFICIENT_FUNDS' | 'UNAUTHENTICATED' | 'RATE_LIMITED', message = ''): RawReply => ({
  ok: false,
  error: { code, message },
});
