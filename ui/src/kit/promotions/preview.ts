/**
 * The editor's live preview: what a sample cart would get from the promotion being edited,
 * computed on the phone by the very function the quote uses (`applyPromotions`,
 * docs/promotions.md#the-quote): discount lines apportioned by largest remainder, gifts, the
 * total, and "再买 ¥x 可减 ¥y" for the next tier. Only this promotion is applied; the seller's
 * other promotions are not (the real quote stacks them).
 */
import { applyPromotions, missedHint, promotionLabel, unavailableReason, type BuyerProfile, type Promotion, type PromotionDefinition } from '@channel-router/shared';
import type { PricedLineLike } from '@channel-router/shared';
import type { ChannelOrgKind } from '@channel-router/shared/model';
import { parseYuan } from '@channel-router/shared/money';
import type { ListPriceRef, ProductRef } from './api';
import { intOf, yuanText } from './form';

/** Lines a sample cart holds. */
export const MAX_SAMPLE_LINES = 20;
const PREVIEW_ID = 'preview';

export interface SampleLineForm {
  productId: string;
  quantity: string;
  /** Yuan per order unit; prefilled with the list price for the sample buyer's kind. */
  unitPrice: string;
}
export interface SampleBuyerForm {
  kind: ChannelOrgKind;
  level: string;
  groupIds: string[];
  regionCode: string;
  /** A listed customer the sample stands for, if any. */
  buyerOrgId: string;
}
export interface SampleCart {
  buyer: SampleBuyerForm;
  lines: SampleLineForm[];
}

export const EMPTY_SAMPLE: SampleCart = { buyer: { kind: 'store', level: '', groupIds: [], regionCode: '', buyerOrgId: '' }, lines: [] };

/** The list price of a product for a buyer kind, as form text; '' when unknown. */
export function listPriceText(prices: readonly ListPriceRef[], productId: string, kind: ChannelOrgKind): string {
  const p = prices.find((x) => x.productId === productId);
  const fen = p?.listPrices[kind];
  return fen === undefined ? '' : yuanText(fen);
}

/** A sample line for a product at the buyer kind's list price. */
export function sampleLine(prices: readonly ListPriceRef[], productId: string, kind: ChannelOrgKind, quantity = 1): SampleLineForm {
  return { productId, quantity: String(quantity), unitPrice: listPriceText(prices, productId, kind) };
}

export interface PreviewLine {
  productId: string;
  productName: string;
  quantity: number;
  unitPrice: number;
  gross: number;
  discount: number;
  net: number;
}
export interface PreviewGift {
  productName: string;
  quantity: number;
  worth: number;
}
export type Preview =
  | { status: 'empty' }
  | { status: 'bad_cart'; message: string }
  | { status: 'not_for_buyer'; message: string }
  | {
      status: 'ready';
      badge: string;
      lines: PreviewLine[];
      gifts: PreviewGift[];
      gross: number;
      discount: number;
      total: number;
      /** "再买 ¥x 可减 ¥y", "再买 2 件 可得…" */
      hints: string[];
      /** The promotion gave nothing on this cart (and no hint): below every tier or no covered product. */
      nothing: boolean;
    };

function unitWordOf(prices: readonly ListPriceRef[], productId: string | undefined): string {
  const unit = prices.find((p) => p.productId === productId)?.unit ?? 'case';
  return unit === 'case' ? '箱' : unit === 'box' ? '盒' : '件';
}

/**
 * The preview of a checked definition on a sample cart at `now_ms`. A window not started yet is
 * previewed on its first day (the seller wants to see what it will give); an ended one on its last.
 */
export function previewPromotion(def: PromotionDefinition, cart: SampleCart, products: readonly ProductRef[], prices: readonly ListPriceRef[], now_ms: number): Preview {
  if (cart.lines.length === 0) return { status: 'empty' };
  if (cart.lines.length > MAX_SAMPLE_LINES) return { status: 'bad_cart', message: `样例购物车最多 ${MAX_SAMPLE_LINES} 行` };
  const name = (id: string) => products.find((p) => p.id === id)?.name ?? id;
  const lines: PricedLineLike[] = [];
  for (const [i, l] of cart.lines.entries()) {
    const q = intOf(l.quantity);
    const price = parseYuan(l.unitPrice);
    if (l.productId === '') return { status: 'bad_cart', message: `样例第 ${i + 1} 行请选择商品` };
    if (q === null || q <= 0) return { status: 'bad_cart', message: `样例第 ${i + 1} 行数量请填写正整数` };
    if (!price.ok) return { status: 'bad_cart', message: `样例第 ${i + 1} 行单价请填写金额` };
    const unit = prices.find((p) => p.productId === l.productId)?.unit ?? 'case';
    lines.push({ productId: l.productId, productName: name(l.productId), unit, itemsPerUnit: 1, quantity: q, listPrice: price.data, unitPrice: price.data, priceSource: { scope: 'list' } });
  }
  const at = Math.min(Math.max(now_ms, def.from), def.to - 1);
  const promotion = { ...def, enabled: true, promotionId: PREVIEW_ID, sellerOrgId: '', createdAt: 0 } as Promotion;
  const buyer: BuyerProfile = {
    orgId: cart.buyer.buyerOrgId === '' ? 'sample-buyer' : cart.buyer.buyerOrgId,
    kind: cart.buyer.kind,
    ...(cart.buyer.level === '' ? {} : { level: cart.buyer.level }),
    groupIds: cart.buyer.groupIds,
    ...(cart.buyer.regionCode === '' ? {} : { regionCode: cart.buyer.regionCode }),
  };
  if (unavailableReason(promotion, buyer, at, undefined) === 'not_targeted') return { status: 'not_for_buyer', message: '样例客户不在这个促销的适用范围内' };
  // Gifts are valued at the sample buyer's list price (what the real quote takes from price resolution).
  const giftPrices: PricedLineLike[] = def.type !== 'full_gift' ? [] : def.tiers.flatMap((t) => t.gifts).flatMap((g) => {
    const fen = prices.find((p) => p.productId === g.productId)?.listPrices[cart.buyer.kind];
    return fen === undefined ? [] : [{ productId: g.productId, productName: name(g.productId), unit: 'case' as const, itemsPerUnit: 1, quantity: 1, listPrice: fen, unitPrice: fen, priceSource: { scope: 'list' as const } }];
  });
  const q = applyPromotions({ lines, promotions: [promotion], buyer, at_ms: at, giftPrices });
  const out = q.lines.map((l) => {
    const gross = l.unitPrice * l.quantity;
    return { productId: l.productId, productName: l.productName, quantity: l.quantity, unitPrice: l.unitPrice, gross, discount: gross - l.net, net: l.net };
  });
  const gross = out.reduce((s, l) => s + l.gross, 0);
  const unitWord = unitWordOf(prices, cart.lines[0]?.productId);
  const hints = q.missed.map((m) => missedHint(m, name, unitWord));
  return {
    status: 'ready',
    badge: promotionLabel(promotion, name, unitWord),
    lines: out,
    gifts: q.gifts.map((g) => ({ productName: g.productName, quantity: g.quantity, worth: g.worth_fen })),
    gross,
    discount: gross - q.total,
    total: q.total,
    hints,
    nothing: q.applied.length === 0 && hints.length === 0,
  };
}
