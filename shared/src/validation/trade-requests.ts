/**
 * Request schemas of the `trade` function (docs/trade.md#trade). A violation answers
 * INVALID_ARGUMENT naming the field, before anything is read or written.
 */
import { MAX_POLICY_ITEMS, MAX_POLICY_TARGETS, ORDER_UNITS, POLICY_SCOPES } from '../ordering/prices.js';
import { MAX_APPROVAL_CHAIN, MAX_PAYMENT_TIMEOUT_MS, MAX_RETURN_WINDOW_MS, MIN_PAYMENT_TIMEOUT_MS } from '../ordering/terms.js';
import { MAX_CSV_LENGTH } from '../ordering/price-csv.js';
import { MAX_FEN } from '../money.js';
import { fen, id, name, note, regionCode, requestId, role } from './fields.js';
import { array, bool, int, object, oneOf, optional, refine, str, type Schema } from './schema.js';

export const MAX_GROUPS_PER_CUSTOMER = 20;
export const MAX_TAGS_PER_CUSTOMER = 20;
export const MAX_ADDRESSES_PER_CUSTOMER = 20;
export const MAX_LINE_QUANTITY_FOR_PRICE = 100_000;
export const MAX_TERM_DAYS = 365;
/** 2100-01-01: no window reaches beyond it. */
export const MAX_TIME_MS = 4_102_444_800_000;

const ms = () => int({ min: 0, max: MAX_TIME_MS });
/** Seller-defined labels (levels, groups, tags): short words. */
const label = () => str({ max: 32, pattern: /^[^\s:,]+$/, patternMessage: 'a short word without spaces, commas or colons' });

const kindPrices = () => object({ dealer: fen(1), wholesaler: fen(1), store: fen(1) });
const kindFloors = () => object({ dealer: optional(fen(1)), wholesaler: optional(fen(1)), store: optional(fen(1)) });

const window = <T extends { from: number; to: number }>(s: Schema<T>) => refine(s, (v) => (v.from < v.to ? null : { field: 'to', message: 'must be after from' }));

/** CSV text as a file holds it: line breaks allowed, bounded in length. */
function csvText(): Schema<string> {
  return {
    parse(input, path) {
      if (typeof input !== 'string') return { ok: false, path, message: `${path} must be a string`, rule: 'type' };
      if (input.length === 0) return { ok: false, path, message: `${path} is required`, rule: 'required' };
      if (input.length > MAX_CSV_LENGTH) return { ok: false, path, message: `${path} must be at most ${MAX_CSV_LENGTH} characters`, rule: 'max_length', limit: MAX_CSV_LENGTH };
      return { ok: true, value: input };
    },
  };
}

const policyItem = () => object({ productId: id(), price: fen(1), minQuantity: optional(int({ min: 1, max: MAX_LINE_QUANTITY_FOR_PRICE })) });

export const TRADE_SCHEMAS = {
  listListPrices: object({}),
  setListPrices: object({
    productId: id(),
    unit: optional(oneOf(ORDER_UNITS)),
    listPrices: kindPrices(),
    floors: optional(kindFloors()),
    retailPrice: optional(fen(1)),
  }),
  savePricePolicy: window(
    object({
      policyId: optional(id()),
      sellerOrgId: optional(id()),
      name: optional(name()),
      scope: oneOf(POLICY_SCOPES),
      targetIds: optional(array(str({ max: 64, pattern: /^[A-Za-z0-9_.-]+$/, patternMessage: 'an org id, group, level or region code' }), { min: 0, max: MAX_POLICY_TARGETS })),
      items: array(policyItem(), { max: MAX_POLICY_ITEMS }),
      from: ms(),
      to: ms(),
      priority: optional(int({ min: 0, max: 1000 })),
      enabled: optional(bool()),
      version: optional(int({ min: 1, max: 1e9 })),
      requestId: optional(requestId()),
    }),
  ),
  listPricePolicies: object({ sellerOrgId: optional(id()), scope: optional(oneOf(POLICY_SCOPES)), enabled: optional(bool()) }),
  setPolicyEnabled: object({ policyId: id(), enabled: bool(), version: optional(int({ min: 1, max: 1e9 })) }),
  importPricePolicies: object({ sellerOrgId: optional(id()), csv: csvText(), requestId: requestId() }),
  exportPricePolicies: object({ sellerOrgId: optional(id()) }),
  saveCustomer: object({
    buyerOrgId: id(),
    sellerOrgId: optional(id()),
    level: optional(label()),
    groupIds: optional(array(label(), { min: 0, max: MAX_GROUPS_PER_CUSTOMER })),
    tags: optional(array(label(), { min: 0, max: MAX_TAGS_PER_CUSTOMER })),
    contact: optional(name()),
    phone: optional(str({ max: 20, pattern: /^\+?[0-9-]{5,20}$/, patternMessage: 'a phone number' })),
    addresses: optional(array(object({ addressId: id(), regionCode: regionCode(), street: note() }), { min: 0, max: MAX_ADDRESSES_PER_CUSTOMER })),
    licenceNo: optional(str({ max: 32, pattern: /^[A-Za-z0-9-]+$/, patternMessage: 'letters and digits' })),
  }),
  listCustomers: object({ sellerOrgId: optional(id()), level: optional(label()), groupId: optional(label()) }),
  setTerms: object({
    sellerOrgId: optional(id()),
    approvalChain: array(role(), { min: 0, max: MAX_APPROVAL_CHAIN }),
    approvalThreshold: optional(fen(0)),
    returnWindow_ms: optional(int({ min: 0, max: MAX_RETURN_WINDOW_MS })),
    maxRebateShare_bp: optional(int({ min: 0, max: 10_000 })),
    wechatPayTimeout_ms: optional(int({ min: MIN_PAYMENT_TIMEOUT_MS, max: MAX_PAYMENT_TIMEOUT_MS })),
    transferTimeout_ms: optional(int({ min: MIN_PAYMENT_TIMEOUT_MS, max: MAX_PAYMENT_TIMEOUT_MS })),
  }),
  getTerms: object({ sellerOrgId: id() }),
  addRelation: object({ buyerOrgId: id(), sellerOrgId: id() }),
  reassignSeller: object({ buyerOrgId: id(), toSellerOrgId: id(), reason: optional(note()) }),
  listRelations: object({ orgId: id() }),
  setCreditLine: window(
    object({
      buyerOrgId: id(),
      sellerOrgId: optional(id()),
      limit: fen(0),
      from: ms(),
      to: ms(),
      termDays: int({ min: 0, max: MAX_TERM_DAYS }),
    }),
  ),
  listCreditLines: object({ sellerOrgId: optional(id()), buyerOrgId: optional(id()) }),
  adjustRebate: object({
    buyerOrgId: id(),
    amount: refine(int({ min: -MAX_FEN, max: MAX_FEN }), (n) => (n === 0 ? 'must not be 0' : null)),
    reason: note(),
    sellerOrgId: optional(id()),
    requestId: requestId(),
  }),
};
