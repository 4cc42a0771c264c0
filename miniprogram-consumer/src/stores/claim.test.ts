import { describe, expect, it, vi } from 'vitest';
import { createClient } from '@channel-router/shared/client';
import { createClaimStore } from './claim';
import { claimView, MANY_VERIFICATIONS } from './claim-view';
import { errReply, LOST, okReply, scriptedTransport, type Script } from './test-transport';

const CODE = 'ABCDEFGHJKMNPQRSTVWXYZ0123';
const URL = `https://brand.example/c/${CODE.toLowerCase()}`;

function setup(script: Script, confirm = true) {
  const { transport, sent } = scriptedTransport(script);
  const client = createClient(transport, { sleep: async () => {} });
  const confirmRedeem = vi.fn(async () => confirm);
  const store = createClaimStore({ client, confirmRedeem, locate: async () => ({ lat: 23.13, lng: 113.26 }) });
  return { store, sent, confirmRedeem };
}

describe('consumer claim flow', () => {
  it('verifies a scanned code URL and shows a genuine product', async () => {
    const { store, sent } = setup({ 'scan.verify': [okReply({ genuine: true, productId: 'p1', level: 'item', verifications: 1 })] });
    await store.getState().submit(URL);
    expect(sent).toEqual([{ name: 'scan.verify', event: { action: 'verify', code: CODE, location: { lat: 23.13, lng: 113.26 } } }]);
    const { phase, mode } = store.getState();
    expect(phase.kind).toBe('verified');
    expect(claimView(phase, mode)).toMatchObject({ status: 'success', title: '正品 · 验证通过', actions: ['redeem', 'again'] });
  });

  it('warns when a genuine code has been checked many times, and says so when it is not genuine', () => {
    const many = claimView({ kind: 'verified', code: CODE, result: { genuine: true, verifications: MANY_VERIFICATIONS } }, 'verify');
    expect(many?.status).toBe('warning');
    expect(many?.description).toContain(`${MANY_VERIFICATIONS} 次`);
    expect(claimView({ kind: 'verified', code: CODE, result: { genuine: false, verifications: 1 } }, 'verify')?.title).toBe('未能验证为正品');
  });

  it('answers a malformed code at once, without a request', async () => {
    const { store, sent } = setup({});
    await store.getState().submit('not a code');
    expect(sent).toHaveLength(0);
    const v = claimView(store.getState().phase, 'verify');
    expect(v).toMatchObject({ status: 'fail', title: '无效的码', description: '这不是有效的码，请确认是否为正品' });
  });

  it('asks before redeeming, and sends nothing when the person says no', async () => {
    const { store, sent, confirmRedeem } = setup({}, false);
    store.getState().setMode('redeem');
    await store.getState().submit(CODE);
    expect(confirmRedeem).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(0);
    expect(store.getState().phase.kind).toBe('idle');
  });

  it('redeems after confirmation and shows the amount credited', async () => {
    const { store } = setup({ 'scan.redeem': [okReply({ reward: 888, productId: 'p1', alerts: [] })] });
    store.getState().setMode('redeem');
    await store.getState().submit(CODE);
    const v = claimView(store.getState().phase, 'redeem');
    expect(v).toMatchObject({ status: 'success', title: '领取成功', amountFen: 888, actions: ['wallet', 'again'] });
  });

  it('explains why nothing was paid: channel staff, empty budget, no reward set', () => {
    const phase = (reasonNotPaid?: 'CHANNEL_MEMBER' | 'BUDGET_EXHAUSTED') => ({
      kind: 'redeemed' as const,
      code: CODE,
      result: reasonNotPaid === undefined ? { reward: 0, productId: 'p', alerts: [] } : { reward: 0, productId: 'p', alerts: [], reasonNotPaid },
    });
    expect(claimView(phase('CHANNEL_MEMBER'), 'redeem')?.description).toContain('工作人员不能领取');
    expect(claimView(phase('BUDGET_EXHAUSTED'), 'redeem')?.title).toBe('奖励已发完');
    expect(claimView(phase(), 'redeem')?.title).toBe('此商品没有扫码奖励');
  });

  it('says plainly that a code was already redeemed, with no retry offered', async () => {
    const { store } = setup({ 'scan.redeem': [errReply('ALREADY_REDEEMED', 'spent')] });
    store.getState().setMode('redeem');
    await store.getState().submit(CODE);
    expect(claimView(store.getState().phase, 'redeem')).toMatchObject({
      title: '已经领取过了',
      description: '这个码的奖励已经被领取过了',
      actions: ['again'],
    });
  });

  it('offers retry after lost replies and resends the same claim (same key) without asking again', async () => {
    // The client itself retries a claim twice with its key; the third loss reaches the page.
    const { store, sent, confirmRedeem } = setup({ 'scan.redeem': [LOST, LOST, LOST, okReply({ reward: 100, productId: 'p1', alerts: [] })] });
    store.getState().setMode('redeem');
    await store.getState().submit(CODE);
    const failed = claimView(store.getState().phase, 'redeem');
    expect(failed).toMatchObject({ description: '网络不稳定，请重试', actions: ['retry', 'again'] });
    await store.getState().retry();
    expect(confirmRedeem).toHaveBeenCalledTimes(1);
    expect(sent.map((s) => s.event['code'])).toEqual([CODE, CODE, CODE, CODE]);
    const keys = new Set(sent.map((s) => s.event['requestId']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/\S{8,}/);
    expect(claimView(store.getState().phase, 'redeem')?.amountFen).toBe(100);
  });

  it('treats a later scan of a claimed code as a new claim (new key), so a spent code says so', async () => {
    const { store, sent } = setup({
      'scan.redeem': [okReply({ reward: 188, productId: 'p1', alerts: [] }), errReply('ALREADY_REDEEMED', 'spent')],
    });
    store.getState().setMode('redeem');
    await store.getState().submit(CODE);
    expect(claimView(store.getState().phase, 'redeem')?.amountFen).toBe(188);
    store.getState().reset();
    await store.getState().submit(CODE);
    expect(claimView(store.getState().phase, 'redeem')?.title).toBe('已经领取过了');
    const keys = sent.map((s) => s.event['requestId']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('ignores a second submit while one is in flight (no double redeem from a double tap)', async () => {
    const { store, sent, confirmRedeem } = setup({ 'scan.redeem': [okReply({ reward: 1, productId: 'p', alerts: [] })] });
    store.getState().setMode('redeem');
    // The second tap lands while the confirmation is open, and again while the request is out.
    const first = store.getState().submit(CODE);
    expect(store.getState().phase.kind).toBe('confirming');
    await store.getState().submit(CODE);
    await first;
    expect(confirmRedeem).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(1);
    expect(store.getState().phase.kind).toBe('redeemed');
  });
});

describe('a code the app was opened with (WeChat scan of the printed link)', () => {
  it('waits until the screen opens it, then verifies it in the verify tab, once', async () => {
    const { store, sent } = setup({ 'scan.verify': [okReply({ genuine: true, productId: 'p1', level: 'item', verifications: 1 })] });
    store.getState().setMode('redeem');
    store.getState().arrive(CODE);
    expect(sent).toHaveLength(0);
    await store.getState().openPending();
    await store.getState().openPending();
    expect(sent.map((s) => s.event)).toEqual([{ action: 'verify', code: CODE, location: { lat: 23.13, lng: 113.26 } }]);
    expect(store.getState()).toMatchObject({ mode: 'verify', pending: null, phase: { kind: 'verified', code: CODE } });
  });

  it('keeps the code for later while a claim is under way', async () => {
    const { store, sent } = setup({ 'scan.redeem': [okReply({ reward: 188, reasonNotPaid: null, eventId: 'e' })], 'scan.verify': [okReply({ genuine: true, verifications: 2 })] });
    store.getState().setMode('redeem');
    const claiming = store.getState().submit(CODE);
    store.getState().arrive('3K1R1NXJ1219GHPGPMSTG5ZZ41');
    await store.getState().openPending();
    expect(store.getState().pending).toBe('3K1R1NXJ1219GHPGPMSTG5ZZ41');
    await claiming;
    await store.getState().openPending();
    expect(sent.map((s) => s.name)).toEqual(['scan.redeem', 'scan.verify']);
  });

  it('refuses a code that is not canonical: the caller must have parsed it', () => {
    const { store } = setup({});
    expect(() => store.getState().arrive('not a code')).toThrow(/canonical/);
  });
});
