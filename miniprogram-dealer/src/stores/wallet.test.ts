import { describe, expect, it, vi } from 'vitest';
import { createWalletStore, withdrawProblem } from './wallet';
import { errReply, LOST, okReply, scriptedClient, type Script } from '@channel-router/ui/testing';

const ORG = 'dealer_gd';
const entry = (key: string, amount: number) => ({ key, kind: 'dealer_rebate', amount, ref: 'c', at: 0 });
const emptyLists = () => ({ 'wallet.history': [okReply({ entries: [], cursor: null })], 'wallet.listWithdrawals': [okReply({ withdrawals: [] })] });

function setup(script: Script, confirm = true) {
  const { client, sent } = scriptedClient(script);
  const confirmWithdraw = vi.fn(async () => confirm);
  return { store: createWalletStore({ client, confirmWithdraw }), sent, confirmWithdraw };
}

describe('org wallet (rebates)', () => {
  it("loads the org's balance, history and withdrawals with its orgId, then appends history by cursor", async () => {
    const { store, sent } = setup({
      'wallet.balance': [okReply({ balance: 140, reserved: 20 })],
      'wallet.history': [okReply({ entries: [entry('a', 30)], cursor: 'c2' }), okReply({ entries: [entry('b', 20)], cursor: null })],
      'wallet.listWithdrawals': [okReply({ withdrawals: [{ id: 'w1', owner: 'org:x', requestedBy: 'u', amount: 20, status: 'requested', requestedAt: 1, reason: null }] })],
    });
    await store.getState().load(ORG);
    expect(store.getState().balance).toEqual({ status: 'ready', value: { balance: 140, reserved: 20 } });
    expect(store.getState().withdrawals).toMatchObject({ status: 'ready', value: [{ id: 'w1', status: 'requested' }] });
    await store.getState().loadMore();
    expect(store.getState().history.entries.map((e) => e.key)).toEqual(['a', 'b']);
    expect(sent.map((s) => s.event['orgId'])).toEqual([ORG, ORG, ORG, ORG]);
    expect(sent.filter((s) => s.name === 'wallet.history').map((s) => s.event['cursor'])).toEqual([undefined, 'c2']);
  });

  it('names the amount field in every problem, before asking anything', () => {
    expect(withdrawProblem('', 100).problem).toBe('请填写提现金额');
    expect(withdrawProblem('0.05', 100).problem).toBe('提现金额最少 ¥0.10');
    expect(withdrawProblem('2', 100).problem).toBe('提现金额超过可提现余额 ¥1.00');
    expect(withdrawProblem('1.234', 100).problem).toBe('提现金额格式不对，例如 5 或 5.20');
    expect(withdrawProblem('1', 100)).toEqual({ fen: 100, problem: null });
  });

  it('shows the problem on the field and sends nothing for a bad amount; asks first and sends nothing when declined', async () => {
    const { store, sent, confirmWithdraw } = setup({ 'wallet.balance': [okReply({ balance: 1000 })], ...emptyLists() }, false);
    await store.getState().load(ORG);
    store.getState().setAmountText('20');
    await store.getState().submitWithdraw();
    expect(store.getState().withdraw.fieldError).toBe('提现金额超过可提现余额 ¥10.00');
    expect(confirmWithdraw).not.toHaveBeenCalled();
    store.getState().withdrawAll();
    expect(store.getState().withdraw.amountText).toBe('10.00');
    await store.getState().submitWithdraw();
    expect(confirmWithdraw).toHaveBeenCalledWith(1000);
    expect(sent.some((s) => s.name === 'wallet.withdraw')).toBe(false);
  });

  it('withdraws once per intent: a retry after a lost reply carries the same requestId and orgId', async () => {
    const { store, sent } = setup({
      'wallet.balance': [okReply({ balance: 1000 }), okReply({ balance: 500, reserved: 500 })],
      'wallet.history': [okReply({ entries: [], cursor: null }), okReply({ entries: [entry('w', -500)], cursor: null })],
      'wallet.listWithdrawals': [okReply({ withdrawals: [] }), okReply({ withdrawals: [] })],
      'wallet.withdraw': [LOST, okReply({ withdrawalId: 'w1', status: 'requested' })],
    });
    await store.getState().load(ORG);
    store.getState().setAmountText('5');
    await store.getState().submitWithdraw();
    expect(store.getState().withdraw).toMatchObject({ status: 'failed', error: { userMessage: '网络不稳定，请重试' } });
    await store.getState().retryWithdraw();
    const withdraws = sent.filter((s) => s.name === 'wallet.withdraw');
    expect(withdraws).toHaveLength(2);
    expect(withdraws[1]!.event).toEqual(withdraws[0]!.event);
    expect(withdraws[0]!.event).toMatchObject({ amount: 500, orgId: ORG, requestId: expect.stringMatching(/^i-/) });
    expect(store.getState().withdraw).toMatchObject({ status: 'done', result: { status: 'requested' } });
    expect(store.getState().balance).toEqual({ status: 'ready', value: { balance: 500, reserved: 500 } });
  });

  it('starts a new intent when the amount changes after a failure, and offers no retry for a refusal', async () => {
    const { store, sent } = setup({
      'wallet.balance': [okReply({ balance: 1000 })],
      ...emptyLists(),
      'wallet.withdraw': [errReply('INSUFFICIENT_FUNDS'), errReply('RATE_LIMITED')],
    });
    await store.getState().load(ORG);
    store.getState().setAmountText('5');
    await store.getState().submitWithdraw();
    expect(store.getState().withdraw.error?.userMessage).toBe('可提现余额不足');
    await store.getState().retryWithdraw(); // not retryable: nothing sent
    store.getState().setAmountText('4');
    await store.getState().submitWithdraw();
    const keys = sent.filter((s) => s.name === 'wallet.withdraw').map((s) => s.event['requestId']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it("never shows one org's figures under another", async () => {
    const { store } = setup({
      'wallet.balance': [okReply({ balance: 140 }), errReply('FORBIDDEN')],
      'wallet.history': [okReply({ entries: [entry('a', 30)], cursor: null }), errReply('FORBIDDEN')],
      'wallet.listWithdrawals': [okReply({ withdrawals: [] }), errReply('FORBIDDEN')],
    });
    await store.getState().load(ORG);
    await store.getState().load('wholesaler_fs');
    const s = store.getState();
    expect(s.orgId).toBe('wholesaler_fs');
    expect(s.balance.status).toBe('error');
    expect(s.history.entries).toEqual([]);
  });
});
