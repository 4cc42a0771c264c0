import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settlementCsv } from './settlement-csv.js';
import { settlementDocument, type SettlementConfig, type SettlementOrder } from './settlement.js';

const AT = Date.UTC(2026, 11, 4, 17); // 2026-12-05 01:00 in Shanghai
const ORDER: SettlementOrder = {
  orderId: 'ord_1',
  orderNo: 'SO20261204-000123',
  sellerOrgId: 'dealer_1',
  buyerOrgId: 'store_1',
  completedAt_ms: AT,
  lines: [
    { productId: 'a', quantity: 3, net: 20_000, refunded: 6_667, discounts: [{ promotionId: 'pr_1', amount: 10_000 }] },
    { productId: 'b', quantity: 1, net: 6_667, refunded: 0, discounts: [] },
  ],
  tenders: [
    { kind: 'rebate', amount: 5_000, refunded: 1_250 },
    { kind: 'wechat_pay', amount: 21_667, refunded: 5_417, transactionId: '4200001234202612040000000001' },
  ],
};

const PLATFORM = { receiverId: 'brand', name: '平台服务费', kind: 'fee' as const, rate_bp: 300, wechat: { type: 'MERCHANT_ID' as const, account: '1900000109' } };
const AGENT = { receiverId: 'sales_9', name: '业务员佣金', kind: 'commission' as const, rate_bp: 500, fixed_fen: 100, wechat: { type: 'PERSONAL_OPENID' as const, account: 'o-agent' } };

describe('settlement documents', () => {
  it('goal: the goods amount (net less refunds) is shared between the seller and the configured fees; tenders as they stand', () => {
    const d = settlementDocument(ORDER, { fees: [PLATFORM, AGENT] });
    // goods 200.00 − 66.67 + 66.67 = 200.00; fee 3 % = 6.00; commission 5 % + 1.00 = 11.00
    expect(d.goods_fen).toBe(20_000);
    expect(d.date).toBe('20261205');
    expect(d.discounts_fen).toBe(10_000);
    expect(d.receivers).toEqual([
      { receiverId: 'dealer_1', role: 'seller', name: 'seller', amount_fen: 20_000 - 600 - 1_100 },
      { receiverId: 'brand', role: 'fee', name: '平台服务费', amount_fen: 600 },
      { receiverId: 'sales_9', role: 'commission', name: '业务员佣金', amount_fen: 1_100 },
    ]);
    expect(d.tenders).toEqual([
      { kind: 'rebate', paid_fen: 5_000, refunded_fen: 1_250, net_fen: 3_750 },
      { kind: 'wechat_pay', paid_fen: 21_667, refunded_fen: 5_417, net_fen: 16_250 },
    ]);
    // 30 % of the 162.50 still held by WeChat is 48.75: both fees fit.
    expect(d.profitSharing).toEqual({
      transactionId: '4200001234202612040000000001',
      outOrderNo: 'ps_ord_1',
      cap_fen: 4_875,
      unfreezeUnsplit: true,
      receivers: [
        { type: 'MERCHANT_ID', account: '1900000109', amount: 600, description: '平台服务费 SO20261204-000123' },
        { type: 'PERSONAL_OPENID', account: 'o-agent', amount: 1_100, description: '业务员佣金 SO20261204-000123' },
      ],
    });
    expect(d.viaLedger).toEqual([]);
  });

  it('goal: above WeChat\'s cap the merchant keeps its share; the fees\' rest is settled through the ledger', () => {
    const d = settlementDocument(ORDER, { fees: [{ ...PLATFORM, rate_bp: 2_000 }, AGENT], profitSharingMax_bp: 2_000 });
    // fees 40.00 + 11.00 = 51.00; cap 20 % of 162.50 = 32.50, apportioned 40 : 11 → 25.49 / 7.01
    expect(d.profitSharing!.cap_fen).toBe(3_250);
    expect(d.profitSharing!.receivers.map((r) => r.amount)).toEqual([2_549, 701]);
    expect(d.viaLedger).toEqual([{ receiverId: 'brand', amount_fen: 4_000 - 2_549 }, { receiverId: 'sales_9', amount_fen: 1_100 - 701 }]);
  });

  it('goal: without WeChat Pay, or a receiver without a WeChat account, fees go through the ledger; no fees, no request', () => {
    const noWx = { ...ORDER, tenders: [{ kind: 'deposit' as const, amount: 26_667, refunded: 6_667 }] };
    expect(settlementDocument(noWx, { fees: [PLATFORM] })).toMatchObject({ profitSharing: null, viaLedger: [{ receiverId: 'brand', amount_fen: 600 }] });
    const { wechat: _w, ...plain } = PLATFORM;
    expect(settlementDocument(ORDER, { fees: [plain] })).toMatchObject({ profitSharing: null, viaLedger: [{ receiverId: 'brand', amount_fen: 600 }] });
    expect(settlementDocument(ORDER, { fees: [] })).toMatchObject({ profitSharing: null, viaLedger: [], receivers: [{ role: 'seller', amount_fen: 20_000 }] });
  });

  it('goal: tenders that do not hold the goods amount are a bug, not a document', () => {
    expect(() => settlementDocument({ ...ORDER, tenders: [{ kind: 'deposit', amount: 1, refunded: 0 }] }, { fees: [] })).toThrow(/tenders hold/);
  });

  it('goal: receivers always add up to the goods amount, 分账 never above its cap, each fee settled exactly once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.record({ rate_bp: fc.integer({ min: 0, max: 10_000 }), fixed_fen: fc.integer({ min: 0, max: 100_000 }), wx: fc.boolean() }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 10_000 }),
        (goods, wxShare_bp, rules, max_bp) => {
          const wx = Math.floor((goods * wxShare_bp) / 10_000);
          const order: SettlementOrder = {
            ...ORDER,
            lines: [{ productId: 'a', quantity: 1, net: goods, refunded: 0, discounts: [] }],
            tenders: [{ kind: 'deposit', amount: goods - wx, refunded: 0 }, { kind: 'wechat_pay', amount: wx, refunded: 0, transactionId: 't1' }],
          };
          const config: SettlementConfig = {
            fees: rules.map((r, i) => ({ receiverId: `r${i}`, name: `fee ${i}`, kind: 'fee', rate_bp: r.rate_bp, fixed_fen: r.fixed_fen, ...(r.wx ? { wechat: { type: 'MERCHANT_ID', account: `m${i}` } } : {}) })),
            profitSharingMax_bp: max_bp,
          };
          const d = settlementDocument(order, config);
          expect(d.receivers.reduce((s, r) => s + r.amount_fen, 0)).toBe(goods);
          for (const r of d.receivers) expect(r.amount_fen).toBeGreaterThanOrEqual(0);
          const shared = d.profitSharing?.receivers.reduce((s, r) => s + r.amount, 0) ?? 0;
          expect(shared).toBeLessThanOrEqual(Math.floor((wx * max_bp) / 10_000));
          const fees = d.receivers.filter((r) => r.role !== 'seller').reduce((s, r) => s + r.amount_fen, 0);
          expect(shared + d.viaLedger.reduce((s, v) => s + v.amount_fen, 0)).toBe(fees);
        },
      ),
      { seed: 1204 },
    );
  });

  it('goal: the CSV opens in Excel: BOM, CRLF, yuan with two decimals, names quoted and formula-safe', () => {
    const d = settlementDocument(ORDER, { fees: [PLATFORM, AGENT] });
    const csv = settlementCsv([d], new Map([['dealer_1', '广州, 经销商'], ['store_1', '=HYPERLINK("x")']]));
    expect(csv.startsWith('\uFEFF订单号,完成日期,卖方,买方,货款,优惠,卖方应收,手续费及佣金,返利抵扣,预存款,赊销,微信支付,线下转账,微信分账,台账结算\r\n')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe('SO20261204-000123,2026-12-05,"广州, 经销商","\'=HYPERLINK(""x"")",200.00,100.00,183.00,17.00,37.50,0.00,0.00,162.50,0.00,17.00,0.00');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
