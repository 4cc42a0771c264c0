import { describe, expect, it, vi } from 'vitest';
import { createClient } from '@channel-router/shared/client';
import { createFundStore, fundProblem } from './fund';
import { errReply, LOST, okReply, scriptedTransport, type Script } from '@channel-router/ui/testing';

function setup(script: Script, yes = true, retryDelays_ms: number[] = []) {
  const t = scriptedTransport(script);
  const client = createClient(t.transport, { sleep: async () => {}, retryDelays_ms });
  const confirmFund = vi.fn(async () => yes);
  return { store: createFundStore({ client, confirmFund }), confirmFund, ...t };
}

describe('funding the reward budget', () => {
  it('checks the typed amount before asking anything', () => {
    expect(fundProblem('')).toEqual({ fen: null, problem: '请输入充值金额' });
    expect(fundProblem('1.234').problem).toContain('正确的金额');
    expect(fundProblem('0')).toEqual({ fen: 0, problem: '充值金额不能小于 ¥0.01' });
    expect(fundProblem('100000001')).toEqual({ fen: null, problem: '充值金额不能大于 ¥100000000.00' });
    expect(fundProblem('5000.5')).toEqual({ fen: 500050, problem: null });
  });

  it('asks for confirmation, and moves no money when the person declines', async () => {
    const { store, sent, confirmFund } = setup({}, false);
    store.getState().setAmountText('5000');
    await store.getState().submit();
    expect(confirmFund).toHaveBeenCalledWith(500000);
    expect(sent).toHaveLength(0);
  });

  it('tops up once per intent: the retry after a lost reply carries the same requestId', async () => {
    const { store, of } = setup({ 'wallet.fund': [LOST, okReply({ budget: 1_500_000 })] });
    store.getState().setAmountText('5000');
    await store.getState().submit();
    expect(store.getState()).toMatchObject({ status: 'failed', amountText: '5000', error: { userMessage: '网络不稳定，请重试' } });
    await store.getState().retry();
    const sends = of('wallet.fund');
    expect(sends).toHaveLength(2);
    expect(sends[0]!['requestId']).toBe(sends[1]!['requestId']);
    expect(sends[0]!['amount']).toBe(500000);
    expect(store.getState()).toMatchObject({ status: 'done', budgetAfter: 1_500_000, budget: { status: 'ready', value: 1_500_000 }, amountText: '' });
  });

  it("also reuses the key for the client's own automatic retries, and for a second tap on 充值 after a failure", async () => {
    const { store, of, confirmFund } = setup({ 'wallet.fund': [LOST, LOST, LOST, okReply({ budget: 100 })] }, true, [1, 1]);
    store.getState().setAmountText('1');
    await store.getState().submit();
    expect(store.getState().status).toBe('failed');
    await store.getState().submit();
    expect(confirmFund).toHaveBeenCalledTimes(1);
    expect(new Set(of('wallet.fund').map((e) => e['requestId'])).size).toBe(1);
    expect(store.getState().status).toBe('done');
  });

  it('starts a new intent when the amount is changed after a failure', async () => {
    const { store, of } = setup({ 'wallet.fund': [errReply('FORBIDDEN'), okReply({ budget: 1 })] });
    store.getState().setAmountText('2');
    await store.getState().submit();
    expect(store.getState().error?.userMessage).toBe('您没有权限进行这个操作');
    store.getState().setAmountText('3');
    await store.getState().submit();
    const keys = of('wallet.fund').map((e) => e['requestId']);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('reads the budget from the dashboard totals', async () => {
    const { store } = setup({ 'report.dashboard': [okReply({ totals: { budget: 998261 }, daily: [], diversion: { byDealer: [], byRegion: [] } })] });
    await store.getState().loadBudget();
    expect(store.getState().budget).toEqual({ status: 'ready', value: 998261 });
  });
});
