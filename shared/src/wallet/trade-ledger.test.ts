import { describe, expect, it } from 'vitest';
import { applyPostings, isAccountId, ledgerSum, accountType } from './ledger.js';
import { creditAccount, depositAccount, orderHoldAccount, accountFloor, BANK_ACCOUNT } from './trade-accounts.js';
import { holdPostings, paymentPosting, payoutPosting, refundPostings, topUpPosting } from './trade-postings.js';

const O = { orderId: 'ord1', sellerOrgId: 'gd', buyerOrgId: 'st1' };

describe('trade ledger', () => {
  it('goal: trade accounts are well-formed ledger accounts beside the reward ones', () => {
    for (const id of [depositAccount('gd', 'st1'), creditAccount('gd', 'st1'), orderHoldAccount('o1'), 'sales:gd', BANK_ACCOUNT, 'external:wechat_pay']) {
      expect(isAccountId(id), id).toBe(true);
    }
    expect(accountType(depositAccount('gd', 'st1'))).toBe('trade');
    expect(isAccountId('deposit:gd')).toBe(false);
    expect(accountFloor(creditAccount('gd', 'st1'), new Map([[creditAccount('gd', 'st1'), 500]]))).toBe(-500);
    expect(accountFloor(depositAccount('gd', 'st1'))).toBe(0);
  });

  it('goal: the credit account may go down to minus its limit and no further; other accounts not below zero', () => {
    const limits = new Map([[creditAccount('gd', 'st1'), 1_000]]);
    const top = topUpPosting('p1', 'gd', 'st1', 'transfer', 500, 1);
    const hold = holdPostings(O, [{ kind: 'deposit', amount: 500 }, { kind: 'credit', amount: 1_000 }], 2);
    const r = applyPostings({}, [top, ...hold], new Set(), limits);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.balances[creditAccount('gd', 'st1')]).toBe(-1_000);
    expect(r.data.balances[orderHoldAccount('ord1')]).toBe(1_500);
    expect(ledgerSum(r.data.balances)).toBe(0);
    const more = holdPostings({ ...O, orderId: 'ord2' }, [{ kind: 'credit', amount: 1 }], 3);
    expect(applyPostings(r.data.balances, more, new Set(), limits)).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_FUNDS' } });
    // without the policy (no credit line) credit is not usable at all
    expect(applyPostings({}, holdPostings(O, [{ kind: 'credit', amount: 1 }], 1))).toMatchObject({ ok: false });
  });

  it('goal: refunds and the payout empty the hold; keys make a repeat move nothing', () => {
    const pay = paymentPosting(O, 'pay1', 'transfer', 1_000, 1);
    const refund = refundPostings(O, 'ret1', [{ kind: 'transfer', amount: 300 }], 2);
    const payout = payoutPosting(O, 700, 3);
    const r = applyPostings({}, [pay, ...refund, payout, pay]);
    expect(r.ok && r.data.skipped.length).toBe(1);
    if (!r.ok) return;
    expect(r.data.balances[orderHoldAccount('ord1')]).toBe(0);
    expect(r.data.balances['sales:gd']).toBe(700);
    expect(r.data.balances[BANK_ACCOUNT]).toBe(-700);
  });
});
