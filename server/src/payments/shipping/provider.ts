/**
 * Shipping notices (发货通知) beyond the in-app message list: a WeChat subscribe message to a
 * buyer's member, and the shipping-info upload (发货信息录入) that WeChat requires for goods paid
 * by WeChat Pay in a mini-program (until it is uploaded, the payment's settlement is held back).
 * A simulated provider records both locally; the production one calls the mini-program server
 * API (wechat.ts). Failures are values with the payments module's codes; a member who did not
 * subscribe (errcode 43101) is an expected PROVIDER_REJECTED, never a reason to fail a shipment.
 */
import type { PayResult } from '../provider.js';

export interface SubscribeMessage {
  /** The AppID of the mini-program the member subscribed in (its openId belongs to it). */
  appId: string;
  toOpenId: string;
  templateId: string;
  /** The page opened from the message, with its query (e.g. `pages/orders/detail?id=ord_1`). */
  page?: string;
  /**
   * The template's fields by key (`character_string1`, `thing2`, `time3`...); each value is cut to
   * what its type allows (see TEMPLATE_VALUE_LENGTH_MAX).
   */
  data: Record<string, string>;
  /** miniprogram_state: which version the message opens; default formal. */
  state?: 'developer' | 'trial' | 'formal';
}

/** logistics_type: 1 实体物流配送, 2 同城配送, 3 虚拟商品, 4 用户自提. */
export const LOGISTICS_TYPE = { express: 1, local_delivery: 2, virtual: 3, pickup: 4 } as const;
/** delivery_mode: 1 UNIFIED_DELIVERY (all in one upload), 2 SPLIT_DELIVERY (in parts). */
export const DELIVERY_MODE = { unified: 1, split: 2 } as const;

export interface ShippingParcel {
  /** The carrier's tracking number (tracking_no), required for express. */
  trackingNo?: string;
  /** The carrier's code from WeChat's carrier list (express_company, e.g. `SF`, `ZTO`), required for express. */
  expressCompany?: string;
  /** What is in it (item_desc), at most 120 characters. */
  itemDesc: string;
  /** Masked phone numbers (e.g. `189****1234`), required by some carriers (SF). */
  consignorContact?: string;
  receiverContact?: string;
}

export interface ShippingInfo {
  /** The AppID of the mini-program the payment was made in. */
  appId: string;
  /** The paid trade: WeChat Pay's transaction id, or the merchant id with our out_trade_no. */
  order: { transactionId: string } | { mchId: string; outTradeNo: string };
  logisticsType: keyof typeof LOGISTICS_TYPE;
  deliveryMode: keyof typeof DELIVERY_MODE;
  /** For split delivery: whether this upload completes the order. */
  isAllDelivered?: boolean;
  /** 1–15 parcels (WeChat's limit). */
  parcels: ShippingParcel[];
  uploadedAt_ms: number;
  payerOpenId: string;
}

export interface ShippingNoticeProvider {
  readonly name: 'simulated' | 'wechat';
  /** `POST /cgi-bin/message/subscribe/send`. */
  sendSubscribeMessage(m: SubscribeMessage): Promise<PayResult<{ sent: true }>>;
  /** `POST /wxa/sec/order/upload_shipping_info`. */
  uploadShippingInfo(s: ShippingInfo): Promise<PayResult<{ uploaded: true }>>;
}
