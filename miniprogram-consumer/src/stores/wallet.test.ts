import { describe, expect, it, vi } from 'vitest';
import { createClient } from '@channel-router/shared/client';
import { createWalletStore, withdrawProblem } from './wallet';
import { entryTime, entryTitle, withdrawalStatus } from './format';
import { errReply, LOST, okReply, scriptedTransport, type Script } from './test-transport';

function setup(script: Script, confirm = true) {
  const { transport, sent } = scriptedTransport(script);
  const client = createClient(transport, { sleep: async () => {}, retryDelays_ms: [] });
  const confirmWithdraw = vi.fn(async () => confirm);
  return { store: createWalletStore({ client, confirmWithdraw }), sent, confirmWithdraw };
}

const entry = (key: string, amount: number) => ({ key, kind: 'consumer_reward', amount, ref: 'c', at: 0 });
const withdrawal = (id: string, amount: number, status: string) => ({ id, owner: 'person:u1', requestedBy: 'u1', amount, status, requestedAt: 0, reason: null });

describe('wallet', () => {
  it('loads balance and the first history page, then appends the next page by cursor', async () => {
    const { store, sent } = setup({
      'wallet.balance': [okReply({ balance: 1500, reserved: 200 })],
      'wallet.history': [okReply({ entries: [entry('a', 1000)], cursor: 'c2' }), okReply({ entries: [entry('b', 500)], cursor: null })],
      'wallet.listWithdrawals': [okReply({ withdrawals: [] })],
    });
    await store.getState().load();
    expect(store.getState().balance).toEqual({ status: 'ready', value: { balance: 1500, reserved: 200 } });
    await store.getState().loadMore();
    expect(store.getState().entries.map((e) => e.key)).toEqual(['a', 'b']);
    expect(sent.filter((s) => s.name === 'wallet.history').map((s) => s.event['cursor'])).toEqual([undefined, 'c2']);
    await store.getState().loadMore(); // cursor null: nothing more to ask
    expect(sent.filter((s) => s.name === 'wallet.history')).toHaveLength(2);
  });

  it('rejects amounts below the minimum, above the balance, or malformed, before asking', () => {
    expect(withdrawProblem('', 100).problem).toBe('请输入提现金额');
    expect(withdrawProblem('0.05', 100).problem).toBe('最少提现 ¥0.10');
    expect(withdrawProblem('2', 100).problem).toBe('超过可提现余额 ¥1.00');
    expect(withdrawProblem('1.234', 100).problem).toContain('正确的金额');
    expect(withdrawProblem('1', 100)).toEqual({ fen: 100, problem: null });
  });

  it('asks for confirmation and sends nothing when declined', async () => {
    const { store, sent, confirmWithdraw } = setup({ 'wallet.balance': [okReply({ balance: 1000 })], 'wallet.history': [okReply({ entries: [], cursor: null })], 'wallet.listWithdrawals': [okReply({ withdrawals: [] })] }, false);
    await store.getState().load();
    store.getState().setAmountText('5');
    await store.getState().submitWithdraw();
    expect(confirmWithdraw).toHaveBeenCalledWith(500);
    expect(sent.some((s) => s.name === 'wallet.withdraw')).toBe(false);
  });

  it('withdraws once per intent: a retry after a lost reply carries the same requestId', async () => {
    const { store, sent } = setup({
      'wallet.balance': [okReply({ balance: 1000 }), okReply({ balance: 500, reserved: 500 })],
      'wallet.history': [okReply({ entries: [], cursor: null }), okReply({ entries: [entry('w', -500)], cursor: null })],
      'wallet.listWithdrawals': [okReply({ withdrawals: [] }), okReply({ withdrawals: [withdrawal('w1', 500, 'requested')] })],
      'wallet.withdraw': [LOST, okReply({ withdrawalId: 'w1', status: 'requested' })],
    });
    await store.getState().load();
    store.getState().setAmountText('5');
    await store.getState().submitWithdraw();
    expect(store.getState().withdraw).toMatchObject({ status: 'failed', error: { userMessage: '网络不稳定，请重试' } });
    await store.getState().retryWithdraw();
    const withdraws = sent.filter((s) => s.name === 'wallet.withdraw');
    expect(withdraws).toHaveLength(2);
    expect(withdraws[0]!.event['requestId']).toBe(withdraws[1]!.event['requestId']);
    expect(withdraws[0]!.event['amount']).toBe(500);
    expect(store.getState().withdraw).toMatchObject({ status: 'done', result: { status: 'requested' } });
    expect(store.getState().balance).toEqual({ status: 'ready', value: { balance: 500, reserved: 500 } });
    expect(store.getState().withdrawals).toEqual({ status: 'ready', value: [withdrawal('w1', 500, 'requested')] });
  });

  it('lists the person\'s own withdrawals with where each stands, in words', async () => {
    const { store, sent } = setup({
      'wallet.balance': [okReply({ balance: 88 })],
      'wallet.history': [okReply({ entries: [], cursor: null })],
      'wallet.listWithdrawals': [okReply({ withdrawals: [withdrawal('w2', 100, 'paid'), withdrawal('w1', 50, 'rejected')] })],
    });
    await store.getState().load();
    // No orgId: the person's own wallet, never an org's.
    expect(sent.find((s) => s.name === 'wallet.listWithdrawals')?.event).toEqual({ action: 'listWithdrawals' });
    const shown = store.getState().withdrawals;
    expect(shown.status === 'ready' ? shown.value.map((w) => [w.id, withdrawalStatus(w.status).text]) : shown).toEqual([
      ['w2', '已到账'],
      ['w1', '未通过，已退回余额'],
    ]);
    expect(withdrawalStatus('requested').text).toBe('审核中');
    expect(withdrawalStatus('something_new').text).toBe('处理中');
  });

  it('starts a new intent when the person changes the amount after a failure', async () => {
    const { store, sent } = setup({
      'wallet.balance': [okReply({ balance: 1000 })],
      'wallet.history': [okReply({ entries: [], cursor: null })],
      'wallet.listWithdrawals': [okReply({ withdrawals: [] })],
      'wallet.withdraw': [errReply('INSUFFICIENT_FUNDS'), errReply('RATE_LIMITED')],
    });
    await store.getState().load();
    store.getState().setAmountText('5');
    await store.getState().submitWithdraw();
    expect(store.getState().withdraw.error?.userMessage).toBe('可提现余额不足');
    store.getState().setAmountText('4');
    await store.getState().submitWithdraw();
    const keys = sent.filter((s) => s.name === 'wallet.withdraw').map((s) => s.event['requestId']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('names history rows in Chinese and never shows a raw kind', () => {
    expect(entryTitle({ kind: 'consumer_reward' })).toBe('扫码奖励');
    expect(entryTitle({ kind: 'something_new' })).toBe('其他');
    expect(entryTime(Date.UTC(2025, 0, 2, 3, 4))).toMatch(/^2025-01-0[12] \d\d:04$/);
  });
});
