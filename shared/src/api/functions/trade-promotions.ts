/**
 * The `trade` actions for promotions, rebate programs and settlement documents
 * (docs/promotions.md#promotions, docs/promotions.md#rebate-programs, docs/promotions.md#settlement).
 * Merged into the `trade` function's declaration (trade.ts). Money in fen, rates in bp, times in ms.
 */
import type { Promotion } from '../../promotions/types.js';
import type { RebateProgram } from '../../promotions/rebate-program.js';
import type { RebateStatementFigures } from '../../promotions/rebate-statement.js';
import type { StatementApproval, StatementHistoryEntry, StatementState } from '../../promotions/statement-machine.js';
import type { SettlementDocument } from '../../promotions/settlement.js';
import { PROMOTION_SCHEMAS as S } from '../../validation/promotion-requests.js';
import type { PromotionDefinition } from '../../promotions/validate.js';
import type { RebateProgramDefinition } from '../../promotions/rebate-program.js';
import { declareAction } from '../declare.js';
import type { Schema } from '../../validation/schema.js';

/** What a save adds to a definition: which one (an edit), for which seller, the version read, the retry key. */
export interface SaveEnvelope {
  sellerOrgId?: string;
  /** For an edit: the version read; another edit in between answers CONFLICT. */
  version?: number;
  requestId?: string;
}

export type SavePromotionReq = PromotionDefinition & SaveEnvelope & { promotionId?: string };
export interface SavePromotionRes {
  promotionId: string;
  version: number;
}
export type PromotionView = Promotion & {
  /** Budget left (fen or gift units), null without a budget. */
  budgetLeft: number | null;
  /** Running now: enabled and within its window. */
  running: boolean;
  /** The badge the apps show ("满300减30"). */
  label: string;
  version: number;
  updatedAt: number;
};
export interface ListPromotionsReq {
  sellerOrgId?: string;
  /** Only those running now. */
  running?: boolean;
}
export interface ListPromotionsRes {
  promotions: PromotionView[];
}
export interface SetPromotionEnabledReq {
  promotionId: string;
  enabled: boolean;
  version?: number;
}
export interface SetPromotionEnabledRes {
  promotionId: string;
  version: number;
  enabled: boolean;
}

export type SaveRebateProgramReq = RebateProgramDefinition & SaveEnvelope & { programId?: string };
export interface SaveRebateProgramRes {
  programId: string;
  version: number;
}
export type RebateProgramView = RebateProgram & { version: number; updatedAt: number };
export interface ListRebateProgramsReq {
  sellerOrgId?: string;
}
export interface ListRebateProgramsRes {
  programs: RebateProgramView[];
}

export interface ComputeRebatesReq {
  programId: string;
  /** `2026-Q4`, `2026-12`, `2026` as the program's period; absent: the period that ended last. */
  periodKey?: string;
  /**
   * For a period still running: store interim statements up to now (one per buyer and day) that
   * pass the approval chain and are posted like final ones; the period's later statements deduct
   * what they paid. Without it a running period answers its figures only.
   */
  interim?: boolean;
  /** The `next` of the previous call: a large seller's buyers take several calls, 100 each. */
  after?: string;
}
export interface StatementView extends RebateStatementFigures {
  statementId: string;
  sellerOrgId: string;
  status: StatementState;
  chain: string[];
  step: number;
  approvals: StatementApproval[];
  history: StatementHistoryEntry[];
  reason: string | null;
  version: number;
  computedAt: number;
  postedAt: number | null;
}
export interface ComputeRebatesRes {
  periodKey: string;
  /** The period has ended: statements were stored (idempotent per program, period and buyer). */
  final: boolean;
  buyers: number;
  /** Statements stored now (new, or a returned one recomputed). */
  created: number;
  /** Statements that were already there and not returned: left as they were. */
  unchanged: number;
  rebate_fen: number;
  /** For a running period without `interim`: the figures so far (nothing stored); at most 200. */
  previews: RebateStatementFigures[];
  /** More buyers to state: call again with `after: next`; null after the last. */
  next: string | null;
}
export interface ListStatementsReq {
  /** The seller's statements (a seller member), or the buyer's own (`buyerOrgId`, a buyer member). */
  sellerOrgId?: string;
  buyerOrgId?: string;
  programId?: string;
  periodKey?: string;
  status?: StatementState;
}
export interface ListStatementsRes {
  statements: StatementView[];
}
export interface ApproveStatementReq {
  statementId: string;
  version?: number;
}
export interface RejectStatementReq {
  statementId: string;
  reason: string;
  version?: number;
}
export interface StatementStepRes {
  statementId: string;
  status: StatementState;
  version: number;
  /** Fen posted to the buyer's rebate account by this step (the last approval), else 0. */
  posted_fen: number;
}

export interface ListSettlementsReq {
  /** A seller's documents (its members); absent for a brand admin: the whole channel. */
  sellerOrgId?: string;
  /** Completed in [from, to). */
  from: number;
  to: number;
}
export interface ListSettlementsRes {
  documents: SettlementDocument[];
  goods_fen: number;
  /** More completed orders than one list holds: narrow the period. */
  truncated: boolean;
}
export type ExportSettlementsReq = ListSettlementsReq;
export interface ExportSettlementsRes {
  filename: string;
  csv: string;
  rows: number;
}

const SELLER_ERRORS = ['FORBIDDEN', 'NOT_FOUND'] as const;

export const PROMOTION_TRADE_ACTIONS = {
  savePromotion: declareAction<SavePromotionReq, SavePromotionRes>()({
    // The definition's union with the envelope: the same type, spelled as the pure validator spells it.
    schema: S.savePromotion as Schema<SavePromotionReq>,
    who: "the seller's owner (the brand's admins)",
    access: 'signed-in',
    apps: 'any',
    retry: 'keyed',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'PRICE_BELOW_FLOOR', 'CONFLICT'],
    words: { PRICE_BELOW_FLOOR: '促销价低于品牌控价' },
  }),
  listPromotions: declareAction<ListPromotionsReq, ListPromotionsRes>()({
    schema: S.listPromotions,
    who: "the seller's members (not a shop guide)",
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: [...SELLER_ERRORS],
  }),
  setPromotionEnabled: declareAction<SetPromotionEnabledReq, SetPromotionEnabledRes>()({
    schema: S.setPromotionEnabled,
    who: "the seller's owner (the brand's admins)",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  saveRebateProgram: declareAction<SaveRebateProgramReq, SaveRebateProgramRes>()({
    schema: S.saveRebateProgram as Schema<SaveRebateProgramReq>,
    who: "the seller's owner (the brand's admins)",
    access: 'signed-in',
    apps: 'any',
    retry: 'keyed',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  listRebatePrograms: declareAction<ListRebateProgramsReq, ListRebateProgramsRes>()({
    schema: S.listRebatePrograms,
    who: "the seller's members (not a shop guide)",
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: [...SELLER_ERRORS],
  }),
  computeRebates: declareAction<ComputeRebatesReq, ComputeRebatesRes>()({
    schema: S.computeRebates,
    who: "the seller's owner or finance (the brand's admins and finance)",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: [...SELLER_ERRORS],
  }),
  listStatements: declareAction<ListStatementsReq, ListStatementsRes>()({
    schema: S.listStatements,
    who: "the seller's members (not a shop guide); a buyer's members for its own statements",
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: [...SELLER_ERRORS],
  }),
  approveStatement: declareAction<ApproveStatementReq, StatementStepRes>()({
    schema: S.approveStatement,
    who: "the seller's member whose role is the statement's next step; the seller's owner and the brand's admins any step",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE', 'CONFLICT'],
  }),
  rejectStatement: declareAction<RejectStatementReq, StatementStepRes>()({
    schema: S.rejectStatement,
    who: "the seller's member whose role is the statement's next step; the seller's owner and the brand's admins any step",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE', 'CONFLICT'],
  }),
  listSettlements: declareAction<ListSettlementsReq, ListSettlementsRes>()({
    schema: S.listSettlements,
    who: "the seller's owner or finance for its documents; the brand's admins and finance for the channel's",
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: [...SELLER_ERRORS],
  }),
  exportSettlements: declareAction<ExportSettlementsReq, ExportSettlementsRes>()({
    schema: S.exportSettlements,
    who: "the seller's owner or finance for its documents; the brand's admins and finance for the channel's",
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: [...SELLER_ERRORS],
  }),
} as const;
