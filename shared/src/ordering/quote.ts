/**
 * The quote's and the order's line shape. Each line carries `discounts: [{ promotionId, amount }]`
 * (the promotions' apportioned amounts, docs/promotions.md#apportioning) and
 * `net = unitPrice × quantity − Σ discounts`.
 */
export type OrderUnit = 'case' | 'box' | 'item';
export type PriceScope = 'customer' | 'group' | 'level' | 'region' | 'all' | 'list';

export interface PriceSource {
  scope: PriceScope;
  policyId?: string;
}

export interface LineDiscount {
  promotionId: string;
  amount: number;
}

export interface QuoteLine {
  productId: string;
  productName: string;
  unit: OrderUnit;
  itemsPerUnit: number;
  quantity: number;
  listPrice: number;
  unitPrice: number;
  priceSource: PriceSource;
  discounts: LineDiscount[];
  net: number;
}

export interface Quote {
  sellerOrgId: string;
  lines: QuoteLine[];
  gifts: QuoteLine[];
  total: number;
  /** Promotions not at their top: what is missing and what it gives; `hint` is the app's words ("再买 ¥12.00 可减 ¥30.00"). */
  missed: Array<{ promotionId: string; missing: number; reward: number; hint?: string }>;
}

/** A priced line as price resolution gives it, before promotions. */
export interface PricedLineLike {
  productId: string;
  productName: string;
  unit: OrderUnit;
  itemsPerUnit: number;
  quantity: number;
  listPrice: number;
  unitPrice: number;
  priceSource: PriceSource;
}

export function lineNet(unitPrice: number, quantity: number, discounts: readonly LineDiscount[]): number {
  const gross = unitPrice * quantity;
  const off = discounts.reduce((s, d) => s + d.amount, 0);
  if (!Number.isSafeInteger(gross) || off > gross) throw new Error(`lineNet: bad line ${unitPrice} × ${quantity} − ${off}`);
  return gross - off;
}

export function buildQuote(sellerOrgId: string, priced: readonly PricedLineLike[]): Quote {
  const lines: QuoteLine[] = priced.map((p) => ({ ...p, discounts: [], net: lineNet(p.unitPrice, p.quantity, []) }));
  return { sellerOrgId, lines, gifts: [], total: lines.reduce((s, l) => s + l.net, 0), missed: [] };
}

/** Items a line reserves: stock is counted in items. */
export function lineItems(line: { quantity: number; itemsPerUnit: number }): number {
  return line.quantity * line.itemsPerUnit;
}
