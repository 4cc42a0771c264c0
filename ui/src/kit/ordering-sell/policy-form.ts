/**
 * The price policy form (docs/ordering.md#prices): scope and targets, items (product → unit price
 * in yuan, optional minimum quantity), a validity window of Shanghai dates (`to` exclusive),
 * priority, enabled. Checked on the phone against the brand's floors for every buyer kind the
 * seller sells to, so a price below a floor is marked on its field before saving; the server's
 * PRICE_BELOW_FLOOR (`items[i].price`) lands on the same field.
 */
import { formatFen, parseYuan } from '@channel-router/shared/money';
import type { ClientError } from '@channel-router/shared/client';
import { MAX_POLICY_ITEMS, MAX_POLICY_TARGETS, POLICY_SCOPES, type KindFloors, type PolicyScope, type PricePolicyView, type SavePricePolicyReq } from '@channel-router/shared';
import { BUYER_KIND_LABELS } from './labels';
import { dateOf, dayStart_ms } from '../shanghai-dates';

export const MAX_PRIORITY = 1000;
const DAY_MS = 86_400_000;

export interface PolicyItemForm {
  productId: string;
  price: string;
  minQuantity: string;
}

export interface PolicyForm {
  policyId: string | null;
  version: number | null;
  name: string;
  scope: PolicyScope;
  /** Ids, groups, levels or region codes, separated by spaces, commas or |. */
  targets: string;
  items: PolicyItemForm[];
  from: string;
  to: string;
  priority: string;
  enabled: boolean;
}

/** `name`, `targets`, `from`, `to`, `priority`, `items`, `items[i].productId|price|minQuantity`. */
export type PolicyErrors = Record<string, string>;

export function emptyPolicyForm(now_ms: number): PolicyForm {
  return { policyId: null, version: null, name: '', scope: 'all', targets: '', items: [{ productId: '', price: '', minQuantity: '' }], from: dateOf(now_ms), to: dateOf(now_ms + 365 * DAY_MS), priority: '0', enabled: true };
}

export function policyFormOf(p: PricePolicyView): PolicyForm {
  return {
    policyId: p.policyId,
    version: p.version,
    name: p.name ?? '',
    scope: p.scope,
    targets: p.targetIds.join(' | '),
    items: p.items.map((i) => ({ productId: i.productId, price: formatFen(i.price, { symbol: false }), minQuantity: i.minQuantity === undefined ? '' : String(i.minQuantity) })),
    from: dateOf(p.from),
    to: dateOf(p.to),
    priority: String(p.priority),
    enabled: p.enabled,
  };
}

export function splitTargets(text: string): string[] {
  return [...new Set(text.split(/[\s,，|、]+/).map((t) => t.trim()).filter((t) => t !== ''))];
}

export interface FloorFacts {
  /** The brand's floors of each product (fen per order unit); a product without any is free. */
  floorsOf: (productId: string) => KindFloors | null;
  /** The buyer kinds this seller's prices reach (a dealer: wholesalers and stores). */
  kinds: readonly string[];
}

export type PolicyCheck = { ok: true; request: SavePricePolicyReq } | { ok: false; errors: PolicyErrors };

/** Every problem of the form at once, by field; or the request to send. */
export function checkPolicyForm(form: PolicyForm, floors: FloorFacts | null): PolicyCheck {
  const errors: PolicyErrors = {};
  if (!(POLICY_SCOPES as readonly string[]).includes(form.scope)) errors['scope'] = '请选择适用范围';
  const targetIds = splitTargets(form.targets);
  if (form.scope === 'all' && targetIds.length > 0) errors['targets'] = '全部客户时不填对象';
  if (form.scope !== 'all' && targetIds.length === 0) errors['targets'] = '请至少填一个对象';
  if (targetIds.length > MAX_POLICY_TARGETS) errors['targets'] = `最多 ${MAX_POLICY_TARGETS} 个对象`;
  if (form.name.length > 64) errors['name'] = '名称最多 64 个字';
  if (form.items.length === 0) errors['items'] = '请至少添加一个商品';
  if (form.items.length > MAX_POLICY_ITEMS) errors['items'] = `最多 ${MAX_POLICY_ITEMS} 个商品`;
  const items: SavePricePolicyReq['items'] = [];
  const seen = new Set<string>();
  form.items.forEach((it, i) => {
    const at = `items[${i}]`;
    const productId = it.productId.trim();
    if (productId === '') errors[`${at}.productId`] = '请选择商品';
    const price = parseYuan(it.price.trim(), `${at}.price`);
    if (!price.ok || price.data < 1) errors[`${at}.price`] = '请填写大于 0 的价格（元）';
    const mq = it.minQuantity.trim();
    const minQuantity = mq === '' ? undefined : Number(mq);
    if (minQuantity !== undefined && !(/^\d{1,6}$/.test(mq) && minQuantity >= 1)) errors[`${at}.minQuantity`] = '起订量应为 1 以上的整数';
    const key = `${productId}:${minQuantity ?? 1}`;
    if (productId !== '' && seen.has(key)) errors[`${at}.productId`] = '这个商品和起订量重复了';
    seen.add(key);
    if (price.ok && price.data >= 1 && productId !== '' && floors !== null) {
      const f = floors.floorsOf(productId);
      for (const k of floors.kinds) {
        const floor = f?.[k as keyof KindFloors];
        if (floor !== undefined && price.data < floor) {
          errors[`${at}.price`] = `低于品牌控价：${(BUYER_KIND_LABELS as Readonly<Record<string, string>>)[k] ?? k}不低于 ${formatFen(floor)}`;
          break;
        }
      }
    }
    if (price.ok) items.push({ productId, price: price.data, ...(minQuantity !== undefined ? { minQuantity } : {}) });
  });
  const from = dayStart_ms(form.from);
  const to = dayStart_ms(form.to);
  if (from === null) errors['from'] = '请填写日期 YYYY-MM-DD';
  if (to === null) errors['to'] = '请填写日期 YYYY-MM-DD';
  else if (from !== null && to <= from) errors['to'] = '结束日期应晚于开始日期';
  const pr = form.priority.trim() === '' ? 0 : Number(form.priority.trim());
  if (!(/^\d{0,4}$/.test(form.priority.trim()) && pr <= MAX_PRIORITY)) errors['priority'] = `优先级应为 0 到 ${MAX_PRIORITY} 的整数`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const request: SavePricePolicyReq = { scope: form.scope, items, from: from!, to: to!, priority: pr, enabled: form.enabled };
  if (form.scope !== 'all') request.targetIds = targetIds;
  if (form.name.trim() !== '') request.name = form.name.trim();
  if (form.policyId !== null) request.policyId = form.policyId;
  if (form.version !== null) request.version = form.version;
  return { ok: true, request };
}

/** Where a refused save belongs on the form (`items[2].price` → that field), in plain words. */
export function policySaveError(error: ClientError): { field: string | null; text: string } {
  const field = error.field ?? null;
  if (error.code === 'PRICE_BELOW_FLOOR') return { field: field ?? 'items', text: '低于品牌控价，请提高价格' };
  if (error.code === 'CONFLICT') return { field: null, text: '这条政策刚被别人修改过，请返回刷新后再改' };
  if (error.code === 'NOT_FOUND' && field?.endsWith('productId')) return { field, text: '没有这个商品' };
  if (error.code === 'NOT_FOUND' && field?.startsWith('targetIds')) return { field: 'targets', text: '对象里有不是您客户的单位' };
  if (field?.startsWith('targetIds')) return { field: 'targets', text: error.userMessage };
  return { field, text: error.userMessage };
}
