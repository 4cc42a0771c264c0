/**
 * The request bodies of WeChat's subscribe message and shipping-info APIs, built from our typed
 * values, with the checks both providers apply (a bad request names its field and sends nothing).
 * Field names are WeChat's (`touser`, `template_id`, `order_key`, `shipping_list`...).
 */
import { payErr, payOk, type PayResult } from '../provider.js';
import { DELIVERY_MODE, LOGISTICS_TYPE, type ShippingInfo, type SubscribeMessage } from './provider.js';

/**
 * The longest value of each template field type, in characters (subscribe message rules):
 * thing 20, character_string / number / letter 32, symbol and phrase 5, name 10, phone_number 17,
 * car_number 8, amount 11 (with its currency sign). Times and dates have fixed formats.
 */
export const TEMPLATE_VALUE_LENGTH_MAX: Record<string, number> = {
  thing: 20,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  phrase: 5,
  name: 10,
  phone_number: 17,
  car_number: 8,
  amount: 11,
  time: 32,
  date: 32,
};
export const TEMPLATE_FIELDS_MAX = 10;
export const PARCELS_MAX = 15;
const ITEM_DESC_LENGTH_MAX = 120;
const TRACKING_NO_LENGTH_MAX = 128;
const OPENID_PATTERN = /^[0-9A-Za-z_-]{1,128}$/;

/** Cuts a value to its type's length (a cut `thing` ends with `…`, which WeChat counts as one character). */
export function clipTemplateValue(key: string, value: string): string {
  const type = key.replace(/[0-9]+$/, '');
  const max = TEMPLATE_VALUE_LENGTH_MAX[type] ?? 20;
  const chars = [...value];
  if (chars.length <= max) return value;
  return type === 'thing' ? chars.slice(0, max - 1).join('') + '…' : chars.slice(0, max).join('');
}

export function subscribeMessageBody(m: SubscribeMessage): PayResult<Record<string, unknown>> {
  if (typeof m.toOpenId !== 'string' || !OPENID_PATTERN.test(m.toOpenId)) return payErr('INVALID_REQUEST', 'toOpenId must be an openId', { field: 'toOpenId' });
  if (typeof m.templateId !== 'string' || !/^[0-9A-Za-z_-]{1,64}$/.test(m.templateId)) return payErr('INVALID_REQUEST', 'templateId must be a template id', { field: 'templateId' });
  if (m.page !== undefined && (typeof m.page !== 'string' || m.page.length > 256 || m.page.startsWith('/'))) return payErr('INVALID_REQUEST', 'page must be a page path without a leading /, at most 256 characters', { field: 'page' });
  const entries = Object.entries(m.data ?? {});
  if (entries.length === 0 || entries.length > TEMPLATE_FIELDS_MAX) return payErr('INVALID_REQUEST', `data must have 1–${TEMPLATE_FIELDS_MAX} fields`, { field: 'data' });
  for (const [k, v] of entries) {
    if (!/^[a-z_]+[0-9]+$/.test(k) || typeof v !== 'string' || v.length === 0) return payErr('INVALID_REQUEST', `data.${k} must be a template field (e.g. thing2) with a value`, { field: `data.${k}` });
  }
  return payOk({
    touser: m.toOpenId,
    template_id: m.templateId,
    ...(m.page === undefined ? {} : { page: m.page }),
    data: Object.fromEntries(entries.map(([k, v]) => [k, { value: clipTemplateValue(k, v) }])),
    miniprogram_state: m.state ?? 'formal',
    lang: 'zh_CN',
  });
}

/** `2022-12-15T13:29:35.120+08:00`: RFC 3339 with milliseconds in China Standard Time. */
function uploadTime(at_ms: number): string {
  return `${new Date(at_ms + 8 * 3600_000).toISOString().slice(0, 23)}+08:00`;
}

export function shippingInfoBody(s: ShippingInfo): PayResult<Record<string, unknown>> {
  const o = s.order as { transactionId?: string; mchId?: string; outTradeNo?: string };
  const byTransaction = typeof o?.transactionId === 'string' && o.transactionId.length > 0;
  if (!byTransaction && !(typeof o?.mchId === 'string' && o.mchId.length > 0 && typeof o.outTradeNo === 'string' && o.outTradeNo.length > 0)) {
    return payErr('INVALID_REQUEST', 'order must name transactionId, or mchId and outTradeNo', { field: 'order' });
  }
  if (!(s.logisticsType in LOGISTICS_TYPE)) return payErr('INVALID_REQUEST', 'logisticsType must be express, local_delivery, virtual or pickup', { field: 'logisticsType' });
  if (!(s.deliveryMode in DELIVERY_MODE)) return payErr('INVALID_REQUEST', 'deliveryMode must be unified or split', { field: 'deliveryMode' });
  if (s.deliveryMode === 'split' && typeof s.isAllDelivered !== 'boolean') return payErr('INVALID_REQUEST', 'a split delivery says isAllDelivered', { field: 'isAllDelivered' });
  if (!Array.isArray(s.parcels) || s.parcels.length === 0 || s.parcels.length > PARCELS_MAX) return payErr('INVALID_REQUEST', `parcels must have 1–${PARCELS_MAX} entries`, { field: 'parcels' });
  for (const [i, p] of s.parcels.entries()) {
    if (typeof p.itemDesc !== 'string' || p.itemDesc.length === 0) return payErr('INVALID_REQUEST', 'itemDesc is required', { field: `parcels[${i}].itemDesc` });
    if (s.logisticsType === 'express') {
      if (typeof p.trackingNo !== 'string' || p.trackingNo.length === 0 || p.trackingNo.length > TRACKING_NO_LENGTH_MAX) return payErr('INVALID_REQUEST', 'an express parcel has a tracking number', { field: `parcels[${i}].trackingNo` });
      if (typeof p.expressCompany !== 'string' || !/^[0-9A-Za-z_]{1,32}$/.test(p.expressCompany)) return payErr('INVALID_REQUEST', "an express parcel names its carrier by WeChat's code", { field: `parcels[${i}].expressCompany` });
    }
  }
  if (!Number.isSafeInteger(s.uploadedAt_ms) || s.uploadedAt_ms <= 0) return payErr('INVALID_REQUEST', 'uploadedAt_ms must be a time', { field: 'uploadedAt_ms' });
  if (typeof s.payerOpenId !== 'string' || !OPENID_PATTERN.test(s.payerOpenId)) return payErr('INVALID_REQUEST', 'payerOpenId must be an openId', { field: 'payerOpenId' });
  return payOk({
    order_key: byTransaction ? { order_number_type: 2, transaction_id: o.transactionId } : { order_number_type: 1, mchid: o.mchId, out_trade_no: o.outTradeNo },
    logistics_type: LOGISTICS_TYPE[s.logisticsType],
    delivery_mode: DELIVERY_MODE[s.deliveryMode],
    ...(s.deliveryMode === 'split' ? { is_all_delivered: s.isAllDelivered } : {}),
    shipping_list: s.parcels.map((p) => ({
      ...(p.trackingNo === undefined ? {} : { tracking_no: p.trackingNo }),
      ...(p.expressCompany === undefined ? {} : { express_company: p.expressCompany }),
      item_desc: [...p.itemDesc].slice(0, ITEM_DESC_LENGTH_MAX).join(''),
      ...(p.consignorContact === undefined && p.receiverContact === undefined
        ? {}
        : { contact: { ...(p.consignorContact === undefined ? {} : { consignor_contact: p.consignorContact }), ...(p.receiverContact === undefined ? {} : { receiver_contact: p.receiverContact }) } }),
    })),
    upload_time: uploadTime(s.uploadedAt_ms),
    payer: { openid: s.payerOpenId },
  });
}
