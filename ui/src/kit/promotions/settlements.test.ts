import { describe, expect, it } from 'vitest';
import { settlementDocument, settlementCsv } from '@channel-router/shared';
import { csvDownload, monthWindow, settlementTotals } from './settlements';

const order = (orderId: string, goods: number) => ({
  orderId,
  orderNo: `NO-${orderId}`,
  sellerOrgId: 'brand',
  buyerOrgId: 'd1',
  completedAt_ms: Date.UTC(2026, 10, 10),
  lines: [{ productId: 'p1', quantity: 1, net: goods, refunded: 0, discounts: [{ promotionId: 'pr', amount: 100 }] }],
  tenders: [{ kind: 'wechat_pay' as const, amount: goods, refunded: 0, transactionId: `tx-${orderId}` }],
});

describe('settlement documents on the screen', () => {
  it('goal: the month picked is its Shanghai window', () => {
    expect(monthWindow('2026-11')).toEqual({ from: Date.UTC(2026, 9, 31, 16), to: Date.UTC(2026, 10, 30, 16) });
    expect(() => monthWindow('2026-Q4')).toThrow();
  });

  it('goal: totals add the documents: seller, fees by 分账 or ledger, discounts', () => {
    const config = { fees: [{ receiverId: 'platform', name: '平台服务费', kind: 'fee' as const, rate_bp: 100, wechat: { type: 'MERCHANT_ID' as const, account: 'm1' } }] };
    const docs = [settlementDocument(order('a', 10_000), config), settlementDocument(order('b', 20_050), config)];
    expect(settlementTotals(docs)).toEqual({ orders: 2, goods_fen: 30_050, discounts_fen: 200, fees_fen: 300, seller_fen: 29_750, shared_fen: 300, viaLedger_fen: 0 });
    const file = csvDownload(settlementCsv(docs), '清分 2026-11');
    expect(file.filename).toBe('清分_2026-11.csv');
    expect(file.text.startsWith('\uFEFF订单号')).toBe(true);
    expect(csvDownload('a,b\r\n', 'x.csv').text).toBe('\uFEFFa,b\r\n');
  });
});
