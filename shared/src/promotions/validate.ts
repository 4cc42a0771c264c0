/**
 * Checks a promotion definition as a seller saves it (`trade.savePromotion`): every field, and the
 * rules across fields (tiers ascending, repeat with one tier, the budget's kind). The first problem
 * found is INVALID_ARGUMENT naming its field (`tiers[1].threshold`), like every request schema.
 */
import { CHANNEL_ORG_KINDS } from '../model.js';
import { MAX_FEN } from '../money.js';
import type { Result } from '../result.js';
import { validateRegionCode } from '../channel/regions/index.js';
import { id, fen } from '../validation/fields.js';
import { array, bool, child, fromValidator, int, object, oneOf, optional, str, validate, type Parsed, type Schema } from '../validation/schema.js';
import {
  MAX_BUNDLE_ITEMS,
  MAX_GIFT_QUANTITY,
  MAX_GIFTS_PER_TIER,
  MAX_PROMOTION_NAME_LENGTH,
  MAX_SCOPE_PRODUCTS,
  MAX_TARGETS,
  MAX_TIERS,
  MAX_UNITS,
  PROMOTION_TYPES,
  type ProductScope,
  type Promotion,
} from './types.js';

type ServerFields = 'promotionId' | 'sellerOrgId' | 'createdAt';
type Definition<P> = P extends Promotion ? Omit<P, ServerFields> : never;
/** A promotion as the seller defines it; the server adds its id, seller and creation time. */
export type PromotionDefinition = Definition<Promotion>;

/** A level or group name as the seller's customer profiles use it. */
const label = (): Schema<string> => str({ max: 32 });

/** Targeting as promotions and rebate programs declare it. */
export const targeting = () =>
  object({
    kinds: optional(array(oneOf(CHANNEL_ORG_KINDS), { min: 0, max: CHANNEL_ORG_KINDS.length })),
    levels: optional(array(label(), { min: 0, max: MAX_TARGETS })),
    groupIds: optional(array(id(), { min: 0, max: MAX_TARGETS })),
    regions: optional(array(fromValidator(validateRegionCode), { min: 0, max: MAX_TARGETS })),
    buyerIds: optional(array(id(), { min: 0, max: MAX_TARGETS })),
  });

/**
 * A list whose entries are unique by `key`; a repeat names the entry (`items[2].productId`).
 * (`refine` joins a relative field with a dot; list entries are named `[i]` without one.)
 */
function uniqueList<T>(schema: Schema<T[]>, key: (v: T) => string, what: string, field = ''): Schema<T[]> {
  return {
    parse(input, path) {
      const r = schema.parse(input, path);
      if (!r.ok) return r;
      const seen = new Set<string>();
      for (let i = 0; i < r.value.length; i++) {
        const k = key(r.value[i]!);
        if (seen.has(k)) {
          const p = `${path}[${i}]${field === '' ? '' : `.${field}`}`;
          return { ok: false, path: p, message: `${p} repeats ${what} ${k}`, rule: 'invalid' };
        }
        seen.add(k);
      }
      return r;
    },
  };
}

const productIds = () => uniqueList(array(id(), { max: MAX_SCOPE_PRODUCTS }), (p) => p, 'product');

/** A product scope: `{ scope: 'all' }` or `{ scope: 'listed' | 'except', productIds }`. */
export const products = (): Schema<ProductScope> => ({
  parse(input, path) {
    const head = object({ scope: oneOf(['all', 'listed', 'except'] as const) }).parse(input, path);
    if (!head.ok) return head;
    if (head.value.scope === 'all') return { ok: true, value: { scope: 'all' } };
    const rest = object({ productIds: productIds() }).parse(input, path);
    if (!rest.ok) return rest;
    return { ok: true, value: { scope: head.value.scope, productIds: rest.value.productIds } };
  },
});

const budget = () => object({ kind: oneOf(['fen', 'gift_units'] as const), amount: int({ min: 1, max: MAX_FEN }) });

const common = {
  name: str({ max: MAX_PROMOTION_NAME_LENGTH }),
  targeting: targeting(),
  from: int({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  to: int({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  perBuyerLimit: optional(int({ min: 1, max: 1_000_000 })),
  budget: optional(budget()),
  enabled: optional(bool()),
};

const giftList = () =>
  uniqueList(array(object({ productId: id(), quantity: int({ min: 1, max: MAX_GIFT_QUANTITY }) }), { max: MAX_GIFTS_PER_TIER }), (g) => g.productId, 'gift product', 'productId');

/** A threshold as the promotion measures it: fen or order units, at least 1. */
const threshold = () => int({ min: 1, max: MAX_FEN });

/** Tier thresholds strictly ascending; `better(prev, cur)` says the later tier gives more. */
function ladder<T extends { threshold: number }>(tiers: T[], better: (prev: T, cur: T) => string | null): { field: string; message: string } | null {
  for (let i = 1; i < tiers.length; i++) {
    if (tiers[i]!.threshold <= tiers[i - 1]!.threshold) return { field: `[${i}].threshold`, message: 'must be above the previous tier\'s threshold' };
    const problem = better(tiers[i - 1]!, tiers[i]!);
    if (problem !== null) return { field: `[${i}]${problem}`, message: 'must give more than the previous tier' };
  }
  return null;
}

function tiersOf<T extends { threshold: number }>(tier: Schema<T>, better: (prev: T, cur: T) => string | null): Schema<T[]> {
  const list = array(tier, { max: MAX_TIERS });
  return {
    parse(input, path) {
      const r = list.parse(input, path);
      if (!r.ok) return r;
      const problem = ladder(r.value, better);
      if (problem === null) return r;
      const p = `${path}${problem.field}`;
      return { ok: false, path: p, message: `${p} ${problem.message}`, rule: 'invalid' };
    },
  };
}

const thresholdCommon = { ...common, products: products(), thresholdBy: oneOf(['amount', 'units'] as const) };

const SHAPES = {
  special: object({
    ...common,
    items: uniqueList(array(object({ productId: id(), price: fen() }), { max: MAX_SCOPE_PRODUCTS }), (i) => i.productId, 'product', 'productId'),
  }),
  bundle: object({
    ...common,
    items: uniqueList(array(object({ productId: id(), quantity: int({ min: 1, max: MAX_UNITS }) }), { max: MAX_BUNDLE_ITEMS }), (i) => i.productId, 'product', 'productId'),
    price: fen(),
  }),
  full_reduction: object({
    ...thresholdCommon,
    tiers: tiersOf(object({ threshold: threshold(), off: fen(1) }), (a, b) => (b.off > a.off ? null : '.off')),
    repeat: optional(bool()),
    cap: optional(fen(1)),
  }),
  full_discount: object({
    ...thresholdCommon,
    tiers: tiersOf(object({ threshold: threshold(), rate_bp: int({ min: 0, max: 9999 }) }), (a, b) => (b.rate_bp < a.rate_bp ? null : '.rate_bp')),
  }),
  full_gift: object({
    ...thresholdCommon,
    tiers: tiersOf(object({ threshold: threshold(), gifts: giftList() }), (a, b) => (sumGifts(b.gifts) > sumGifts(a.gifts) ? null : '.gifts')),
  }),
} as const;

function sumGifts(gifts: ReadonlyArray<{ quantity: number }>): number {
  return gifts.reduce((s, g) => s + g.quantity, 0);
}

type Problem = { field: string; message: string } | null;

/** Rules across fields that the shapes alone cannot say. */
function crossCheck(p: PromotionDefinition): Problem {
  if (p.to <= p.from) return { field: 'to', message: 'must be after from' };
  if (p.budget !== undefined) {
    const kind = p.type === 'full_gift' ? 'gift_units' : 'fen';
    if (p.budget.kind !== kind) return { field: 'budget.kind', message: `must be ${kind} for a ${p.type} promotion` };
  }
  if (p.type === 'full_reduction') {
    if (p.repeat === true && p.tiers.length !== 1) return { field: 'tiers', message: 'must hold exactly one tier when repeat (每满) is set' };
    if (p.cap !== undefined && p.repeat !== true) return { field: 'cap', message: 'is only for repeat (每满)' };
    if (p.cap !== undefined && p.cap < p.tiers[0]!.off) return { field: 'cap', message: 'must be at least one tier\'s amount off' };
    if (p.thresholdBy === 'amount') {
      // An amount off above its own threshold would discount more than the goods it was earned on.
      const i = p.tiers.findIndex((t) => t.off > t.threshold);
      if (i >= 0) return { field: `tiers[${i}].off`, message: 'must not exceed its threshold' };
    }
  }
  if (p.type === 'bundle') {
    // A bundle is a price for a set; a single unit of one product is a special, not a bundle.
    if (p.items.length === 1 && p.items[0]!.quantity === 1) return { field: 'items', message: 'must hold more than one unit (use a special for one product)' };
  }
  if (p.type !== 'special' && p.type !== 'bundle' && p.thresholdBy === 'units') {
    const i = p.tiers.findIndex((t) => t.threshold > MAX_UNITS);
    if (i >= 0) return { field: `tiers[${i}].threshold`, message: `must be at most ${MAX_UNITS} units` };
  }
  return null;
}

const definition: Schema<PromotionDefinition> = {
  parse(input, path): Parsed<PromotionDefinition> {
    const head = object({ type: oneOf(PROMOTION_TYPES) }).parse(input, path);
    if (!head.ok) return head;
    const type = head.value.type;
    const body = (SHAPES[type] as Schema<Record<string, unknown>>).parse(input, path);
    if (!body.ok) return body;
    const value = { type, ...body.value } as PromotionDefinition;
    const problem = crossCheck(value);
    if (problem === null) return { ok: true, value };
    const p = child(path, problem.field);
    return { ok: false, path: p, message: `${p} ${problem.message}`, rule: 'invalid' };
  },
};

/** A promotion definition, or INVALID_ARGUMENT naming the first faulty field. */
export function validatePromotion(input: unknown): Result<PromotionDefinition> {
  return validate(definition, input);
}

/** The definition schema, for a request schema that embeds it (`trade.savePromotion`). */
export function promotionDefinition(): Schema<PromotionDefinition> {
  return definition;
}

