import { describe, expect, it, vi } from 'vitest';
import { ledgerKindLabel, withdrawalStatusView } from './labels';
import { errReply, LOST, okReply, scriptedClient, type Script } from './testing';
import { createWallet, MIN_WITHDRAW_FEN, withdrawProblem } from './wallet';

// Goal: one wallet for a person and for an org: it reads the right wallet, never shows another
// one's figures, checks an amount against the shared policy before asking, and withdraws once per
// confirmed intent however often a lost reply is retried.

const ORG = 'store_th';
const entry = (key: string, amount: number, kind = 'store_reward') => ({ key, kind, amount, ref: 'c', at: 0 });
const wd = (id: string, requestedAt: number, status = 'requested') => ({ id, owner: `org:${ORG}`, requestedBy: 'u', amount: 100, status, requestedAt, reason: null });

function setup(script: Script, confirm = true) {
  const { client, sent } = scriptedClient(script);
  const confirmWithdraw = vi.fn(async () => confirm);
  return { store: createWallet({ client, confirmWithdraw, forbidden: '只有店主可以提现门店钱包' }), sent, confirmWithdraw };
}

const loaded = (balance: number): Script => ({
  'wallet.balance': [okReply({ balance, reserved: 0 })],
  'wallet.history': [okReply({ entries: [], cursor: null })],
  'wallet.listWithdrawals': [okReply({ withdrawals: [] })],
});

describe('wallet', () => {
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
    expect(withdrawProblem('', 100).problem).toBe('请填写提现金额');
    expect(MIN_WITHDRAW_FEN).toBe(10); // the shared policy's minimum
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
    expect(ledgerKindLabel('store_reward')).toBe('门店奖励');
    expect(ledgerKindLabel('brand_new_kind')).toBe('其他');
    expect(withdrawalStatusView('requested')).toEqual({ text: '审核中', tone: 'warning' });
    expect(withdrawalStatusView('???').text).toBe('处理中');
    for (const s of ['requested', 'approved', 'rejected', 'paid', 'failed']) expect(withdrawalStatusView(s).text).toMatch(/[\u4e00-\u9fff]/);
    expect(ledgerKindLabel('dealer_rebate')).toBe('动销返利');
  });

  it('reads the person’s own wallet without an orgId, and clears another wallet’s figures when switching', async () => {
    const { store, sent } = setup({
      'wallet.balance': [okReply({ balance: 240, reserved: 0 }), okReply({ balance: 188 })],
      'wallet.history': [okReply({ entries: [entry('a', 50)], cursor: null }), okReply({ entries: [], cursor: null })],
      'wallet.listWithdrawals': [okReply({ withdrawals: [] }), okReply({ withdrawals: [] })],
    });
    await store.getState().load(ORG);
    const switching = store.getState().load(null);
    expect(store.getState()).toMatchObject({ orgId: null, entries: [], balance: { status: 'loading' } });
    await switching;
    expect(sent.slice(3).map((s) => s.event)).toEqual([{ action: 'balance' }, { action: 'history', limit: 20 }, { action: 'listWithdrawals' }]);
    expect(store.getState().balance).toEqual({ status: 'ready', value: { balance: 188, reserved: 0 } });
  });

  it('fills in the whole balance, and says who may withdraw when the server refuses', async () => {
    const { store } = setup({ ...loaded(1234), 'wallet.withdraw': [errReply('FORBIDDEN')] });
    await store.getState().load(ORG);
    store.getState().withdrawAll();
    expect(store.getState().withdraw.amountText).toBe('12.34');
    await store.getState().submitWithdraw();
    expect(store.getState().withdraw).toMatchObject({ status: 'failed', retryable: false, error: { userMessage: '只有店主可以提现门店钱包' } });
  });
});
