/**
 * Request schemas of the `trade` actions for promotions, rebate programs and settlement documents
 * (docs/promotions.md#promotions). A definition is checked by the pure validators
 * (`promotionDefinition`, `rebateProgramDefinition`); the envelope (which one, seller, version,
 * retry key) by the field schemas. A violation answers INVALID_ARGUMENT naming the field.
 */
import { promotionDefinition } from '../promotions/validate.js';
import { rebateProgramDefinition } from '../promotions/rebate-program.js';
import { STATEMENT_STATES, MAX_REASON_LENGTH } from '../promotions/statement-machine.js';
import { id, requestId } from './fields.js';
import { bool, int, object, oneOf, optional, refine, str, type Parsed, type Schema } from './schema.js';

/** 2100-01-01: no window reaches beyond it. */
const MAX_TIME_MS = 4_102_444_800_000;
/** A settlement list covers at most a year (documents are listed by the day the order completed). */
export const MAX_SETTLEMENT_WINDOW_MS = 366 * 86_400_000;

const version = () => optional(int({ min: 1, max: 1e9 }));

/** A definition plus an envelope parsed by `envelope`; the definition's fields are checked first. */
function withEnvelope<D, E>(definition: Schema<D>, envelope: Schema<E>): Schema<D & E> {
  return {
    parse(input, path): Parsed<D & E> {
      const d = definition.parse(input, path);
      if (!d.ok) return d;
      const e = envelope.parse(input, path);
      if (!e.ok) return e;
      return { ok: true, value: { ...d.value, ...e.value } as D & E };
    },
  };
}

const periodKey = () => str({ max: 8, pattern: /^\d{4}(-Q[1-4]|-\d{2})?$/, patternMessage: 'a period key: 2026, 2026-Q4 or 2026-12' });

const window = <T extends { from: number; to: number }>(s: Schema<T>) =>
  refine(s, (v) => (v.from >= v.to ? { field: 'to', message: 'must be after from' } : v.to - v.from > MAX_SETTLEMENT_WINDOW_MS ? { field: 'to', message: 'must be at most 366 days after from' } : null));

const settlementsQuery = () => window(object({ sellerOrgId: optional(id()), from: int({ min: 0, max: MAX_TIME_MS }), to: int({ min: 1, max: MAX_TIME_MS }) }));

export const PROMOTION_SCHEMAS = {
  savePromotion: withEnvelope(promotionDefinition(), object({ promotionId: optional(id()), sellerOrgId: optional(id()), version: version(), requestId: optional(requestId()) })),
  listPromotions: object({ sellerOrgId: optional(id()), running: optional(bool()) }),
  setPromotionEnabled: object({ promotionId: id(), enabled: bool(), version: version() }),
  saveRebateProgram: withEnvelope(rebateProgramDefinition(), object({ programId: optional(id()), sellerOrgId: optional(id()), version: version(), requestId: optional(requestId()) })),
  listRebatePrograms: object({ sellerOrgId: optional(id()) }),
  computeRebates: object({ programId: id(), periodKey: optional(periodKey()), interim: optional(bool()), after: optional(id()) }),
  listStatements: object({ sellerOrgId: optional(id()), buyerOrgId: optional(id()), programId: optional(id()), periodKey: optional(periodKey()), status: optional(oneOf(STATEMENT_STATES)) }),
  approveStatement: object({ statementId: id(), version: version() }),
  rejectStatement: object({ statementId: id(), reason: str({ max: MAX_REASON_LENGTH }), version: version() }),
  listSettlements: settlementsQuery(),
  exportSettlements: settlementsQuery(),
};
