/**
 * A rebate statement for one buyer and one period (docs/promotions.md): the basis (net of the
 * buyer's orders completed in the period, in the program's product scope, less what was refunded),
 * the orders counted, the rate, the rebate floored to the fen.
 *
 * Returns refunded after a statement was computed adjust the NEXT statement: the earlier period's
 * rebate is recomputed on its lowered basis and the difference is carried as an adjustment (a
 * posted statement is never changed). When adjustments exceed the rebate, nothing is paid and the
 * rest is carried into the next statement again, so a rebate account never pays back more than it got.
 */
import { scopeCovers } from './eligibility.js';
import type { RebatePeriod } from './rebate-period.js';
import type { RebateProgram } from './rebate-program.js';
import { rebateFor } from './rebate-tiers.js';

/** Most orders one statement counts: a buyer's orders in a year at one a day, many times over. */
export const MAX_STATEMENT_ORDERS = 10_000;

export interface CompletedOrderFacts {
  orderId: string;
  buyerOrgId: string;
  completedAt_ms: number;
  lines: ReadonlyArray<{ productId: string; net: number; refunded: number }>;
}

/** An earlier statement as it stands now (after the adjustments already carried for it). */
export interface PriorStatementFacts {
  statementId: string;
  periodKey: string;
  basis_fen: number;
  rebate_fen: number;
}

/** Fen refunded on an earlier statement's counted lines after that statement was computed. */
export interface LateReturn {
  statementId: string;
  refund_fen: number;
}

export interface StatementAdjustment {
  statementId: string;
  periodKey: string;
  basisBefore_fen: number;
  basisAfter_fen: number;
  rebateBefore_fen: number;
  rebateAfter_fen: number;
  /** rebateAfter − rebateBefore: at most 0. */
  amount_fen: number;
}

export interface RebateStatementFigures {
  programId: string;
  buyerOrgId: string;
  periodKey: string;
  from_ms: number;
  to_ms: number;
  /** Counted up to here: the period's end, or earlier for a statement on demand. */
  asOf_ms: number;
  /** The period has ended: this is the statement to approve and post. */
  final: boolean;
  basis_fen: number;
  ordersCounted: number;
  orderIds: string[];
  /** Per order counted, its basis: later returns on it are measured against this. */
  orderBasis: Array<{ orderId: string; basis_fen: number }>;
  rate_bp: number;
  tier: number;
  rebate_fen: number;
  adjustments: StatementAdjustment[];
  /** Carried in from the previous statement (≤ 0). */
  carriedIn_fen: number;
  /** What is posted to the buyer's rebate account after the last approval (≥ 0). */
  payable_fen: number;
  /** What is carried into the next statement (≤ 0). */
  carriedOut_fen: number;
}

export interface StatementInput {
  program: Pick<RebateProgram, 'programId' | 'tiers' | 'mode' | 'products'>;
  buyerOrgId: string;
  period: RebatePeriod;
  /** The buyer's completed orders (others are ignored); refunds as they stand now. */
  orders: readonly CompletedOrderFacts[];
  /** Now, or the period's end: orders completed before it count. */
  asOf_ms: number;
  priors?: readonly PriorStatementFacts[];
  lateReturns?: readonly LateReturn[];
  carriedIn_fen?: number;
}

export function computeStatement(input: StatementInput): RebateStatementFigures {
  const { program, period } = input;
  if (input.orders.length > MAX_STATEMENT_ORDERS) throw new Error(`computeStatement: more than ${MAX_STATEMENT_ORDERS} orders`);
  const until = Math.min(period.to_ms, input.asOf_ms);
  const orderBasis: RebateStatementFigures['orderBasis'] = [];
  let basis = 0;
  for (const o of input.orders) {
    if (o.buyerOrgId !== input.buyerOrgId || o.completedAt_ms < period.from_ms || o.completedAt_ms >= until) continue;
    let b = 0;
    let any = false;
    for (const l of o.lines) {
      if (!scopeCovers(program.products, l.productId)) continue;
      if (!(Number.isSafeInteger(l.net) && Number.isSafeInteger(l.refunded) && l.refunded >= 0 && l.refunded <= l.net)) throw new Error(`computeStatement: bad line of ${o.orderId}`);
      b += l.net - l.refunded;
      any = true;
    }
    if (!any) continue;
    orderBasis.push({ orderId: o.orderId, basis_fen: b });
    basis += b;
  }
  const r = rebateFor(basis, program.tiers, program.mode);

  const adjustments: StatementAdjustment[] = [];
  for (const prior of input.priors ?? []) {
    const refunded = (input.lateReturns ?? []).filter((x) => x.statementId === prior.statementId).reduce((s, x) => s + x.refund_fen, 0);
    if (refunded <= 0) continue;
    const after = prior.basis_fen - refunded;
    const rebateAfter = rebateFor(after, program.tiers, program.mode).rebate_fen;
    adjustments.push({
      statementId: prior.statementId,
      periodKey: prior.periodKey,
      basisBefore_fen: prior.basis_fen,
      basisAfter_fen: after,
      rebateBefore_fen: prior.rebate_fen,
      rebateAfter_fen: rebateAfter,
      amount_fen: Math.min(0, rebateAfter - prior.rebate_fen),
    });
  }
  const carriedIn = input.carriedIn_fen ?? 0;
  if (carriedIn > 0) throw new Error('computeStatement: a carry is never positive');
  const due = r.rebate_fen + adjustments.reduce((s, a) => s + a.amount_fen, 0) + carriedIn;
  const out: RebateStatementFigures = {
    programId: program.programId,
    buyerOrgId: input.buyerOrgId,
    periodKey: period.key,
    from_ms: period.from_ms,
    to_ms: period.to_ms,
    asOf_ms: until,
    final: input.asOf_ms >= period.to_ms,
    basis_fen: basis,
    ordersCounted: orderBasis.length,
    orderIds: orderBasis.map((o) => o.orderId),
    orderBasis,
    rate_bp: r.rate_bp,
    tier: r.tier,
    rebate_fen: r.rebate_fen,
    adjustments,
    carriedIn_fen: carriedIn,
    payable_fen: Math.max(0, due),
    carriedOut_fen: Math.min(0, due),
  };
  if (out.payable_fen + out.carriedOut_fen !== due) throw new Error('computeStatement: payable and carry do not add up');
  return out;
}
