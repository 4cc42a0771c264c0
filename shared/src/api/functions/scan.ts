/**
 * The `scan` function: custody scans (ship, receive, open), the consumer's redeem, verification,
 * identification and inspection of a code. Each action's request, reply, callers, retry class
 * and error codes, declared once (docs/actions.md).
 */
import type { Alert, BizStep, Location, UnitLevel } from '../../model.js';
import { code, codes, id, location, requestId } from '../../validation/fields.js';
import { object, optional, str } from '../../validation/schema.js';
import { declareAction, declareFunction } from '../declare.js';

export interface ShipReq {
  codes: string[];
  toOrgId: string;
  /** The org shipping, for a person who belongs to several; default: the holder. */
  fromOrgId?: string;
  location?: Location;
  /** An idempotency key: a retry with the same key answers the first attempt's reply and moves nothing more. */
  requestId?: string;
  /** Ship this order (docs/ordering-operations.md); the codes decide which products and how many. */
  orderId?: string;
  /** Ship a return's goods back to the seller (upstream). */
  returnId?: string;
  carrier?: string;
  trackingNo?: string;
}
export interface ShipRes {
  /** Items inside the shipped units. */
  items: number;
  eventId?: string;
  /** The shipment made for `orderId` or `returnId`. */
  shipmentId?: string;
  /** The order's (or the return's) state after this shipment. */
  status?: string;
}

export interface ReceiveReq {
  codes: string[];
  /** The receiving org, for a person who belongs to several. */
  orgId?: string;
  location?: Location;
}
export interface ReceiveRes {
  items: number;
  alerts: Alert[];
  eventId?: string;
}

export interface RedeemReq {
  code: string;
  location?: Location;
  /**
   * The claim's idempotency key. A retry of the same claim (a lost reply) with the same key gets
   * the original reply; any other second redeem of the code fails with ALREADY_REDEEMED.
   */
  requestId?: string;
}
export type RewardNotPaidReason = 'CHANNEL_MEMBER' | 'BUDGET_EXHAUSTED';
export interface RedeemRes {
  /** Fen credited to the consumer's wallet by this redeem (0 when nothing was paid). */
  reward: number;
  productId: string;
  alerts: Alert[];
  /** The product's name, for the result screen. */
  productName?: string;
  /** Why the consumer was not paid, when a reward was due but not paid. */
  reasonNotPaid?: RewardNotPaidReason;
}

export interface VerifyReq {
  code: string;
  location?: Location;
}
export interface VerifyRes {
  genuine: boolean;
  productId?: string;
  /** The product's name, for the result screen. */
  productName?: string;
  level?: UnitLevel;
  /** How many times this code has been verified, this one included. */
  verifications: number;
}

export interface InspectReq {
  code: string;
  orgId?: string;
}
export interface EventView {
  eventId: string;
  bizStep: BizStep;
  at: number;
  orgId: string | null;
  toOrgId?: string | null;
  unionId: string | null;
  regionCode: string | null;
}
export type Verdict = 'in_territory' | 'diverted' | 'unallocated';
export interface InspectRes {
  productId: string;
  allocatedDealerId: string | null;
  holderOrgId: string;
  events: EventView[];
  verdict: Verdict;
  /** The alert raised when the verdict is `diverted`. */
  alerts?: Alert[];
}

/** What a person may do with a scanned code, in the app they use (the channel router). */
export type CodeAction = 'verify' | 'redeem' | 'receive' | 'ship' | 'open' | 'inspect';
export interface IdentifyReq {
  code: string;
  /** The org the person acts for (a person in several stores); default: all of theirs. */
  orgId?: string;
}
export interface IdentifyRes {
  code: string;
  level: UnitLevel;
  kind: 'visible' | 'hidden';
  productId: string;
  productName: string;
  items: number;
  /** Custody, for channel members and brand staff (null for consumers). */
  holderOrgId: string | null;
  holderName: string | null;
  allocatedDealerId: string | null;
  inTransitTo: string | null;
  /** For a hidden code: whether it was redeemed already. */
  redeemed: boolean | null;
  actions: CodeAction[];
  /**
   * For a member of a store or wholesaler: the goods were allocated to a dealer other than the
   * one that supplies this org (a stock-in would raise a diversion alert if outside its territory).
   */
  notFromYourDealer?: boolean;
}

export interface OpenReq {
  code: string;
  orgId?: string;
}
export interface OpenRes {
  items: number;
}

const NOT_FOUND_CODE = '没有找到这个码，请确认是否为正品';

export const SCAN = declareFunction('scan', {
  ship: declareAction<ShipReq, ShipRes>()({
    schema: object({
      codes: codes(),
      toOrgId: id(),
      fromOrgId: optional(id()),
      location: optional(location()),
      requestId: optional(requestId()),
      orderId: optional(id()),
      returnId: optional(id()),
      carrier: optional(str({ max: 32 })),
      trackingNo: optional(str({ max: 64, pattern: /^[A-Za-z0-9-]+$/, patternMessage: 'letters, digits and -' })),
    }),
    who: "a member of the org holding the goods (the brand admin for the brand), to an org it supplies directly; with orderId the seller's warehouse, clerk or owner; with returnId the buyer",
    access: 'signed-in',
    apps: 'any',
    retry: 'keyed',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_CODE', 'CONFLICT', 'OVER_SHIPMENT', 'INVALID_STATE'],
    words: { FORBIDDEN: '这些货不在您的库存里，不能发货' },
  }),
  receive: declareAction<ReceiveReq, ReceiveRes>()({
    schema: object({ codes: codes(), orgId: optional(id()), location: optional(location()) }),
    who: 'a member of the receiving org',
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_CODE', 'CONFLICT'],
    words: { FORBIDDEN: '您不是该组织的成员，不能入库' },
  }),
  redeem: declareAction<RedeemReq, RedeemRes>()({
    schema: object({ code: code(), location: optional(location()), requestId: optional(requestId()) }),
    who: 'any signed-in person (channel staff are recorded, not paid)',
    access: 'signed-in',
    apps: ['consumer'],
    retry: 'intent',
    errors: ['NOT_FOUND', 'INVALID_CODE', 'ALREADY_REDEEMED', 'INSUFFICIENT_FUNDS', 'RATE_LIMITED', 'CONFLICT'],
    words: {
      NOT_FOUND: NOT_FOUND_CODE,
      INVALID_ARGUMENT: '请扫描瓶盖内（或包装内）的领奖码',
      INSUFFICIENT_FUNDS: '活动奖金已发完，暂时无法领取',
    },
  }),
  verify: declareAction<VerifyReq, VerifyRes>()({
    schema: object({ code: code(), location: optional(location()) }),
    who: 'anyone, signed in or not',
    access: 'public',
    apps: 'any',
    retry: 'read',
    errors: ['NOT_FOUND', 'INVALID_CODE', 'RATE_LIMITED'],
    words: { NOT_FOUND: NOT_FOUND_CODE },
  }),
  inspect: declareAction<InspectReq, InspectRes>()({
    schema: object({ code: code(), orgId: optional(id()) }),
    who: 'brand inspectors and admins',
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_CODE'],
  }),
  identify: declareAction<IdentifyReq, IdentifyRes>()({
    schema: object({ code: code(), orgId: optional(id()) }),
    who: 'any signed-in person (custody shown to channel members and brand staff only)',
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_CODE', 'CONFLICT'],
  }),
  open: declareAction<OpenReq, OpenRes>()({
    schema: object({ code: code(), orgId: optional(id()) }),
    who: 'a member of the org holding the case or box',
    access: 'signed-in',
    apps: ['terminal', 'dealer'],
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_CODE', 'CONFLICT'],
  }),
});
