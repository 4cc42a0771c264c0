import { describe, expect, it } from 'vitest';
import { postForText, withDeadline } from './deadline.js';

describe('withDeadline: a request that does not answer in time is a NETWORK reply, and is aborted', () => {
  it('answers the exchange when it is in time', async () => {
    const r = await withDeadline(1_000, async () => ({ ok: true, data: 7 }));
    expect(r).toEqual({ ok: true, data: 7 });
  });

  it('answers NETWORK at the deadline and aborts the signal the exchange was given', async () => {
    let seen: AbortSignal | undefined;
    const r = await withDeadline(20, (signal) => {
      seen = signal;
      return new Promise(() => {});
    });
    expect(r).toEqual({ ok: false, error: { code: 'NETWORK', message: 'no reply within 20 ms' } });
    expect(seen?.aborted).toBe(true);
  });

  it('refuses a deadline outside its limit (a caller bug)', async () => {
    await expect(withDeadline(0, async () => ({ ok: true, data: null }))).rejects.toThrow(/timeout_ms/);
  });
});

describe('postForText: a fetch that throws becomes a value', () => {
  it('turns a thrown fetch into NETWORK and passes status and body through otherwise', async () => {
    const failing = await postForText(async () => { throw new Error('offline'); }, 'http://x', {}, 'b', undefined);
    expect(failing).toEqual({ ok: false, reply: { ok: false, error: { code: 'NETWORK', message: 'request failed: offline' } } });
    const answered = await postForText(async (_url, init) => ({ status: 201, text: async () => `got ${String(init.body)}` }), 'http://x', {}, 'b', undefined);
    expect(answered).toEqual({ ok: true, status: 201, text: 'got b' });
  });
});
