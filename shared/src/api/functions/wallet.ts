/**
 * The `wallet` function: the brand's reward budget, wallets, withdrawals, penalty settlement.
 * Each action's request, reply, callers, retry class and error codes, declared once
 * (docs/actions.md). Amounts are integer fen.
 */
import { POSTING_KINDS, type PostingKind } from '../../wallet/ledger.js';
import { cursor, fen, id, note, pageSize, requestId } from '../../validation/fields.js';
import { object, oneOf, optional } from '../../validation/schema.js';
import { declareAction, declareFunction } from '../declare.js';

export interface FundReq {
  amount: number;
  /** A retried fund with the same requestId credits once. */
  requestId?: string;
}
export interface FundRes {
  budget: number;
}

export interface BalanceReq {
  orgId?: string;
}
export interface BalanceRes {
  balance: number;
  /** Fen reserved by pending withdrawals (not in `balance`). */
  reserved?: number;
}

export interface HistoryReq {
  orgId?: string;
  /** Only entries of this posting kind (e.g. `store_reward`). */
  kind?: PostingKind;
  cursor?: string;
  /** Page size, 1..100. */
  limit?: number;
}
export interface LedgerEntryView {
  key: string;
  kind: string;
  /** Signed, from the account's point of view: positive in, negative out. */
  amount: number;
  ref: string;
  at: number;
}
export interface HistoryRes {
  entries: LedgerEntryView[];
  /** Pass back to get the next page; null at the end. */
  cursor: string | null;
}

export interface WithdrawReq {
  amount: number;
  requestId: string;
  orgId?: string;
}
export const WITHDRAWAL_STATUSES = ['requested', 'approved', 'rejected', 'paid', 'failed'] as const;
export type WithdrawalStatus = (typeof WITHDRAWAL_STATUSES)[number];
export interface WithdrawRes {
  withdrawalId: string;
  status: WithdrawalStatus;
}

export interface ApproveWithdrawalReq {
  withdrawalId: string;
}
export interface ApproveWithdrawalRes {
  status: WithdrawalStatus;
}

export interface RejectWithdrawalReq {
  withdrawalId: string;
  reason?: string;
}
export interface RejectWithdrawalRes {
  status: WithdrawalStatus;
}

/** A brand admin settles a pending penalty. */
export interface SettlePenaltyReq {
  penaltyId: string;
  /**
   * `deduct`: take the amount from the dealer's org wallet into the brand budget;
   * `offline`: settled outside the system (no money moves); `waive`: forgiven.
   */
  resolution: PenaltyResolution;
  note?: string;
}
export const PENALTY_RESOLUTIONS = ['deduct', 'offline', 'waive'] as const;
export type PenaltyResolution = (typeof PENALTY_RESOLUTIONS)[number];
export const PENALTY_STATUSES = ['pending', 'settled', 'waived'] as const;
export type PenaltyStatus = (typeof PENALTY_STATUSES)[number];
export interface SettlePenaltyRes {
  status: PenaltyStatus;
}

export interface WithdrawalView {
  id: string;
  owner: string;
  requestedBy: string;
  amount: number;
  status: WithdrawalStatus;
  requestedAt: number;
  reason: string | null;
}
/** A brand admin lists any withdrawals; others their own (or their org's with orgId). */
export interface ListWithdrawalsReq {
  status?: WithdrawalStatus;
  orgId?: string;
}
export interface ListWithdrawalsRes {
  withdrawals: WithdrawalView[];
}

const OWN_WALLET = "one's own wallet; an org's wallet only for that org's owner";

export const WALLET = declareFunction('wallet', {
  fund: declareAction<FundReq, FundRes>()({
    schema: object({ amount: fen(1), requestId: optional(requestId()) }),
    who: 'a brand admin',
    access: 'signed-in',
    apps: 'any',
    retry: 'intent',
    errors: ['FORBIDDEN', 'CONFLICT'],
    words: { INVALID_ARGUMENT: '充值金额有误' },
  }),
  balance: declareAction<BalanceReq, BalanceRes>()({
    schema: object({ orgId: optional(id()) }),
    who: `${OWN_WALLET}; the brand budget for a brand admin`,
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
  history: declareAction<HistoryReq, HistoryRes>()({
    schema: object({ orgId: optional(id()), kind: optional(oneOf(POSTING_KINDS)), cursor: optional(cursor()), limit: optional(pageSize()) }),
    who: `${OWN_WALLET}; the brand budget for a brand admin`,
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
  withdraw: declareAction<WithdrawReq, WithdrawRes>()({
    schema: object({ amount: fen(1), requestId: requestId(), orgId: optional(id()) }),
    who: OWN_WALLET,
    access: 'signed-in',
    apps: 'any',
    retry: 'intent',
    errors: ['FORBIDDEN', 'INSUFFICIENT_FUNDS', 'RATE_LIMITED', 'CONFLICT'],
    words: {
      INSUFFICIENT_FUNDS: '可提现余额不足',
      INVALID_ARGUMENT: '提现金额有误（最少 ¥0.10）',
      RATE_LIMITED: '今天的提现次数或金额已达上限，请明天再试',
    },
  }),
  approveWithdrawal: declareAction<ApproveWithdrawalReq, ApproveWithdrawalRes>()({
    schema: object({ withdrawalId: id() }),
    who: 'a brand admin',
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INSUFFICIENT_FUNDS'],
  }),
  rejectWithdrawal: declareAction<RejectWithdrawalReq, RejectWithdrawalRes>()({
    schema: object({ withdrawalId: id(), reason: optional(note()) }),
    who: 'a brand admin',
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  settlePenalty: declareAction<SettlePenaltyReq, SettlePenaltyRes>()({
    schema: object({ penaltyId: id(), resolution: oneOf(PENALTY_RESOLUTIONS), note: optional(note()) }),
    who: 'a brand admin',
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INSUFFICIENT_FUNDS'],
  }),
  listWithdrawals: declareAction<ListWithdrawalsReq, ListWithdrawalsRes>()({
    schema: object({ status: optional(oneOf(WITHDRAWAL_STATUSES)), orgId: optional(id()) }),
    who: "a brand admin, all; others their own, or their org's as its owner",
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
});
