/**
 * The promotion editor's form and its mapping to `trade.savePromotion` (docs/promotions.md#promotions):
 * yuan typed ↔ integer fen, 折 typed (9.5) ↔ the share paid in bp (9500), dates ↔ the half-open
 * window in ms, gift units for a 满送's budget. The request is then checked by the very validator
 * the server runs (`validatePromotion` in shared), and every problem is said in Chinese on its field.
 */
import { formatFen, parseYuan } from '@channel-router/shared/money';
import { validatePromotion, type PromotionDefinition, type PromotionType, type ThresholdBy, type Targeting, type ProductScope } from '@channel-router/shared';
import type { ChannelOrgKind } from '@channel-router/shared/model';
import { dateOf, dayEnd_ms, dayStart_ms, lastDateOf, addDays } from '../shanghai-dates';
import type { PromotionView, SavePromotionReq } from './api';
import { promotionFieldWords, ruleText, type RuleFacts } from './words';

/** Most rows the form offers (the validator's own limits are higher; a phone form stays short). */
export const FORM_MAX_TIERS = 10;
export const FORM_MAX_ITEMS = 50;
export const FORM_MAX_GIFTS = 5;

export interface GiftForm {
  productId: string;
  quantity: string;
}
export interface TierForm {
  /** Yuan (thresholdBy amount) or order units. */
  threshold: string;
  /** 满减: yuan off. */
  off: string;
  /** 满折: 折 as typed, 9.5 = pays 95 %. */
  zhe: string;
  /** 满送. */
  gifts: GiftForm[];
}
export interface ItemForm {
  productId: string;
  /** 特价: yuan per unit. */
  price: string;
  /** 套餐: units in one set. */
  quantity: string;
}

/** Who and which products: shared by promotions and rebate programs. */
export interface TargetingForm {
  kinds: ChannelOrgKind[];
  levels: string[];
  groupIds: string[];
  /** GB/T 2260 codes, separated by commas or spaces. */
  regionsText: string;
  buyerIds: string[];
  productScope: ProductScope['scope'];
  productIds: string[];
}

export interface PromotionForm extends TargetingForm {
  promotionId?: string;
  version?: number;
  type: PromotionType;
  name: string;
  thresholdBy: ThresholdBy;
  tiers: TierForm[];
  repeat: boolean;
  cap: string;
  items: ItemForm[];
  bundlePrice: string;
  /** `YYYY-MM-DD`, Shanghai; the last day is included. */
  fromDate: string;
  toDate: string;
  perBuyerLimit: string;
  /** Yuan, or gift units for 满送; empty = no budget. */
  budget: string;
  enabled: boolean;
}

/** Problems by request path (`tiers[1].threshold`, `budget.amount`, `to`). */
export type FieldErrors = Record<string, string>;

export const emptyTier = (): TierForm => ({ threshold: '', off: '', zhe: '', gifts: [] });
export const emptyItem = (): ItemForm => ({ productId: '', price: '', quantity: '1' });

export const EMPTY_TARGETING: TargetingForm = { kinds: [], levels: [], groupIds: [], regionsText: '', buyerIds: [], productScope: 'all', productIds: [] };

/** A new promotion of `type`, valid from today for 30 days. */
export function newPromotionForm(type: PromotionType, now_ms: number): PromotionForm {
  const today = dateOf(now_ms);
  return {
    ...EMPTY_TARGETING,
    type,
    name: '',
    thresholdBy: 'amount',
    tiers: [emptyTier()],
    repeat: false,
    cap: '',
    items: [emptyItem()],
    bundlePrice: '',
    fromDate: today,
    toDate: addDays(today, 29),
    perBuyerLimit: '',
    budget: '',
    enabled: true,
  };
}

// ---------------------------------------------------------------------------------------------
// Units.

/** Fen as the form shows it: `300`, `12.5`, `0.01` (no symbol, no trailing zeros). */
export function yuanText(fen: number): string {
  return formatFen(fen, { symbol: false }).replace(/\.00$/, '').replace(/(\.\d)0$/, '$1');
}

/** 折 typed → share paid in bp: `9.5` → 9500, `8.85` → 8850, `0` → 0 (免单). Null when not a 折 below 10. */
export function zheToBp(text: string): number | null {
  const t = text.trim().replace(/折$/, '');
  if (!/^\d(\.\d{1,3})?$/.test(t)) return null;
  const bp = Math.round(Number(t) * 1000);
  return bp >= 0 && bp <= 9999 ? bp : null;
}

/** bp → 折 as typed: 9500 → `9.5`, 8850 → `8.85`, 9000 → `9`. */
export function bpToZhe(bp: number): string {
  if (!Number.isSafeInteger(bp) || bp < 0 || bp > 10_000) throw new Error(`bpToZhe: bad rate ${bp}`);
  return String(bp / 1000);
}

/** Percent typed → bp: `1.5` → 150. Null when not a percent with at most two decimals in [0, 100]. */
export function percentToBp(text: string): number | null {
  const t = text.trim().replace(/%$/, '');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(t)) return null;
  const bp = Math.round(Number(t) * 100);
  return bp <= 10_000 ? bp : null;
}

export function bpToPercent(bp: number): string {
  return String(bp / 100);
}

/** A whole number typed (units, limits); null when not one. */
export function intOf(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) return null;
  return Number(t);
}

/** Region codes typed, separated by commas, spaces or 、. */
export function regionsOf(text: string): string[] {
  return text
    .split(/[\s,，、]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

// ---------------------------------------------------------------------------------------------
// Form → request.

/** Collects each field's typing problems at once (several fields are marked together). */
class Reader {
  errors: FieldErrors = {};
  constructor(private readonly say: (path: string, rule: 'required' | 'type' | 'integer', message?: string) => string) {}
  yuan(path: string, text: string, optional = false): number | undefined {
    if (text.trim() === '') {
      if (!optional) this.errors[path] = this.say(path, 'required');
      return undefined;
    }
    const r = parseYuan(text, path);
    if (!r.ok) {
      this.errors[path] = this.say(path, 'type');
      return undefined;
    }
    return r.data;
  }
  int(path: string, text: string, optional = false): number | undefined {
    if (text.trim() === '') {
      if (!optional) this.errors[path] = this.say(path, 'required');
      return undefined;
    }
    const n = intOf(text);
    if (n === null) this.errors[path] = this.say(path, 'integer');
    return n ?? undefined;
  }
  /** Threshold: yuan or units as the promotion measures. */
  threshold(path: string, text: string, by: ThresholdBy): number | undefined {
    return by === 'amount' ? this.yuan(path, text) : this.int(path, text);
  }
}

export function targetingOf(f: TargetingForm): Targeting {
  const t: Targeting = {};
  if (f.kinds.length > 0) t.kinds = [...f.kinds];
  if (f.levels.length > 0) t.levels = [...f.levels];
  if (f.groupIds.length > 0) t.groupIds = [...f.groupIds];
  const regions = regionsOf(f.regionsText);
  if (regions.length > 0) t.regions = regions;
  if (f.buyerIds.length > 0) t.buyerIds = [...f.buyerIds];
  return t;
}

export function productScopeOf(f: TargetingForm): ProductScope {
  return f.productScope === 'all' ? { scope: 'all' } : { scope: f.productScope, productIds: [...f.productIds] };
}

export type FormResult = { ok: true; req: SavePromotionReq } | { ok: false; errors: FieldErrors };

/**
 * The request the form stands for, checked by the server's validator; or every typing problem
 * found, else the validator's first problem, each on its field in Chinese.
 */
export function promotionRequest(f: PromotionForm): FormResult {
  if (f.tiers.length > FORM_MAX_TIERS || f.items.length > FORM_MAX_ITEMS) throw new Error('promotionRequest: form beyond its limits');
  const say = (path: string, rule: 'required' | 'type' | 'integer') => ruleText(promotionFieldWords(path, f.type, f.thresholdBy), { rule });
  const r = new Reader(say);
  const from = dayStart_ms(f.fromDate);
  const to = dayEnd_ms(f.toDate);
  if (from === null) r.errors['from'] = '请选择开始日期';
  if (to === null) r.errors['to'] = '请选择结束日期';
  const common = {
    name: f.name.trim(),
    targeting: targetingOf(f),
    from: from ?? 0,
    to: to ?? 1,
    ...(f.enabled ? {} : { enabled: false }),
  };
  const limit = r.int('perBuyerLimit', f.perBuyerLimit, true);
  const budgetAmount = f.type === 'full_gift' ? r.int('budget.amount', f.budget, true) : r.yuan('budget.amount', f.budget, true);
  const extras = {
    ...(limit === undefined ? {} : { perBuyerLimit: limit }),
    ...(budgetAmount === undefined ? {} : { budget: { kind: f.type === 'full_gift' ? ('gift_units' as const) : ('fen' as const), amount: budgetAmount } }),
  };
  let def: PromotionDefinition;
  const threshold = { products: productScopeOf(f), thresholdBy: f.thresholdBy };
  switch (f.type) {
    case 'special':
      def = { type: 'special', ...common, ...extras, items: f.items.map((it, i) => ({ productId: it.productId, price: r.yuan(`items[${i}].price`, it.price) ?? 0 })) };
      break;
    case 'bundle':
      def = {
        type: 'bundle',
        ...common,
        ...extras,
        items: f.items.map((it, i) => ({ productId: it.productId, quantity: r.int(`items[${i}].quantity`, it.quantity) ?? 0 })),
        price: r.yuan('price', f.bundlePrice) ?? 0,
      };
      break;
    case 'full_reduction': {
      const tiers = (f.repeat ? f.tiers.slice(0, 1) : f.tiers).map((t, i) => ({
        threshold: r.threshold(`tiers[${i}].threshold`, t.threshold, f.thresholdBy) ?? 0,
        off: r.yuan(`tiers[${i}].off`, t.off) ?? 0,
      }));
      const cap = f.repeat ? r.yuan('cap', f.cap, true) : undefined;
      def = { type: 'full_reduction', ...common, ...extras, ...threshold, tiers, ...(f.repeat ? { repeat: true } : {}), ...(cap === undefined ? {} : { cap }) };
      break;
    }
    case 'full_discount':
      def = {
        type: 'full_discount',
        ...common,
        ...extras,
        ...threshold,
        tiers: f.tiers.map((t, i) => {
          const rate = zheToBp(t.zhe);
          if (rate === null) r.errors[`tiers[${i}].rate_bp`] = t.zhe.trim() === '' ? `请填写第 ${i + 1} 档折扣` : `第 ${i + 1} 档折扣应为 0 到 9.99 之间，例如 9.5 表示 95 折`;
          return { threshold: r.threshold(`tiers[${i}].threshold`, t.threshold, f.thresholdBy) ?? 0, rate_bp: rate ?? 0 };
        }),
      };
      break;
    case 'full_gift':
      def = {
        type: 'full_gift',
        ...common,
        ...extras,
        ...threshold,
        tiers: f.tiers.map((t, i) => ({
          threshold: r.threshold(`tiers[${i}].threshold`, t.threshold, f.thresholdBy) ?? 0,
          gifts: t.gifts.map((g, k) => ({ productId: g.productId, quantity: r.int(`tiers[${i}].gifts[${k}].quantity`, g.quantity) ?? 0 })),
        })),
      };
      break;
  }
  if (Object.keys(r.errors).length > 0) return { ok: false, errors: r.errors };
  const checked = validatePromotion(def);
  if (!checked.ok) {
    const path = checked.error.field ?? 'form';
    const words = promotionFieldWords(path, f.type, f.thresholdBy);
    return { ok: false, errors: { [path]: ruleText(words, { rule: checked.error.rule, limit: checked.error.limit, message: checked.error.message }) } };
  }
  const req: SavePromotionReq = { ...checked.data };
  if (f.promotionId !== undefined) req.promotionId = f.promotionId;
  if (f.version !== undefined) req.version = f.version;
  return { ok: true, req };
}

/** A server reply's field problem in the form's words (INVALID_ARGUMENT naming a field). */
export function replyErrors(f: Pick<PromotionForm, 'type' | 'thresholdBy'>, e: { field?: string; rule?: RuleFacts['rule']; limit?: number; message: string; userMessage: string }): FieldErrors {
  if (e.field === undefined) return { form: e.userMessage };
  return { [e.field]: ruleText(promotionFieldWords(e.field, f.type, f.thresholdBy), { rule: e.rule, limit: e.limit, message: e.message }) };
}

// ---------------------------------------------------------------------------------------------
// Stored promotion → form (editing).

function targetingForm(t: Targeting, products: ProductScope): TargetingForm {
  return {
    kinds: [...(t.kinds ?? [])],
    levels: [...(t.levels ?? [])],
    groupIds: [...(t.groupIds ?? [])],
    regionsText: (t.regions ?? []).join(', '),
    buyerIds: [...(t.buyerIds ?? [])],
    productScope: products.scope,
    productIds: products.scope === 'all' ? [] : [...products.productIds],
  };
}

export function formOfPromotion(p: PromotionView): PromotionForm {
  const base: PromotionForm = {
    ...targetingForm(p.targeting, p.type === 'special' || p.type === 'bundle' ? { scope: 'all' } : p.products),
    promotionId: p.promotionId,
    version: p.version,
    type: p.type,
    name: p.name,
    thresholdBy: 'amount',
    tiers: [emptyTier()],
    repeat: false,
    cap: '',
    items: [emptyItem()],
    bundlePrice: '',
    fromDate: dateOf(p.from),
    toDate: lastDateOf(p.to),
    perBuyerLimit: p.perBuyerLimit === undefined ? '' : String(p.perBuyerLimit),
    budget: p.budget === undefined ? '' : p.budget.kind === 'fen' ? yuanText(p.budget.amount) : String(p.budget.amount),
    enabled: p.enabled !== false,
  };
  const th = (by: ThresholdBy, v: number) => (by === 'amount' ? yuanText(v) : String(v));
  switch (p.type) {
    case 'special':
      return { ...base, items: p.items.map((i) => ({ productId: i.productId, price: yuanText(i.price), quantity: '1' })) };
    case 'bundle':
      return { ...base, items: p.items.map((i) => ({ productId: i.productId, price: '', quantity: String(i.quantity) })), bundlePrice: yuanText(p.price) };
    case 'full_reduction':
      return {
        ...base,
        thresholdBy: p.thresholdBy,
        tiers: p.tiers.map((t) => ({ ...emptyTier(), threshold: th(p.thresholdBy, t.threshold), off: yuanText(t.off) })),
        repeat: p.repeat === true,
        cap: p.cap === undefined ? '' : yuanText(p.cap),
      };
    case 'full_discount':
      return { ...base, thresholdBy: p.thresholdBy, tiers: p.tiers.map((t) => ({ ...emptyTier(), threshold: th(p.thresholdBy, t.threshold), zhe: bpToZhe(t.rate_bp) })) };
    case 'full_gift':
      return {
        ...base,
        thresholdBy: p.thresholdBy,
        tiers: p.tiers.map((t) => ({ ...emptyTier(), threshold: th(p.thresholdBy, t.threshold), gifts: t.gifts.map((g) => ({ productId: g.productId, quantity: String(g.quantity) })) })),
      };
  }
}
