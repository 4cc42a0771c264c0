import { describe, expect, it, vi } from 'vitest';
import { createClient } from './client.js';
import { INTENT_PATTERN, newIntent } from './intent.js';
import { ERROR_MESSAGES, NETWORK_MESSAGE, userMessage } from './messages.js';
import type { RawReply, Transport } from './types.js';
import { ERROR_CODES } from '../result.js';
import { FUNCTION_ACTIONS } from '../api/actions.js';

/** A transport that answers from a script and records what it was sent. */
function scripted(replies: RawReply[]) {
  const sent: Array<{ fn: string; event: Record<string, unknown> }> = [];
  const transport: Transport = async (fn, event) => {
    sent.push({ fn, event: { ...event } });
    const next = replies.shift();
    if (next === undefined) throw new Error('script ran out of replies');
    return next;
  };
  return { transport, sent };
}

const lost: RawReply = { ok: false, error: { code: 'NETWORK', message: 'timeout' } };
const noSleep = async () => {};

describe('createClient', () => {
  it('exposes one method per action of the contract and sends { action, ...request } to the function', async () => {
    const { transport, sent } = scripted([{ ok: true, data: { genuine: true, verifications: 1 } }]);
    const client = createClient(transport, { sleep: noSleep });
    for (const [fn, actions] of Object.entries(FUNCTION_ACTIONS)) {
      for (const action of actions) expect(typeof (client as unknown as Record<string, Record<string, unknown>>)[fn]![action]).toBe('function');
    }
    const r = await client.scan.verify({ code: 'ABC' });
    expect(r).toEqual({ ok: true, data: { genuine: true, verifications: 1 } });
    expect(sent).toEqual([{ fn: 'scan', event: { action: 'verify', code: 'ABC' } }]);
  });

  it('retries a money move after a lost reply with the same requestId, and stops at success', async () => {
    const { transport, sent } = scripted([lost, lost, { ok: true, data: { withdrawalId: 'w1', status: 'requested' } }]);
    const sleep = vi.fn(noSleep);
    const client = createClient(transport, { sleep, retryDelays_ms: [10, 20] });
    const intent = client.newIntent();
    const r = await client.wallet.withdraw({ amount: 500 }, { intent });
    expect(r.ok).toBe(true);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((s) => s.event['requestId']))).toEqual(new Set([intent]));
    expect(sent[0]!.event).toEqual({ action: 'withdraw', amount: 500, requestId: intent });
    expect(sleep.mock.calls).toEqual([[10], [20]]);
  });

  it('gives up after the last attempt and says the network failed, in Chinese', async () => {
    const { transport, sent } = scripted([lost, lost, lost]);
    const client = createClient(transport, { sleep: noSleep });
    const r = await client.wallet.balance({});
    expect(sent).toHaveLength(3);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('NETWORK');
      expect(r.error.userMessage).toBe('网络不稳定，请重试');
    }
  });

  it('does not retry a write that carries no idempotency key (receive), nor a business error', async () => {
    const a = scripted([lost]);
    const r1 = await createClient(a.transport, { sleep: noSleep }).scan.receive({ codes: ['X'] });
    expect(a.sent).toHaveLength(1);
    expect(r1.ok).toBe(false);

    const b = scripted([{ ok: false, error: { code: 'INSUFFICIENT_FUNDS', message: 'balance 3 < 500' } }]);
    const r2 = await createClient(b.transport, { sleep: noSleep }).wallet.withdraw({ amount: 500 }, { intent: newIntent() });
    expect(b.sent).toHaveLength(1);
    expect(r2.ok === false && r2.error.userMessage).toBe('可提现余额不足');
  });

  it('keys a creating write when given an intent (retried with the same requestId), and sends it unkeyed once otherwise', async () => {
    const keyed = scripted([lost, { ok: true, data: { items: 240, eventId: 'evt_1' } }]);
    const client = createClient(keyed.transport, { sleep: noSleep, retryDelays_ms: [1, 1] });
    const intent = client.newIntent();
    const r = await client.scan.ship({ codes: ['C1'], toOrgId: 'dealer_1' }, { intent });
    expect(r).toEqual({ ok: true, data: { items: 240, eventId: 'evt_1' } });
    expect(keyed.sent.map((x) => x.event)).toEqual([
      { action: 'ship', codes: ['C1'], toOrgId: 'dealer_1', requestId: intent },
      { action: 'ship', codes: ['C1'], toOrgId: 'dealer_1', requestId: intent },
    ]);
    const plain = scripted([lost]);
    const client2 = createClient(plain.transport, { sleep: noSleep, retryDelays_ms: [1, 1] });
    const r2 = await client2.codes.createBatch({ productId: 'prd_1', cases: 2 });
    expect(r2.ok).toBe(false);
    expect(plain.sent.map((x) => x.event)).toEqual([{ action: 'createBatch', productId: 'prd_1', cases: 2 }]);
    await expect(client2.scan.receive({ codes: ['C1'] }, { intent } as never)).rejects.toThrow('takes no intent');
  });

  it('refuses a money move without an intent (a double tap could pay twice)', async () => {
    const { transport, sent } = scripted([]);
    const client = createClient(transport, { sleep: noSleep });
    // @ts-expect-error: the type demands { intent }
    await expect(client.wallet.withdraw({ amount: 1 })).rejects.toThrow(/intent/);
    await expect(client.wallet.withdraw({ amount: 1 }, { intent: 'x' as never })).rejects.toThrow(/intent/);
    expect(sent).toHaveLength(0);
  });

  it('maps error codes to plain words per action and reports UNAUTHENTICATED to the app', async () => {
    const onUnauthenticated = vi.fn();
    const { transport } = scripted([
      { ok: false, error: { code: 'INVALID_CODE', message: 'bad mac' } },
      { ok: false, error: { code: 'UNAUTHENTICATED', message: 'no token' } },
      { ok: false, error: { code: 'ALREADY_REDEEMED', message: 'spent' } },
    ]);
    const client = createClient(transport, { sleep: noSleep, onUnauthenticated });
    const r1 = await client.scan.verify({ code: 'x' });
    expect(r1.ok === false && r1.error.userMessage).toBe('这不是有效的码，请确认是否为正品');
    const r2 = await client.wallet.balance({});
    expect(r2.ok === false && r2.error.userMessage).toBe('请先登录');
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    const r3 = await client.scan.redeem({ code: 'x' }, { intent: newIntent() });
    expect(r3.ok === false && r3.error).toMatchObject({ code: 'ALREADY_REDEEMED', message: 'spent', userMessage: '这个码的奖励已经被领取过了' });
  });
});

describe('messages', () => {
  it('has Chinese words for every contract error code and the client-only ones, never the raw code', () => {
    for (const code of [...ERROR_CODES, 'NETWORK', 'BAD_REPLY'] as const) {
      const words = ERROR_MESSAGES[code];
      expect(words, code).toMatch(/[\u4e00-\u9fff]/);
      expect(words).not.toContain(code);
    }
    expect(NETWORK_MESSAGE).toBe('网络不稳定，请重试');
    expect(userMessage('INVALID_ARGUMENT', undefined, 'amount')).toBe('金额填写有误，请检查后重试');
    expect(userMessage('INVALID_ARGUMENT', undefined, 'mystery')).toBe(ERROR_MESSAGES.INVALID_ARGUMENT);
  });
});

describe('newIntent', () => {
  it('makes distinct keys that satisfy the server requestId rule, with or without crypto', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 2000; i++) keys.add(newIntent());
    expect(keys.size).toBe(2000);
    for (const k of keys) expect(k).toMatch(INTENT_PATTERN);
    let n = 0;
    const counterBytes = (len: number) => Uint8Array.from({ length: len }, () => n++ & 255);
    expect(newIntent(counterBytes)).not.toBe(newIntent(counterBytes));
    expect(() => newIntent(() => new Uint8Array(3))).toThrow();
  });
});
