/**
 * The brand's list prices and floors per product (docs/ordering.md#prices): a list price for
 * each buyer kind, an optional floor (控价) for each, a suggested retail price, the order unit.
 * A list price below its own floor is refused on the field before saving.
 */
import { formatFen, parseYuan } from '@channel-router/shared/money';
import type { ListPriceView, SetListPricesReq } from '@channel-router/shared/api';
import { BUYER_KIND_LABELS } from './labels';

export const KINDS = ['dealer', 'wholesaler', 'store'] as const;
type Kind = (typeof KINDS)[number];

export interface ListPriceForm {
  productId: string;
  unit: 'case' | 'box' | 'item';
  list: Record<Kind, string>;
  floors: Record<Kind, string>;
  retail: string;
}

const yuan = (fen: number | undefined | null) => (fen === undefined || fen === null ? '' : formatFen(fen, { symbol: false }));

export function listPriceFormOf(productId: string, v: ListPriceView | null): ListPriceForm {
  return {
    productId,
    unit: v?.unit ?? 'case',
    list: { dealer: yuan(v?.listPrices.dealer), wholesaler: yuan(v?.listPrices.wholesaler), store: yuan(v?.listPrices.store) },
    floors: { dealer: yuan(v?.floors.dealer), wholesaler: yuan(v?.floors.wholesaler), store: yuan(v?.floors.store) },
    retail: yuan(v?.retailPrice),
  };
}

export function checkListPriceForm(form: ListPriceForm): { ok: true; request: SetListPricesReq } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const listPrices = { dealer: 0, wholesaler: 0, store: 0 };
  const floors: SetListPricesReq['floors'] = {};
  for (const k of KINDS) {
    const p = parseYuan(form.list[k].trim(), k);
    if (!p.ok || p.data < 1) errors[`list.${k}`] = '请填写大于 0 的价格（元）';
    else listPrices[k] = p.data;
    const f = form.floors[k].trim();
    if (f === '') continue;
    const fl = parseYuan(f, k);
    if (!fl.ok) errors[`floors.${k}`] = '请填写金额（元），不控价留空';
    else {
      floors[k] = fl.data;
      if (p.ok && p.data < fl.data) errors[`list.${k}`] = `低于${BUYER_KIND_LABELS[k]}控价 ${formatFen(fl.data)}`;
    }
  }
  let retailPrice: number | undefined;
  if (form.retail.trim() !== '') {
    const r = parseYuan(form.retail.trim(), 'retailPrice');
    if (!r.ok) errors['retail'] = '请填写金额（元）';
    else retailPrice = r.data;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: { productId: form.productId, unit: form.unit, listPrices, floors, ...(retailPrice !== undefined ? { retailPrice } : {}) } };
}

/** `¥12.00 / 控 ¥10.00` for a table cell. */
export function priceCell(v: ListPriceView | null, k: Kind): string {
  if (v === null) return '未定价';
  const f = v.floors[k];
  return f === undefined ? formatFen(v.listPrices[k]) : `${formatFen(v.listPrices[k])} / 控 ${formatFen(f)}`;
}
