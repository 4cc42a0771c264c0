/**
 * A double-entry ledger in integer fen (docs/wallets.md#ledger). Every posting moves `amount_fen` from its
 * `debit` account to its `credit` account: the debit's balance goes down, the credit's goes up
 * (wallets are what the system owes: crediting a wallet raises it). So the sum of all balances is
 * always 0, and the internal accounts together hold exactly what was funded minus what was paid
 * out. Only the two external accounts (money outside the system) are allowed to be negative.
 *
 * Accounts:
 * - `external:funding`  the brand's money coming in (`wallet.fund`): −(total funded)
 * - `external:payout`   money paid out by withdrawals: +(total paid out)
 * - `brand:budget`      the reward budget: the source of rewards and rebates
 * - `person:<unionId>`  a person's wallet
 * - `org:<orgId>`       an org's wallet (store rewards, dealer rebates)
 * - `hold:withdrawal:<withdrawalId>`  money reserved by a withdrawal until paid or released
 */
import { MAX_FEN } from '../money.js';
import { err, ok, type Result } from '../result.js';
import { isCreditAccount, isTradeAccount } from './trade-accounts.js';

export type AccountId = string;

export const FUNDING_ACCOUNT = 'external:funding';
export const PAYOUT_ACCOUNT = 'external:payout';
export const BUDGET_ACCOUNT = 'brand:budget';

export function personAccount(unionId: string): AccountId {
  return `person:${unionId}`;
}

export function orgAccount(orgId: string): AccountId {
  return `org:${orgId}`;
}

export function withdrawalHoldAccount(withdrawalId: string): AccountId {
  return `hold:withdrawal:${withdrawalId}`;
}

export type AccountType = 'external' | 'budget' | 'person' | 'org' | 'hold' | 'trade';

const ACCOUNT_PATTERN = /^(?:external:(?:funding|payout)|brand:budget|person:[^\s:]{1,128}|org:[^\s:]{1,64}|hold:withdrawal:[^\s:]{1,64})$/;

export function isAccountId(id: string): boolean {
  return ACCOUNT_PATTERN.test(id) || isTradeAccount(id);
}

export function accountType(id: AccountId): AccountType | null {
  if (!isAccountId(id)) return null;
  if (id.startsWith('external:')) return 'external';
  if (id === BUDGET_ACCOUNT) return 'budget';
  if (!ACCOUNT_PATTERN.test(id)) return 'trade';
  return id.slice(0, id.indexOf(':')) as 'person' | 'org' | 'hold';
}

/** Only external accounts may go below zero. */
export function isExternalAccount(id: AccountId): boolean {
  return id.startsWith('external:');
}

export const POSTING_KINDS = [
  'fund',
  'consumer_reward',
  'store_reward',
  'dealer_rebate',
  'withdrawal_reserve',
  'withdrawal_release',
  'withdrawal_payout',
  'penalty_deduction',
  // Trade (docs/ordering.md): see trade-postings.ts
  'order_hold',
  'order_payment',
  'order_refund',
  'order_payout',
  'top_up',
  'rebate_adjust',
  'credit_repay',
  'rebate_statement',
] as const;
export type PostingKind = (typeof POSTING_KINDS)[number];

export interface Posting {
  /** Idempotency key: a posting with a key already applied is skipped (a retry changes nothing). */
  key: string;
  debit: AccountId;
  credit: AccountId;
  amount_fen: number;
  kind: PostingKind;
  /** What it is about: a code, a withdrawal id, a funding request id. */
  ref: string;
  at: number;
}

export type Balances = Readonly<Record<AccountId, number>>;

export interface AppliedPostings {
  balances: Record<AccountId, number>;
  /** Postings applied by this call, in order. */
  applied: Posting[];
  /** Postings skipped because their key was already applied (before or earlier in this call). */
  skipped: Posting[];
}

/** A sane bound on one call: a redeem makes 3 postings, a withdrawal step 1. */
export const MAX_POSTINGS_PER_CALL = 64;

/** Checks one posting's own shape: positive integer amount, two distinct well-formed accounts. */
export function checkPosting(p: Posting): Result<Posting> {
  if (typeof p.key !== 'string' || p.key.length === 0 || p.key.length > 256) {
    return err('INVALID_ARGUMENT', 'a posting needs a key of 1..256 characters', 'key');
  }
  if (!Number.isSafeInteger(p.amount_fen) || p.amount_fen <= 0 || p.amount_fen > MAX_FEN) {
    return err('INVALID_ARGUMENT', `posting ${p.key}: amount_fen must be a positive integer up to ${MAX_FEN}`, 'amount_fen');
  }
  if (!isAccountId(p.debit)) return err('INVALID_ARGUMENT', `posting ${p.key}: bad debit account ${p.debit}`, 'debit');
  if (!isAccountId(p.credit)) return err('INVALID_ARGUMENT', `posting ${p.key}: bad credit account ${p.credit}`, 'credit');
  if (p.debit === p.credit) return err('INVALID_ARGUMENT', `posting ${p.key}: debit and credit are the same account`, 'credit');
  return ok(p);
}

/**
 * Applies postings in order, all or nothing. A posting whose key is in `appliedKeys` (or repeats
 * a key earlier in the list) is skipped. Fails, changing nothing, when a posting is malformed
 * (INVALID_ARGUMENT) or would take a non-external account below zero (INSUFFICIENT_FUNDS).
 * Missing accounts have balance 0. `creditLimits` is the account policy of trade credit accounts
 * (trade-accounts.ts): a credit account may go down to minus its limit there, to 0 elsewhere.
 */
export function applyPostings(
  balances: Balances,
  postings: readonly Posting[],
  appliedKeys: ReadonlySet<string> = new Set(),
  creditLimits: ReadonlyMap<AccountId, number> = new Map(),
): Result<AppliedPostings> {
  if (postings.length > MAX_POSTINGS_PER_CALL) {
    return err('INVALID_ARGUMENT', `at most ${MAX_POSTINGS_PER_CALL} postings at once`, 'postings');
  }
  const next: Record<AccountId, number> = { ...balances };
  const seen = new Set<string>();
  const applied: Posting[] = [];
  const skipped: Posting[] = [];
  for (const p of postings) {
    const checked = checkPosting(p);
    if (!checked.ok) return checked;
    if (appliedKeys.has(p.key) || seen.has(p.key)) {
      skipped.push(p);
      continue;
    }
    seen.add(p.key);
    const debitBalance = next[p.debit] ?? 0;
    const floor = isCreditAccount(p.debit) ? -(creditLimits.get(p.debit) ?? 0) : 0;
    if (!isExternalAccount(p.debit) && debitBalance - p.amount_fen < floor) {
      return err('INSUFFICIENT_FUNDS', `account ${p.debit} holds ${debitBalance} fen, posting ${p.key} needs ${p.amount_fen}`);
    }
    next[p.debit] = debitBalance - p.amount_fen;
    next[p.credit] = (next[p.credit] ?? 0) + p.amount_fen;
    applied.push(p);
  }
  return ok({ balances: next, applied, skipped });
}

/** Sum of every balance: 0 in a consistent ledger. */
export function ledgerSum(balances: Balances): number {
  let sum = 0;
  for (const v of Object.values(balances)) sum += v;
  return sum;
}

/** Sum of internal balances: what was funded minus what was paid out. */
export function internalTotal(balances: Balances): number {
  let sum = 0;
  for (const [id, v] of Object.entries(balances)) if (!isExternalAccount(id)) sum += v;
  return sum;
}

/** The brand funds its reward budget: external:funding → brand:budget. */
export function fundPosting(amount_fen: number, requestId: string, at: number): Posting {
  return { key: `fund:${requestId}`, debit: FUNDING_ACCOUNT, credit: BUDGET_ACCOUNT, amount_fen, kind: 'fund', ref: requestId, at };
}

/** A posting as one account's history shows it: signed, positive when money came in. */
export function entryFor(accountId: AccountId, p: Posting): { key: string; kind: PostingKind; amount: number; ref: string; at: number } {
  if (p.credit !== accountId && p.debit !== accountId) throw new Error(`posting ${p.key} does not touch ${accountId}`);
  return { key: p.key, kind: p.kind, amount: p.credit === accountId ? p.amount_fen : -p.amount_fen, ref: p.ref, at: p.at };
}
