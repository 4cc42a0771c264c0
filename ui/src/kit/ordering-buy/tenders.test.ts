import { describe, expect, it } from 'vitest';
import { draftSum, rebateLimit, remainingToPay, setTender, suggestTenders, switchFiller, tenderProblems, tenderSummary, toTenderRequests, type PayingPower } from './tenders';

// Goal: the checkout's arithmetic: a proposal that always adds up to the total, rebate within its
// share and balance, edits that keep the sum, and the problems the server would answer said first.

const power = (over: Partial<PayingPower> = {}): PayingPower => ({ deposit: 50_000, rebate: 30_000, creditAvailable: 100_000, creditOverdue: 0, maxRebateShare_bp: 2000, ...over });

describe('tenders', () => {
  it('proposes rebate (≤ 20 % of the total), then deposit, then credit, then WeChat Pay for the rest', () => {
    // total ¥1,000.01: rebate cap floor(100001 × 0.2) = 20000
    expect(suggestTenders(100_001, power())).toEqual({ rebate: 20_000, deposit: 50_000, credit: 30_001 });
    expect(suggestTenders(100_001, power({ deposit: 0, creditAvailable: 10_000 }))).toEqual({ rebate: 20_000, credit: 10_000, wechat_pay: 70_001 });
    // Rebate is capped by the balance too.
    expect(rebateLimit(100_000, power({ rebate: 5 }))).toBe(5);
    // An overdue receivable blocks credit.
    expect(suggestTenders(10_000, power({ rebate: 0, deposit: 0, creditOverdue: 1 }))).toEqual({ wechat_pay: 10_000 });
    for (const total of [0, 1, 99, 12_345, 1_000_000]) expect(draftSum(suggestTenders(total, power()))).toBe(total);
  });

  it('an edit keeps the sum: the filler (WeChat Pay or transfer) takes up the difference', () => {
    const total = 80_000;
    let d = suggestTenders(total, power({ creditAvailable: 0 })); // rebate 16000, deposit 50000, wechat 14000
    expect(d).toEqual({ rebate: 16_000, deposit: 50_000, wechat_pay: 14_000 });
    d = setTender(total, d, 'deposit', 20_000);
    expect(d.wechat_pay).toBe(44_000);
    expect(remainingToPay(total, d)).toBe(0);
    d = switchFiller(d, 'transfer');
    expect(d).toEqual({ rebate: 16_000, deposit: 20_000, transfer: 44_000 });
    d = setTender(total, d, 'rebate', 0, 'transfer');
    expect(d.transfer).toBe(60_000);
    expect(tenderSummary(d)).toEqual(['预存款 ¥200.00', '线下转账 ¥600.00']);
  });

  it('says what the server would refuse: over the rebate share, above a balance, overdue credit, sum off, transfer without a receipt', () => {
    const total = 100_000;
    const p = power();
    expect(tenderProblems(total, { rebate: 20_001, wechat_pay: 79_999 }, p, null).byKind.rebate).toBe('返利最多抵扣订单金额的 20%（¥200.00）');
    expect(tenderProblems(total, { deposit: 60_000, wechat_pay: 40_000 }, p, null).byKind.deposit).toBe('预存款余额只有 ¥500.00');
    expect(tenderProblems(total, { credit: 100_000 }, power({ creditOverdue: 500 }), null).byKind.credit).toBe('有 ¥5.00 逾期未还，暂不能赊购');
    expect(tenderProblems(total, { credit: 100_000 }, power({ creditAvailable: 99_999 }), null).byKind.credit).toBe('可用额度只有 ¥999.99');
    expect(tenderProblems(total, { deposit: 10_000 }, p, null).total).toBe('还差 ¥900.00 未选择支付方式');
    expect(tenderProblems(total, { deposit: 10_000, wechat_pay: 90_001 }, p, null).total).toBe('支付金额多了 ¥0.01');
    expect(tenderProblems(total, { deposit: 10_000, transfer: 90_000 }, p, null).byKind.transfer).toBe('请上传转账凭证');
    const ok = tenderProblems(total, { rebate: 20_000, deposit: 50_000, credit: 30_000 }, p, null);
    expect(ok).toEqual({ byKind: {}, total: null, ok: true });
  });

  it('sends only the kinds with an amount, the receipt on the transfer', () => {
    expect(toTenderRequests({ rebate: 0, deposit: 100, transfer: 200 }, 'cloud://e.b/uploads/t/u/1.jpg')).toEqual([
      { kind: 'deposit', amount: 100 },
      { kind: 'transfer', amount: 200, receiptFileId: 'cloud://e.b/uploads/t/u/1.jpg' },
    ]);
  });
});
