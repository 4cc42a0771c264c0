/**
 * Rebate programs (返利政策, docs/promotions.md): a seller's period, tiers and mode, targeting and
 * product scope as for promotions, and the approval chain its statements pass.
 */
import type { Result } from '../result.js';
import { array, bool, int, object, oneOf, optional, str, validate, type Schema } from '../validation/schema.js';
import { REBATE_PERIODS, type RebatePeriod, type RebatePeriodKind } from './rebate-period.js';
import { REBATE_MODES, type RebateMode, type RebateTier } from './rebate-tiers.js';
import { MAX_TIERS, type BuyerProfile, type ProductScope, type Targeting } from './types.js';
import { targetsBuyer } from './eligibility.js';
import { products, targeting } from './validate.js';
import { MAX_FEN } from '../money.js';

/** Most roles in a statement's approval chain. */
export const MAX_APPROVAL_STEPS = 5;

export interface RebateProgram {
  programId: string;
  sellerOrgId: string;
  name: string;
  period: RebatePeriodKind;
  mode: RebateMode;
  /** Thresholds strictly ascending, rates never lower than the tier below. */
  tiers: RebateTier[];
  targeting: Targeting;
  products: ProductScope;
  /** Roles that approve each statement, in order; empty = posted without approval. */
  approvalChain: string[];
  /** Periods starting in [from, to) are computed. */
  from: number;
  to: number;
  enabled?: boolean;
  createdAt: number;
}

export type RebateProgramDefinition = Omit<RebateProgram, 'programId' | 'sellerOrgId' | 'createdAt'>;

const role = (): Schema<string> => str({ max: 32, pattern: /^[a-z_]+$/, patternMessage: 'a role name (owner, finance, admin, …)' });

const tiers = (): Schema<RebateTier[]> => {
  const list = array(object({ threshold: int({ min: 0, max: MAX_FEN }), rate_bp: int({ min: 0, max: 10_000 }) }), { max: MAX_TIERS });
  return {
    parse(input, path) {
      const r = list.parse(input, path);
      if (!r.ok) return r;
      const t = r.value;
      for (let i = 1; i < t.length; i++) {
        if (t[i]!.threshold <= t[i - 1]!.threshold) {
          const p = `${path}[${i}].threshold`;
          return { ok: false, path: p, message: `${p} must be above the previous tier's threshold`, rule: 'invalid' };
        }
        // A ladder: a higher basis never earns a lower rate (so marginal never beats whole).
        if (t[i]!.rate_bp < t[i - 1]!.rate_bp) {
          const p = `${path}[${i}].rate_bp`;
          return { ok: false, path: p, message: `${p} must be at least the previous tier's rate`, rule: 'invalid' };
        }
      }
      if (t[t.length - 1]!.rate_bp === 0) {
        const p = `${path}[${t.length - 1}].rate_bp`;
        return { ok: false, path: p, message: `${p} must be above 0 on some tier`, rule: 'invalid' };
      }
      return r;
    },
  };
};

const shape = object({
  name: str({ max: 64 }),
  period: oneOf(REBATE_PERIODS),
  mode: oneOf(REBATE_MODES),
  tiers: tiers(),
  targeting: targeting(),
  products: products(),
  approvalChain: array(role(), { min: 0, max: MAX_APPROVAL_STEPS }),
  from: int({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  to: int({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  enabled: optional(bool()),
});

const definition: Schema<RebateProgramDefinition> = {
  parse(input, path) {
    const r = shape.parse(input, path);
    if (!r.ok) return r;
    if (r.value.to <= r.value.from) {
      const p = path === '' ? 'to' : `${path}.to`;
      return { ok: false, path: p, message: `${p} must be after from`, rule: 'invalid' };
    }
    return r;
  },
};

/** A rebate program definition, or INVALID_ARGUMENT naming the first faulty field. */
export function validateRebateProgram(input: unknown): Result<RebateProgramDefinition> {
  return validate(definition, input);
}

export function rebateProgramDefinition(): Schema<RebateProgramDefinition> {
  return definition;
}

/** A statement is due for this buyer and period: the program is enabled, the period starts in [from, to), the buyer is targeted. */
export function programApplies(program: Pick<RebateProgram, 'enabled' | 'from' | 'to' | 'targeting' | 'period'>, buyer: BuyerProfile, period: RebatePeriod): boolean {
  return program.enabled !== false && program.period === period.kind && program.from <= period.from_ms && period.from_ms < program.to && targetsBuyer(program.targeting, buyer);
}
