import { describe, expect, it, vi } from 'vitest';
import type { PenaltyView } from '@channel-router/shared/api';
import { createClient } from '@channel-router/shared/client';
import { createPenaltiesStore, createSettleStore, explainSettle, settleConfirmText } from './penalties';
import { errReply, LOST, okReply, scriptedTransport, type Script } from '@channel-router/ui/testing';

const P: PenaltyView = { id: 'redeem:X:penalty', dealerId: 'dealer_gd', quantity: 1, amount: 500, status: 'pending', code: 'X', alertId: 'a', at: 1 };

function setup(script: Script, yes = true) {
  const t = scriptedTransport(script);
  const client = createClient(t.transport, { sleep: async () => {}, retryDelays_ms: [] });
  const list = createPenaltiesStore({ client });
  const confirm = vi.fn(async () => yes);
  const settle = createSettleStore({ client, confirm, refresh: () => list.getState().load() });
  return { list, settle, confirm, ...t };
}

describe('penalties', () => {
  it('lists pending penalties first and filters by status', async () => {
    const { list, of } = setup({ 'report.penalties': [okReply({ penalties: [P], cursor: null }), okReply({ penalties: [], cursor: null })] });
    await list.getState().load();
    await list.getState().load('all');
    expect(of('report.penalties')).toEqual([{ action: 'penalties', limit: 20, status: 'pending' }, { action: 'penalties', limit: 20 }]);
    expect(list.getState()).toMatchObject({ filter: 'all', status: 'ready', items: [] });
  });

  it('asks before settling and sends nothing when declined', async () => {
    const { settle, sent, confirm } = setup({}, false);
    await settle.getState().act(P.id, 'deduct');
    expect(confirm).toHaveBeenCalledWith(P.id, 'deduct');
    expect(sent).toHaveLength(0);
  });

  it('deducts after confirmation and reloads the list', async () => {
    const { settle, of } = setup({ 'wallet.settlePenalty': [okReply({ status: 'settled' })], 'report.penalties': [okReply({ penalties: [], cursor: null })] });
    await settle.getState().act(P.id, 'deduct');
    expect(of('wallet.settlePenalty')).toEqual([{ action: 'settlePenalty', penaltyId: P.id, resolution: 'deduct' }]);
    expect(of('report.penalties')).toHaveLength(1);
    expect(settle.getState().done).toMatchObject({ id: P.id, action: 'deduct', result: { status: 'settled' } });
  });

  it('retries the same decision after a lost reply without asking again', async () => {
    const { settle, of, confirm } = setup({ 'wallet.settlePenalty': [LOST, okReply({ status: 'waived' })], 'report.penalties': [okReply({ penalties: [], cursor: null })] });
    await settle.getState().act(P.id, 'waive');
    expect(settle.getState().failed).toMatchObject({ id: P.id, action: 'waive', retryable: true });
    await settle.getState().retry();
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(of('wallet.settlePenalty').map((e) => e['resolution'])).toEqual(['waive', 'waive']);
    expect(settle.getState().failed).toBeNull();
  });

  it("explains a dealer wallet too small to deduct from, and a penalty settled meanwhile", async () => {
    const { settle } = setup({ 'wallet.settlePenalty': [errReply('INSUFFICIENT_FUNDS'), errReply('CONFLICT')], 'report.penalties': [okReply({ penalties: [], cursor: null })] });
    await settle.getState().act(P.id, 'deduct');
    expect(settle.getState().failed).toMatchObject({ retryable: false, error: { userMessage: expect.stringContaining('余额不足') } });
    await settle.getState().act(P.id, 'offline');
    expect(settle.getState().failed?.error.userMessage).toBe('这笔罚款已经处理过了，列表已刷新。');
    expect(explainSettle({ code: 'NETWORK', message: '', userMessage: '' })).toBeNull();
  });

  it('words each confirmation by what it does to money', () => {
    expect(settleConfirmText(P, 'deduct', '广东经销')).toMatchObject({ title: '扣款 ¥5.00？', danger: true });
    expect(settleConfirmText(P, 'offline', '广东经销').content).toContain('系统内不会扣款');
    expect(settleConfirmText(P, 'waive', '广东经销').title).toBe('免除这笔罚款？');
  });
});
