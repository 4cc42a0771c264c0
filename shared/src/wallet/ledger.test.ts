import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeRedeem } from '../rewards/redeem.js';
import {
  accountType,
  applyPostings,
  BUDGET_ACCOUNT,
  entryFor,
  FUNDING_ACCOUNT,
  fundPosting,
  internalTotal,
  isExternalAccount,
  ledgerSum,
  PAYOUT_ACCOUNT,
  type Balances,
  type Posting,
} from './ledger.js';
import { requestWithdrawal, transitionWithdrawal, type Withdrawal, type WithdrawalEvent } from './withdrawal-machine.js';

const T0 = 1_700_000_000_000;
const p = (key: string, debit: string, credit: string, amount_fen: number): Posting => ({ key, debit, credit, amount_fen, kind: 'fund', ref: key, at: T0 });

describe('applyPostings', () => {
  it('moves money from debit to credit; external accounts may go negative, the sum stays 0', () => {
    const r = applyPostings({}, [fundPosting(1000, 'f1', T0), p('r1', BUDGET_ACCOUNT, 'person:a', 300)]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.balances).toEqual({ [FUNDING_ACCOUNT]: -1000, [BUDGET_ACCOUNT]: 700, 'person:a': 300 });
    expect(ledgerSum(r.data.balances)).toBe(0);
    expect(internalTotal(r.data.balances)).toBe(1000);
    expect(r.data.applied.map((x) => x.key)).toEqual(['fund:f1', 'r1']);
  });

  it('rejects a posting that would take an internal account below zero, changing nothing (INSUFFICIENT_FUNDS)', () => {
    const start: Balances = { [BUDGET_ACCOUNT]: 100, [FUNDING_ACCOUNT]: -100 };
    const r = applyPostings(start, [p('a', BUDGET_ACCOUNT, 'person:a', 60), p('b', BUDGET_ACCOUNT, 'person:b', 60)]);
    expect(r).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_FUNDS' } });
    expect(start).toEqual({ [BUDGET_ACCOUNT]: 100, [FUNDING_ACCOUNT]: -100 });
  });

  it('applies in order: money must arrive before it can leave', () => {
    expect(applyPostings({}, [p('out', 'person:a', 'org:s', 5), fundPosting(5, 'f', T0), p('in', BUDGET_ACCOUNT, 'person:a', 5)]).ok).toBe(false);
    expect(applyPostings({}, [fundPosting(5, 'f', T0), p('in', BUDGET_ACCOUNT, 'person:a', 5), p('out', 'person:a', 'org:s', 5)]).ok).toBe(true);
  });

  it('rejects zero, negative, fractional and unsafe amounts, same-account and unknown accounts', () => {
    for (const bad of [
      p('k', FUNDING_ACCOUNT, BUDGET_ACCOUNT, 0),
      p('k', FUNDING_ACCOUNT, BUDGET_ACCOUNT, -5),
      p('k', FUNDING_ACCOUNT, BUDGET_ACCOUNT, 1.5),
      p('k', FUNDING_ACCOUNT, BUDGET_ACCOUNT, Number.MAX_SAFE_INTEGER + 2),
      p('k', FUNDING_ACCOUNT, BUDGET_ACCOUNT, Number.NaN),
      p('k', BUDGET_ACCOUNT, BUDGET_ACCOUNT, 5),
      p('k', FUNDING_ACCOUNT, 'wallet:x', 5),
      p('k', FUNDING_ACCOUNT, 'person:', 5),
      p('', FUNDING_ACCOUNT, BUDGET_ACCOUNT, 5),
    ]) {
      expect(applyPostings({}, [bad]), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
  });

  it('is idempotent: a key already applied, or repeated in the call, is skipped', () => {
    const f = fundPosting(1000, 'f1', T0);
    const r = applyPostings({ [FUNDING_ACCOUNT]: -1000, [BUDGET_ACCOUNT]: 1000 }, [f, f], new Set(['fund:f1']));
    expect(r).toMatchObject({ ok: true, data: { balances: { [FUNDING_ACCOUNT]: -1000, [BUDGET_ACCOUNT]: 1000 }, applied: [] } });
    const twice = applyPostings({}, [f, f]);
    expect(twice.ok && twice.data.applied.length).toBe(1);
    expect(twice.ok && twice.data.skipped.length).toBe(1);
  });

  it('classifies accounts, and shows a posting signed from one account\'s side', () => {
    expect(accountType('external:payout')).toBe('external');
    expect(accountType('brand:budget')).toBe('budget');
    expect(accountType('person:oAbc-123_x')).toBe('person');
    expect(accountType('org:store_1')).toBe('org');
    expect(accountType('hold:withdrawal:wd_1')).toBe('hold');
    expect(accountType('external:elsewhere')).toBeNull();
    const post = p('r', BUDGET_ACCOUNT, 'person:a', 30);
    expect(entryFor('person:a', post).amount).toBe(30);
    expect(entryFor(BUDGET_ACCOUNT, post).amount).toBe(-30);
    expect(() => entryFor('person:b', post)).toThrow();
  });
});

/**
 * The money invariants under any sequence of operations through the real rules (computeRedeem,
 * requestWithdrawal, transitionWithdrawal): the ledger sums to 0, no internal account is ever negative,
 * internal balances = funded − paid out, money on hold = open withdrawals, and replaying any
 * posting already applied changes nothing.
 */
describe('ledger invariants (property)', () => {
  type Op =
    | { op: 'fund'; amount: number }
    | { op: 'redeem'; person: number; store: boolean; reward: number }
    | { op: 'withdraw'; owner: number; amount: number }
    | { op: 'step'; which: number; event: WithdrawalEvent['type'] }
    | { op: 'replay'; which: number };

  const opArb: fc.Arbitrary<Op> = fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('fund' as const), amount: fc.integer({ min: 1, max: 5000 }) }), weight: 1 },
    {
      arbitrary: fc.record({ op: fc.constant('redeem' as const), person: fc.integer({ min: 0, max: 2 }), store: fc.boolean(), reward: fc.integer({ min: 0, max: 800 }) }),
      weight: 3,
    },
    { arbitrary: fc.record({ op: fc.constant('withdraw' as const), owner: fc.integer({ min: 0, max: 4 }), amount: fc.integer({ min: 1, max: 600 }) }), weight: 2 },
    {
      arbitrary: fc.record({
        op: fc.constant('step' as const),
        which: fc.nat({ max: 5 }),
        event: fc.constantFrom<WithdrawalEvent['type']>('approve', 'reject', 'paid', 'fail', 'retry'),
      }),
      weight: 4,
    },
    { arbitrary: fc.record({ op: fc.constant('replay' as const), which: fc.nat() }), weight: 1 },
  );
  /** How often each path ran over all runs: the property must actually exercise every transition. */
  const seen = new Map<string, number>();
  const saw = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);

  const owners = ['person:p0', 'person:p1', 'person:p2', 'org:S', 'org:U'];

  it('hold for every sequence of fund / redeem / withdraw / approve / reject / pay / fail / retry / replay', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 10, maxLength: 60, size: 'max' }), (ops) => {
        let balances: Record<string, number> = {};
        const appliedKeys = new Set<string>();
        const history: Posting[] = [];
        const withdrawals: Withdrawal[] = [];
        let funded = 0;
        let paidOut = 0;
        let n = 0;

        const apply = (postings: Posting[]): boolean => {
          const r = applyPostings(balances, postings, appliedKeys);
          if (!r.ok) return false;
          balances = r.data.balances;
          for (const x of r.data.applied) {
            appliedKeys.add(x.key);
            history.push(x);
            if (x.kind === 'fund') funded += x.amount_fen;
            if (x.kind === 'withdrawal_payout') paidOut += x.amount_fen;
          }
          return true;
        };

        for (const o of ops) {
          n++;
          if (o.op === 'fund') {
            expect(apply([fundPosting(o.amount, `f${n}`, T0 + n)])).toBe(true);
          } else if (o.op === 'redeem') {
            const plan = computeRedeem({
              code: `H${n}`,
              productId: 'P',
              policy: { consumerReward: { min: 0, max: o.reward }, storeReward: 120, dealerRebate: 70, diversionPenalty: 10 },
              at: T0 + n,
              redeemer: { unionId: `p${o.person}`, memberships: [] },
              holder: o.store ? { id: 'S', kind: 'store', regionCode: '440106', firstTierDealerId: 'U' } : { id: 'U', kind: 'dealer', regionCode: '440100', firstTierDealerId: null },
              allocatedDealer: { id: 'U', territory: ['440100'] },
              consumerRegionCode: null,
              randomInt: (min, max) => min + ((n * 7919) % (max - min + 1)),
              budgetAvailable_fen: balances[BUDGET_ACCOUNT] ?? 0,
            });
            // A plan computed against the current budget always applies.
            expect(apply(plan.postings)).toBe(true);
            if (plan.unpaid.length > 0) saw('budget short');
          } else if (o.op === 'withdraw') {
            const owner = owners[o.owner]!;
            const r = requestWithdrawal({
              id: `wd${n}`,
              owner,
              requestedBy: 'x',
              requestId: `req${n}`,
              amount_fen: o.amount,
              at: T0 + n,
              available_fen: balances[owner] ?? 0,
              todayRequested_fen: 0,
              todayCount: 0,
            });
            if (r.ok) {
              expect(apply(r.data.postings)).toBe(true);
              saw('request');
              withdrawals.push(r.data.withdrawal);
            } else {
              expect(['INVALID_ARGUMENT', 'INSUFFICIENT_FUNDS', 'RATE_LIMITED']).toContain(r.error.code);
            }
          } else if (o.op === 'step') {
            if (withdrawals.length === 0) continue;
            const i = withdrawals.length - 1 - (o.which % withdrawals.length);
            const w = withdrawals[i]!;
            const event: WithdrawalEvent =
              o.event === 'reject' || o.event === 'approve' || o.event === 'retry' ? { type: o.event, by: 'admin', at: T0 + n } : o.event === 'fail' ? { type: 'fail', at: T0 + n, reason: 'x' } : { type: 'paid', at: T0 + n };
            const r = transitionWithdrawal(w, event);
            if (r.ok) {
              expect(apply(r.data.postings)).toBe(true);
              if (r.data.changed) saw(`${w.status}->${r.data.withdrawal.status}`);
              withdrawals[i] = r.data.withdrawal;
            } else {
              expect(r.error.code).toBe('CONFLICT');
            }
          } else {
            if (history.length === 0) continue;
            const before = { ...balances };
            const again = history[o.which % history.length]!;
            expect(apply([again])).toBe(true);
            expect(balances).toEqual(before);
          }

          // Invariants after every step.
          expect(ledgerSum(balances)).toBe(0);
          for (const [id, v] of Object.entries(balances)) if (!isExternalAccount(id)) expect(v, id).toBeGreaterThanOrEqual(0);
          expect(internalTotal(balances)).toBe(funded - paidOut);
          expect(balances[FUNDING_ACCOUNT] ?? 0).toBe(0 - funded);
          expect(balances[PAYOUT_ACCOUNT] ?? 0).toBe(paidOut);
          for (const w of withdrawals) {
            const open = w.status === 'requested' || w.status === 'approved' || w.status === 'failed';
            expect(balances[`hold:withdrawal:${w.id}`] ?? 0).toBe(open ? w.amount_fen : 0);
          }
        }
        expect(Object.keys(balances).every((id) => accountType(id) !== null)).toBe(true);
      }),
      // A fixed seed: the coverage check below must not depend on luck (unseeded, one run in a
      // few dozen never reached failed->rejected). Invariants are checked on every run anyway.
      { numRuns: 300, seed: 20261202 },
    );
    for (const path of ['request', 'budget short', 'requested->approved', 'requested->rejected', 'approved->paid', 'approved->failed', 'failed->approved', 'failed->rejected']) {
      expect(seen.get(path) ?? 0, path).toBeGreaterThan(0);
    }
  });
});
