/**
 * Stored shapes of the promotions module (docs/promotions.md#promotions): promotions with their
 * budget left, per-buyer use counts, rebate programs and statements. Money in fen.
 */
import type { Promotion, RebateProgram, RebateStatementFigures, StatementMachine } from '@channel-router/shared';

/**
 * `promotions`: a seller's promotion as defined, plus `budgetLeft` (fen or gift units; null without
 * a budget), decremented conditionally at submit (`where budgetLeft ≥ n: inc −n`) and given back
 * when the order is cancelled or rejected.
 */
export type PromotionDoc = Promotion & {
  _id: string;
  budgetLeft: number | null;
  version: number;
  updatedAt: number;
  updatedBy: string;
};

/** `promotion_uses` (`_id` = `${promotionId}:${buyerOrgId}`): orders of the buyer that used the promotion. */
export interface PromotionUseDoc {
  _id: string;
  promotionId: string;
  buyerOrgId: string;
  uses: number;
  updatedAt: number;
}

export const useDocId = (promotionId: string, buyerOrgId: string) => `${promotionId}:${buyerOrgId}`;

/** What an order took from its promotions at submit: stored on the order, given back on cancellation. */
export interface PromotionTaken {
  promotionId: string;
  /** Budget units taken (fen or gift units); 0 without a budget. */
  budget: number;
  /** 1 when a per-buyer use was counted. */
  uses: 0 | 1;
}

/** `rebate_programs`. */
export type RebateProgramDoc = RebateProgram & { _id: string; version: number; updatedAt: number; updatedBy: string };

/**
 * `rebate_statements`: one final statement per program, period and buyer
 * (`_id` = `${programId}:${periodKey}:${buyerOrgId}`), and on demand while the period runs an
 * interim one per day (`…:${YYYYMMDD}`), whose posted payable the next statements of the period
 * deduct (an advance on the period's rebate).
 */
export interface RebateStatementDoc extends RebateStatementFigures {
  _id: string;
  sellerOrgId: string;
  machine: StatementMachine;
  /** Carried into the next statement (≤ 0), once this one is posted. */
  version: number;
  computedAt: number;
  postedAt: number | null;
}

export const statementId = (programId: string, periodKey: string, buyerOrgId: string, interimDate?: string) =>
  `${programId}:${periodKey}:${buyerOrgId}${interimDate === undefined ? '' : `:${interimDate}`}`;
