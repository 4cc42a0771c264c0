import { describe, expect, it, vi } from 'vitest';
import { createWalletStore, withdrawProblem } from './wallet';
import { createRewardsStore, PAGES_PER_LOAD } from './rewards';
import { entryTitle, withdrawalStatus } from './labels';
import { errReply, LOST, okReply, scriptedClient, type Script } from '@channel-router/ui/testing';

const ORG = 'store_th';
const entry = (key: string, amount: number, kind = 'store_reward') => ({ key, kind, amount, ref: 'c', at: 0 });
const wd = (id: string, requestedAt: number, status = 'requested') => ({ id, owner: `org:${ORG}`, requestedBy: 'u', amount: 100, status, requestedAt, reason: null });

function setup(script: Script, confirm = true) {
  const { client, sent } = scriptedClient(script);
  const confirmWithdraw = vi.fn(async () => confirm);
  return { store: createWalletStore({ client, confirmWithdraw }), sent, confirmWithdraw };
}

const loaded = (balance: number): Script => ({
  'wallet.balance': [okReply({ balance, reserved: 0 })],
  'wallet.history': [okReply({ entries: [], cursor: null })],
  'wallet.listWithdrawals': [okReply({ withdrawals: [] })],
});

describe('store wallet', () => {
  it('loads the store\'s balance, history and withdrawals with its orgId; pages history by cursor', async () => {
    const { store, sent } = setup({
      'wallet.balance': [okReply({ balance: 240, reserved: 100 })],
      'wallet.history': [okReply({ entries: [entry('a', 50)], cursor: 'c2' }), okReply({ entries: [entry('b', 40)], cursor: null })],
      'wallet.listWithdrawals': [okReply({ withdrawals: [wd('w1', 1), wd('w2', 5, 'paid')] })],
    });
    await store.getState().load(ORG);
    expect(sent.map((s) => s.event['orgId'])).toEqual([ORG, ORG, ORG]);
    expect(store.getState().balance).toEqual({ status: 'ready', value: { balance: 240, reserved: 100 } });
    const w = store.getState().withdrawals;
    expect(w.status === 'ready' && w.value.map((x) => x.id)).toEqual(['w2', 'w1']);
    await store.getState().loadMore();
    expect(store.getState().entries.map((e) => e.key)).toEqual(['a', 'b']);
    await store.getState().loadMore(); // the end: nothing more asked
    expect(sent.filter((s) => s.name === 'wallet.history')).toHaveLength(2);
  });

  it('says plainly when a clerk opens the wallet (the server refuses)', async () => {
    const { store } = setup({
      'wallet.balance': [errReply('FORBIDDEN', "only the organisation's owner can use its wallet", 'orgId')],
      'wallet.history': [errReply('FORBIDDEN')],
      'wallet.listWithdrawals': [errReply('FORBIDDEN')],
    });
    await store.getState().load(ORG);
    expect(store.getState().balance).toMatchObject({ status: 'error', error: { code: 'FORBIDDEN', userMessage: '您没有权限进行这个操作' } });
  });

  it('checks the amount before asking: empty, malformed, below the minimum, above the balance', () => {
    expect(withdrawProblem('', 100).problem).toBe('请输入提现金额');
    expect(withdrawProblem('1.234', 100).problem).toBe('提现金额格式不对，例如 5 或 5.20');
    expect(withdrawProblem('0.05', 100).problem).toBe('提现金额最少 ¥0.10');
    expect(withdrawProblem('2', 100).problem).toBe('提现金额超过可提现余额 ¥1.00');
    expect(withdrawProblem('1', 100)).toEqual({ fen: 100, problem: null });
  });

  it('names the field and sends nothing for a bad amount, or when the owner declines', async () => {
    const { store, sent, confirmWithdraw } = setup(loaded(1000), false);
    await store.getState().load(ORG);
    store.getState().setAmountText('abc');
    await store.getState().submitWithdraw();
    expect(store.getState().withdraw.fieldError).toBe('提现金额格式不对，例如 5 或 5.20');
    expect(confirmWithdraw).not.toHaveBeenCalled();
    store.getState().setAmountText('5');
    await store.getState().submitWithdraw();
    expect(confirmWithdraw).toHaveBeenCalledWith(500);
    expect(sent.some((s) => s.name === 'wallet.withdraw')).toBe(false);
    expect(store.getState().withdraw.status).toBe('idle');
  });

  it('withdraws once per intent: a retry after a lost reply carries the same requestId and orgId', async () => {
    const { store, sent } = setup({
      'wallet.balance': [okReply({ balance: 1000 }), okReply({ balance: 500, reserved: 500 })],
      'wallet.history': [okReply({ entries: [], cursor: null }), okReply({ entries: [entry('w', -500, 'withdrawal_reserve')], cursor: null })],
      'wallet.listWithdrawals': [okReply({ withdrawals: [] }), okReply({ withdrawals: [wd('w1', 9)] })],
      'wallet.withdraw': [LOST, okReply({ withdrawalId: 'w1', status: 'requested' })],
    });
    await store.getState().load(ORG);
    store.getState().setAmountText('5');
    await store.getState().submitWithdraw();
    expect(store.getState().withdraw).toMatchObject({ status: 'failed', retryable: true, error: { userMessage: '网络不稳定，请重试' } });
    await store.getState().retryWithdraw();
    const sends = sent.filter((s) => s.name === 'wallet.withdraw').map((s) => s.event);
    expect(sends).toHaveLength(2);
    expect(sends[0]!['requestId']).toBe(sends[1]!['requestId']);
    expect(sends[0]).toMatchObject({ amount: 500, orgId: ORG });
    expect(store.getState().withdraw).toMatchObject({ status: 'done', result: { status: 'requested' } });
    expect(store.getState().balance).toEqual({ status: 'ready', value: { balance: 500, reserved: 500 } });
  });

  it('starts a new intent when the owner changes the amount after a refusal', async () => {
    const { store, sent } = setup({ ...loaded(1000), 'wallet.withdraw': [errReply('INSUFFICIENT_FUNDS'), errReply('RATE_LIMITED')] });
    await store.getState().load(ORG);
    store.getState().setAmountText('5');
    await store.getState().submitWithdraw();
    expect(store.getState().withdraw).toMatchObject({ retryable: false, error: { userMessage: '可提现余额不足' } });
    store.getState().setAmountText('4');
    await store.getState().submitWithdraw();
    const keys = sent.filter((s) => s.name === 'wallet.withdraw').map((s) => s.event['requestId']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('labels history rows and withdrawal states in Chinese, never raw', () => {
    expect(entryTitle('store_reward')).toBe('门店奖励');
    expect(entryTitle('brand_new_kind')).toBe('其他');
    expect(withdrawalStatus('requested')).toEqual({ text: '审核中', tone: 'warning' });
    expect(withdrawalStatus('???').text).toBe('处理中');
  });
});

describe('rewards earned', () => {
  it('lists only store rewards, with their total, reading on past pages without any', async () => {
    const { client, sent } = scriptedClient({
      'wallet.history': [
        okReply({ entries: [entry('w', -100, 'withdrawal_reserve')], cursor: 'p2' }),
        okReply({ entries: [entry('r1', 50), entry('x', 10, 'withdrawal_release'), entry('r2', 40)], cursor: 'p3' }),
        okReply({ entries: [entry('r3', 50)], cursor: null }),
      ],
    });
    const store = createRewardsStore({ client });
    await store.getState().load(ORG);
    expect(store.getState()).toMatchObject({ status: 'idle', totalFen: 90, complete: false, cursor: 'p3' });
    expect(store.getState().rewards.map((r) => r.key)).toEqual(['r1', 'r2']);
    await store.getState().loadMore();
    expect(store.getState()).toMatchObject({ totalFen: 140, complete: true });
    expect(sent.map((s) => s.event)).toEqual([
      { action: 'history', orgId: ORG, limit: 100 },
      { action: 'history', orgId: ORG, cursor: 'p2', limit: 100 },
      { action: 'history', orgId: ORG, cursor: 'p3', limit: 100 },
    ]);
    await store.getState().loadMore();
    expect(sent).toHaveLength(3);
  });

  it(`stops after ${PAGES_PER_LOAD} pages without rewards, and keeps going on the next tap`, async () => {
    const pages = Array.from({ length: PAGES_PER_LOAD + 1 }, (_, i) => okReply({ entries: [entry(`w${i}`, -1, 'withdrawal_reserve')], cursor: i === PAGES_PER_LOAD ? null : `p${i + 1}` }));
    const { client, sent } = scriptedClient({ 'wallet.history': pages });
    const store = createRewardsStore({ client });
    await store.getState().load(ORG);
    expect(sent).toHaveLength(PAGES_PER_LOAD);
    expect(store.getState()).toMatchObject({ rewards: [], complete: false });
    await store.getState().loadMore();
    expect(sent).toHaveLength(PAGES_PER_LOAD + 1);
    expect(store.getState()).toMatchObject({ rewards: [], complete: true });
  });

  it('shows an error in plain words and starts over on retry after a failed first page', async () => {
    const { client } = scriptedClient({ 'wallet.history': [LOST, okReply({ entries: [entry('r1', 50)], cursor: null })] });
    const store = createRewardsStore({ client });
    await store.getState().load(ORG);
    expect(store.getState()).toMatchObject({ status: 'error', complete: false, error: { userMessage: '网络不稳定，请重试' } });
    await store.getState().loadMore();
    expect(store.getState()).toMatchObject({ status: 'idle', totalFen: 50, complete: true });
  });
});
