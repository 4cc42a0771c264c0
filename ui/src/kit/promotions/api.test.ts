import { describe, expect, it } from 'vitest';
import { errReply, okReply, scriptedClient } from '../testing';
import { createPromotionsApi } from './api';
import { newPromotionForm, promotionRequest, replyErrors } from './form';

describe('the promotions adapter', () => {
  it('goal: a save sends the checked definition with its retry key to trade.savePromotion', async () => {
    const { client, of } = scriptedClient({ 'trade.savePromotion': [okReply({ promotionId: 'pr-1', version: 1 })] });
    const api = createPromotionsApi(client);
    const f = { ...newPromotionForm('full_reduction', Date.UTC(2026, 11, 5)), name: '满减', tiers: [{ threshold: '300', off: '30', zhe: '', gifts: [] }] };
    const r = promotionRequest(f);
    if (!r.ok) throw new Error('valid');
    const intent = client.newIntent();
    const res = await api.savePromotion({ ...r.req, sellerOrgId: 'd1' }, intent);
    expect(res).toEqual({ ok: true, data: { promotionId: 'pr-1', version: 1 } });
    expect(of('trade.savePromotion')[0]).toMatchObject({ action: 'savePromotion', type: 'full_reduction', sellerOrgId: 'd1', requestId: intent, tiers: [{ threshold: 30_000, off: 3_000 }] });
  });

  it("goal: the server's field problem shows on the form field in Chinese", async () => {
    const { client } = scriptedClient({ 'trade.savePromotion': [errReply('INVALID_ARGUMENT', "tiers[1].threshold must be above the previous tier's threshold", 'tiers[1].threshold')] });
    const r = await createPromotionsApi(client).savePromotion({ type: 'special', name: 'x', targeting: {}, from: 0, to: 1, items: [] });
    if (r.ok) throw new Error('scripted failure');
    expect(replyErrors({ type: 'full_reduction', thresholdBy: 'amount' }, r.error)).toEqual({ 'tiers[1].threshold': '第 2 档门槛须高于上一档门槛' });
  });

  it("goal: a buyer's statements are asked by buyer, and decisions name the statement", async () => {
    const { client, of } = scriptedClient({
      'trade.listStatements': [okReply({ statements: [] })],
      'trade.rejectStatement': [okReply({ statementId: 'st-1', status: 'returned', version: 3, posted_fen: 0 })],
    });
    const api = createPromotionsApi(client);
    await api.listStatements({ buyerOrgId: 'store-1' });
    await api.rejectStatement('st-1', '退货未扣', 2);
    expect(of('trade.listStatements')[0]).toEqual({ action: 'listStatements', buyerOrgId: 'store-1' });
    expect(of('trade.rejectStatement')[0]).toEqual({ action: 'rejectStatement', statementId: 'st-1', reason: '退货未扣', version: 2 });
  });
});
