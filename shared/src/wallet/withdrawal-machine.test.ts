import { describe, expect, it } from 'vitest';
import {
  canTransitionWithdrawal,
  DEFAULT_WITHDRAWAL_POLICY,
  payoutBillNo,
  replayWithdrawalRequest,
  requestWithdrawal,
  transitionWithdrawal,
  type Withdrawal,
  type WithdrawalRequest,
} from './withdrawal-machine.js';

const T0 = 1_700_000_000_000;
const req: WithdrawalRequest = {
  id: 'wd_abc',
  owner: 'person:alice',
  requestedBy: 'alice',
  requestId: 'req-12345678',
  amount_fen: 500,
  at: T0,
  available_fen: 1000,
  todayRequested_fen: 0,
  todayCount: 0,
};

function requested(): Withdrawal {
  const r = requestWithdrawal(req);
  if (!r.ok) throw new Error(r.error.message);
  return r.data.withdrawal;
}

function step(w: Withdrawal, event: Parameters<typeof transitionWithdrawal>[1]) {
  const r = transitionWithdrawal(w, event);
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

describe('requestWithdrawal', () => {
  it('reserves the amount: owner → hold', () => {
    const r = requestWithdrawal(req);
    expect(r).toMatchObject({ ok: true, data: { withdrawal: { status: 'requested', amount_fen: 500, attempts: 0 }, changed: true } });
    if (r.ok) {
      expect(r.data.postings).toEqual([
        { key: 'withdrawal:wd_abc:reserve', debit: 'person:alice', credit: 'hold:withdrawal:wd_abc', amount_fen: 500, kind: 'withdrawal_reserve', ref: 'wd_abc', at: T0 },
      ]);
    }
  });

  it('enforces the 10 fen minimum (INVALID_ARGUMENT on amount), the balance (INSUFFICIENT_FUNDS) and daily limits (RATE_LIMITED)', () => {
    expect(DEFAULT_WITHDRAWAL_POLICY.minAmount_fen).toBe(10);
    expect(requestWithdrawal({ ...req, amount_fen: 9 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'amount' } });
    expect(requestWithdrawal({ ...req, amount_fen: 10 }).ok).toBe(true);
    expect(requestWithdrawal({ ...req, amount_fen: 1001 })).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_FUNDS' } });
    expect(requestWithdrawal({ ...req, amount_fen: 1000 }).ok).toBe(true);
    const policy = { minAmount_fen: 10, dailyLimit_fen: 800, maxRequestsPerDay: 3 };
    expect(requestWithdrawal({ ...req, todayRequested_fen: 300 }, policy).ok).toBe(true);
    expect(requestWithdrawal({ ...req, todayRequested_fen: 301 }, policy)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', field: 'amount' } });
    expect(requestWithdrawal({ ...req, todayCount: 3 }, policy)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });

  it('a replay with the same requestId returns the same withdrawal; different content is a CONFLICT', () => {
    const w = requested();
    expect(replayWithdrawalRequest(w, { owner: 'person:alice', amount_fen: 500 })).toEqual({ ok: true, data: w });
    expect(replayWithdrawalRequest(w, { owner: 'person:alice', amount_fen: 600 })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'requestId' } });
  });

  it('only person and org wallets can withdraw (anything else is a bug)', () => {
    expect(() => requestWithdrawal({ ...req, owner: 'brand:budget' })).toThrow();
  });
});

describe('transitionWithdrawal', () => {
  it('requested → approved → paid: the payout posting moves hold → external:payout', () => {
    const approved = step(requested(), { type: 'approve', by: 'admin', at: T0 + 1 });
    expect(approved.withdrawal).toMatchObject({ status: 'approved', decidedBy: 'admin', attempts: 1 });
    expect(approved.postings).toEqual([]);
    const paid = step(approved.withdrawal, { type: 'paid', at: T0 + 2 });
    expect(paid.withdrawal.status).toBe('paid');
    expect(paid.postings).toEqual([
      { key: 'withdrawal:wd_abc:payout', debit: 'hold:withdrawal:wd_abc', credit: 'external:payout', amount_fen: 500, kind: 'withdrawal_payout', ref: 'wd_abc', at: T0 + 2 },
    ]);
  });

  it('requested → rejected releases the reservation back to the owner', () => {
    const rejected = step(requested(), { type: 'reject', by: 'admin', at: T0 + 1, reason: 'wrong name' });
    expect(rejected.withdrawal).toMatchObject({ status: 'rejected', reason: 'wrong name' });
    expect(rejected.postings).toEqual([
      { key: 'withdrawal:wd_abc:release', debit: 'hold:withdrawal:wd_abc', credit: 'person:alice', amount_fen: 500, kind: 'withdrawal_release', ref: 'wd_abc', at: T0 + 1 },
    ]);
  });

  it('approved → failed keeps the money on hold; a retry starts a new attempt with a new bill number, then paid', () => {
    const approved = step(requested(), { type: 'approve', by: 'admin', at: T0 + 1 }).withdrawal;
    const failed = step(approved, { type: 'fail', at: T0 + 2, reason: 'payee not verified' });
    expect(failed.postings).toEqual([]);
    expect(failed.withdrawal).toMatchObject({ status: 'failed', reason: 'payee not verified' });
    const retried = step(failed.withdrawal, { type: 'retry', by: 'admin', at: T0 + 3 }).withdrawal;
    expect(retried).toMatchObject({ status: 'approved', attempts: 2 });
    expect(payoutBillNo(retried)).not.toBe(payoutBillNo(approved));
    expect(payoutBillNo(approved)).toMatch(/^[A-Za-z0-9]{5,32}$/);
    expect(step(retried, { type: 'paid', at: T0 + 4 }).withdrawal.status).toBe('paid');
    // A failed payout can also be given up: the money goes back.
    expect(step(failed.withdrawal, { type: 'reject', by: 'admin', at: T0 + 5 }).postings).toHaveLength(1);
  });

  it('illegal transitions are CONFLICT values, and change nothing', () => {
    const w = requested();
    const rejected = step(w, { type: 'reject', by: 'admin', at: T0 }).withdrawal;
    const paid = step(step(w, { type: 'approve', by: 'a', at: T0 }).withdrawal, { type: 'paid', at: T0 }).withdrawal;
    for (const [from, event] of [
      [w, { type: 'paid', at: T0 }],
      [w, { type: 'fail', at: T0, reason: 'x' }],
      [w, { type: 'retry', by: 'a', at: T0 }],
      [rejected, { type: 'approve', by: 'a', at: T0 }],
      [rejected, { type: 'paid', at: T0 }],
      [paid, { type: 'reject', by: 'a', at: T0 }],
      [paid, { type: 'fail', at: T0, reason: 'x' }],
    ] as const) {
      expect(transitionWithdrawal(from, event), `${from.status} + ${event.type}`).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    }
    expect(canTransitionWithdrawal('requested', 'approve')).toBe(true);
    expect(canTransitionWithdrawal('paid', 'approve')).toBe(false);
  });

  it('repeating the event that led to the current state is a no-op (retried approvals, duplicate payout notices)', () => {
    const approved = step(requested(), { type: 'approve', by: 'admin', at: T0 }).withdrawal;
    expect(step(approved, { type: 'approve', by: 'admin', at: T0 + 9 })).toEqual({ withdrawal: approved, postings: [], changed: false });
    const paid = step(approved, { type: 'paid', at: T0 }).withdrawal;
    expect(step(paid, { type: 'paid', at: T0 + 9 })).toEqual({ withdrawal: paid, postings: [], changed: false });
    // An approval retried after the payout went through.
    expect(step(paid, { type: 'approve', by: 'admin', at: T0 + 9 })).toEqual({ withdrawal: paid, postings: [], changed: false });
  });
});
