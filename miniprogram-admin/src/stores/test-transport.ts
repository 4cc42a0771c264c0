/**
 * For store tests: a transport that answers from a per-action script and records what was sent.
 * The client under test is the real one (`createClient`), so retries and intents are exercised.
 */
import type { ClientErrorCode, RawReply, Transport } from '@channel-router/shared/client';

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
  /** What was sent for one action, in order. */
  const of = (name: string) => sent.filter((s) => s.name === name).map((s) => s.event);
  return { transport, sent, of };
}

export const LOST: RawReply = { ok: false, error: { code: 'NETWORK', message: 'timeout' } };
export const okReply = (data: unknown): RawReply => ({ ok: true, data });
export const errReply = (code: ClientErrorCode, message = '', field?: string): RawReply =>
  field === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, field } };
