/**
 * Request schemas of the `order` function (docs/ordering.md). A violation answers INVALID_ARGUMENT
 * naming the field, before anything is read or written.
 */
import { ORDER_STATES } from '../ordering/order-machine.js';
import { TENDER_KINDS } from '../ordering/tenders.js';
import { fen, id, note, requestId, cursor, pageSize } from './fields.js';
import { array, bool, int, object, oneOf, optional, refine, str } from './schema.js';

/** Lines in one order: a distributor's order is rarely above a few dozen products. */
export const MAX_ORDER_LINES = 200;
/** Units of one product in one line. */
export const MAX_LINE_QUANTITY = 100_000;
export const MAX_RETURN_PHOTOS = 9;
export const MAX_NOTICE_IDS = 100;
/** A WeChat Pay notice body is a small JSON document. */
export const MAX_NOTICE_BODY_LENGTH = 16_384;

/** A cloud storage fileID (`cloud://env.bucket/path`), stored as given. */
export const fileId = () => str({ max: 512, pattern: /^cloud:\/\/\S+$/, patternMessage: 'a cloud storage fileID (cloud://…)' });

const lines = () =>
  refine(array(object({ productId: id(), quantity: int({ min: 1, max: MAX_LINE_QUANTITY }) }), { max: MAX_ORDER_LINES }), () => null);

const tender = () =>
  object({
    kind: oneOf(TENDER_KINDS),
    amount: fen(1),
    receiptFileId: optional(fileId()),
  });

/** Rows in one page of `order.transfers` (TRANSFERS_PAGE_MAX of the contract). */
export const TRANSFERS_LIMIT_MAX = 50;
/** A page cursor of `order.transfers`: `<createdAt>/<paymentId>` of the last row given. */
export const TRANSFERS_CURSOR = /^(\d{1,16})\/([A-Za-z0-9_.:-]{1,64})$/;
const transfersCursor = () => str({ max: 96, pattern: TRANSFERS_CURSOR, patternMessage: 'a cursor this server gave' });

/** Rows in one page of `order.returns` (RETURNS_PAGE_MAX of the contract). */
export const RETURNS_LIMIT_MAX = 50;
/** A page cursor of `order.returns`: `<requestedAt>/<returnId>` of the last row given. */
export const RETURNS_CURSOR = /^(\d{1,16})\/([A-Za-z0-9_.:-]{1,64})$/;
const returnsCursor = () => str({ max: 96, pattern: RETURNS_CURSOR, patternMessage: 'a cursor this server gave' });

const step = () => object({ orderId: id(), reason: optional(note()) });

export const ORDER_SCHEMAS = {
  catalog: object({ sellerOrgId: id() }),
  quote: object({ sellerOrgId: id(), lines: lines() }),
  submit: object({
    sellerOrgId: id(),
    lines: lines(),
    tenders: array(tender(), { max: TENDER_KINDS.length }),
    expectedTotal: fen(0),
    addressId: optional(id()),
    requestId: requestId(),
    buyerOrgId: optional(id()),
    note: optional(note()),
  }),
  get: object({ orderId: id() }),
  list: object({
    side: optional(oneOf(['buy', 'sell'] as const)),
    orgId: optional(id()),
    status: optional(oneOf(ORDER_STATES)),
    cursor: optional(cursor()),
    limit: optional(pageSize()),
  }),
  approve: step(),
  reject: step(),
  cancel: step(),
  closeRemainder: step(),
  confirmTransfer: object({ paymentId: id(), reason: optional(note()) }),
  rejectTransfer: object({ paymentId: id(), reason: optional(note()) }),
  transfers: object({ orgId: id(), limit: optional(int({ min: 1, max: TRANSFERS_LIMIT_MAX })), cursor: optional(transfersCursor()) }),
  balances: object({ buyerOrgId: id(), sellerOrgId: id() }),
  returns: object({ orgId: id(), limit: optional(int({ min: 1, max: RETURNS_LIMIT_MAX })), cursor: optional(returnsCursor()) }),
  requestReturn: object({
    orderId: id(),
    lines: array(object({ lineId: id(), quantity: int({ min: 1, max: MAX_LINE_QUANTITY }) }), { max: MAX_ORDER_LINES }),
    reason: optional(note()),
    photos: optional(array(fileId(), { min: 0, max: MAX_RETURN_PHOTOS })),
    refundOnly: optional(bool()),
    requestId: requestId(),
  }),
  approveReturn: object({ returnId: id(), reason: optional(note()) }),
  rejectReturn: object({ returnId: id(), reason: optional(note()) }),
  topUp: object({
    sellerOrgId: id(),
    amount: fen(1),
    method: oneOf(['transfer', 'wechat_pay'] as const),
    receiptFileId: optional(fileId()),
    buyerOrgId: optional(id()),
    requestId: requestId(),
  }),
  repay: object({
    sellerOrgId: id(),
    amount: fen(1),
    method: oneOf(['deposit', 'transfer', 'wechat_pay'] as const),
    receiptFileId: optional(fileId()),
    buyerOrgId: optional(id()),
    requestId: requestId(),
  }),
  notices: object({ orgId: optional(id()), unreadOnly: optional(bool()), limit: optional(pageSize()) }),
  markNoticesRead: object({ noticeIds: array(id(), { max: MAX_NOTICE_IDS }) }),
  paymentNotice: object({
    signature: str({ max: 1024, pattern: /^[A-Za-z0-9+/=]+$/, patternMessage: 'base64' }),
    timestamp: str({ max: 12, pattern: /^\d{9,12}$/, patternMessage: 'seconds since the epoch' }),
    nonce: str({ max: 64, pattern: /^[A-Za-z0-9]+$/, patternMessage: 'letters and digits' }),
    serial: str({ max: 128, pattern: /^[A-Za-z0-9_]+$/, patternMessage: 'letters, digits and _' }),
    body: str({ max: MAX_NOTICE_BODY_LENGTH, trim: false }),
  }),
  sweep: object({}),
};
