import { describe, expect, it, vi } from 'vitest';
import type { WithdrawalView } from '@channel-router/shared/api';
import { createClient } from '@channel-router/shared/client';
import { namesFrom } from './directory';
import { createDecisionStore, createWithdrawalsStore, decisionConfirmText, decisionResultText, decisionsFor, payeeText } from './withdrawals';
import { errReply, LOST, okReply, scriptedTransport, type Script } from '@channel-router/ui/testing';

const W: WithdrawalView = { id: 'wd1', owner: 'person:demo-consumer-1', requestedBy: 'demo-consumer-1', amount: 200, status: 'requested', requestedAt: 1, reason: null };

function setup(script: Script, yes = true) {
  const t = scriptedTransport(script);
  const client = createClient(t.transport, { sleep: async () => {}, retryDelays_ms: [] });
  const list = createWithdrawalsStore({ client });
  const confirm = vi.fn(async () => yes);
  const decide = createDecisionStore({ client, confirm, refresh: () => list.getState().load() });
  return { list, decide, confirm, ...t };
}

describe('withdrawals to approve', () => {
  it('lists the ones waiting by default and any status on request', async () => {
    const { list, of } = setup({ 'wallet.listWithdrawals': [okReply({ withdrawals: [W] }), okReply({ withdrawals: [] })] });
    await list.getState().load();
    await list.getState().load('all');
    expect(of('wallet.listWithdrawals')).toEqual([{ action: 'listWithdrawals', status: 'requested' }, { action: 'listWithdrawals' }]);
    expect(list.getState()).toMatchObject({ filter: 'all', list: { status: 'ready', value: [] } });
  });

  it('approves only after confirmation, then reloads', async () => {
    const { decide, of, confirm } = setup({ 'wallet.approveWithdrawal': [okReply({ status: 'paid' })], 'wallet.listWithdrawals': [okReply({ withdrawals: [] })] });
    await decide.getState().act('wd1', 'approve');
    expect(confirm).toHaveBeenCalledWith('wd1', 'approve');
    expect(of('wallet.approveWithdrawal')).toEqual([{ action: 'approveWithdrawal', withdrawalId: 'wd1' }]);
    expect(decide.getState().done).toMatchObject({ action: 'approve', result: { status: 'paid' } });
    expect(of('wallet.listWithdrawals')).toHaveLength(1);
  });

  it('sends nothing when the admin declines, and ignores a second tap while one decision is out', async () => {
    const declined = setup({}, false);
    await declined.decide.getState().act('wd1', 'approve');
    expect(declined.sent).toHaveLength(0);

    const { decide, of } = setup({ 'wallet.rejectWithdrawal': [okReply({ status: 'rejected' })], 'wallet.listWithdrawals': [okReply({ withdrawals: [] })] });
    const first = decide.getState().act('wd1', 'reject');
    await decide.getState().act('wd1', 'reject');
    await first;
    expect(of('wallet.rejectWithdrawal')).toHaveLength(1);
  });

  it('after a lost reply, retries; a CONFLICT then means it changed meanwhile and the list is reloaded', async () => {
    const { decide, of } = setup({ 'wallet.approveWithdrawal': [LOST, errReply('CONFLICT')], 'wallet.listWithdrawals': [okReply({ withdrawals: [{ ...W, status: 'paid' }] })] });
    await decide.getState().act('wd1', 'approve');
    expect(decide.getState().failed).toMatchObject({ retryable: true, error: { userMessage: '网络不稳定，请重试' } });
    await decide.getState().retry();
    expect(of('wallet.approveWithdrawal')).toHaveLength(2);
    expect(of('wallet.listWithdrawals')).toHaveLength(1);
    expect(decide.getState().failed?.error.userMessage).toBe('这笔提现的状态已经变化，列表已刷新。');
  });

  it('says whose money it is and what is still possible', () => {
    const names = namesFrom({ status: 'ready', value: [{ id: 'store_1', kind: 'store', name: '天河店', upstreamId: 'd', regionCode: '440106', territory: [] }] }, { status: 'loading' }, null);
    expect(payeeText('person:demo-consumer-1', names)).toBe('个人 demo-consumer-1');
    expect(payeeText('org:store_1', names)).toBe('天河店（门店/经销商钱包）');
    expect(decisionsFor('requested')).toEqual(['approve', 'reject']);
    expect(decisionsFor('failed')).toEqual(['reject']);
    expect(decisionsFor('paid')).toEqual([]);
    expect(decisionConfirmText(W, 'approve', '个人 x')).toMatchObject({ title: '批准提现 ¥2.00？', danger: true });
    expect(decisionResultText('approve', 'paid')).toBe('已批准，打款成功');
    expect(decisionResultText('reject', 'rejected')).toContain('退回');
  });
});
