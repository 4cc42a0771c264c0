/**
 * Settlement documents (清分, docs/promotions.md): for each completed order, who receives what (the
 * seller's goods amount, fees and commissions where configured), the tenders it was paid with, and
 * for WeChat Pay the profit-sharing (分账) request built from it.
 *
 * WeChat 分账 caps what goes to receivers other than the merchant: at most `maxShare_bp` of what the
 * WeChat payment still holds (paid − refunded), by default 3000 bp — WeChat's default maximum
 * profit-sharing ratio of 30 %, so the merchant keeps at least 70 % of it. Fees above that cap, or
 * owed to receivers without a WeChat account, are settled through the trade ledger instead
 * (`viaLedger_fen`), so every receiver still gets exactly its fee.
 */
import { shanghaiDate } from '../ordering/receivables.js';
import type { TenderKind } from '../ordering/tenders.js';
import { apportion } from './apportion.js';

export const DEFAULT_PROFIT_SHARING_MAX_BP = 3000;
export const MAX_FEE_RULES = 10;
/** WeChat's limit on a receiver's description. */
const WECHAT_DESCRIPTION_MAX = 80;

export interface SettlementOrder {
  orderId: string;
  orderNo: string;
  sellerOrgId: string;
  buyerOrgId: string;
  completedAt_ms: number;
  lines: ReadonlyArray<{ productId: string; quantity: number; net: number; refunded: number; discounts: ReadonlyArray<{ promotionId: string; amount: number }> }>;
  tenders: ReadonlyArray<{ kind: TenderKind; amount: number; refunded: number; transactionId?: string }>;
}

export interface WechatReceiver {
  type: 'MERCHANT_ID' | 'PERSONAL_OPENID';
  account: string;
  name?: string;
}

export interface FeeRule {
  receiverId: string;
  name: string;
  kind: 'fee' | 'commission';
  /** Share of the goods amount, bp; floored to the fen. */
  rate_bp: number;
  /** Added per order, fen. */
  fixed_fen?: number;
  wechat?: WechatReceiver;
}

export interface SettlementConfig {
  fees: readonly FeeRule[];
  /** WeChat 分账 maximum share of the payment, bp (default 3000). */
  profitSharingMax_bp?: number;
}

export interface SettlementReceiver {
  receiverId: string;
  role: 'seller' | 'fee' | 'commission';
  name: string;
  amount_fen: number;
}

export interface ProfitSharingRequest {
  transactionId: string;
  /** The merchant's request number: unique per order, so a retried request is the same one. */
  outOrderNo: string;
  receivers: Array<{ type: WechatReceiver['type']; account: string; name?: string; amount: number; description: string }>;
  /** What WeChat allows to share on this payment (the cap). */
  cap_fen: number;
  /** The rest of the payment goes to the merchant when the request completes. */
  unfreezeUnsplit: true;
}

export interface SettlementDocument {
  orderId: string;
  orderNo: string;
  sellerOrgId: string;
  buyerOrgId: string;
  completedAt_ms: number;
  /** YYYYMMDD, Asia/Shanghai: documents are listed by the day the order completed. */
  date: string;
  /** Net of the lines less refunds: what the buyer finally paid for goods kept. */
  goods_fen: number;
  /** Promotions' discounts on the lines (for reading; the goods amount is after them). */
  discounts_fen: number;
  receivers: SettlementReceiver[];
  tenders: Array<{ kind: TenderKind; paid_fen: number; refunded_fen: number; net_fen: number }>;
  profitSharing: ProfitSharingRequest | null;
  /** Fees settled through the trade ledger rather than by WeChat 分账. */
  viaLedger: Array<{ receiverId: string; amount_fen: number }>;
}

function feeOf(rule: FeeRule, goods_fen: number): number {
  if (!Number.isSafeInteger(rule.rate_bp) || rule.rate_bp < 0 || rule.rate_bp > 10_000) throw new Error(`settlement: bad fee rate ${rule.rate_bp}`);
  const fixed = rule.fixed_fen ?? 0;
  if (!Number.isSafeInteger(fixed) || fixed < 0) throw new Error(`settlement: bad fixed fee ${fixed}`);
  return Number((BigInt(goods_fen) * BigInt(rule.rate_bp)) / 10_000n) + fixed;
}

export function settlementDocument(order: SettlementOrder, config: SettlementConfig): SettlementDocument {
  if (config.fees.length > MAX_FEE_RULES) throw new Error(`settlement: more than ${MAX_FEE_RULES} fee rules`);
  const goods = order.lines.reduce((s, l) => s + l.net - l.refunded, 0);
  const tenders = order.tenders.map((t) => ({ kind: t.kind, paid_fen: t.amount, refunded_fen: t.refunded, net_fen: t.amount - t.refunded }));
  const tendered = tenders.reduce((s, t) => s + t.net_fen, 0);
  if (goods < 0 || tenders.some((t) => t.net_fen < 0)) throw new Error(`settlement: ${order.orderId} refunded more than paid`);
  if (tendered !== goods) throw new Error(`settlement: ${order.orderId} tenders hold ${tendered}, goods ${goods}`);

  // Fees in the order configured; together never more than the goods amount.
  let left = goods;
  const fees = config.fees.map((rule) => {
    const amount = Math.min(feeOf(rule, goods), left);
    left -= amount;
    return { rule, amount };
  });
  const receivers: SettlementReceiver[] = [
    { receiverId: order.sellerOrgId, role: 'seller', name: 'seller', amount_fen: left },
    ...fees.filter((f) => f.amount > 0).map((f) => ({ receiverId: f.rule.receiverId, role: f.rule.kind, name: f.rule.name, amount_fen: f.amount })),
  ];

  // WeChat 分账: the fees of receivers with a WeChat account, within the cap, from the WeChat payment.
  const wx = order.tenders.find((t) => t.kind === 'wechat_pay');
  const maxShare_bp = config.profitSharingMax_bp ?? DEFAULT_PROFIT_SHARING_MAX_BP;
  if (!Number.isSafeInteger(maxShare_bp) || maxShare_bp < 0 || maxShare_bp > 10_000) throw new Error(`settlement: bad profit-sharing share ${maxShare_bp}`);
  // Indexes of the fees whose receiver has a WeChat account: those may be paid by 分账.
  const sharable = fees.flatMap((f, i) => (f.amount > 0 && f.rule.wechat !== undefined ? [i] : []));
  const shared = fees.map(() => 0);
  let profitSharing: ProfitSharingRequest | null = null;
  if (wx !== undefined && wx.transactionId !== undefined && sharable.length > 0) {
    const cap = Math.floor(((wx.amount - wx.refunded) * maxShare_bp) / 10_000);
    const owed = sharable.map((i) => fees[i]!.amount);
    const total = owed.reduce((s, a) => s + a, 0);
    const parts = total <= cap ? owed : apportion(cap, owed);
    const rs: ProfitSharingRequest['receivers'] = [];
    sharable.forEach((i, k) => {
      const amount = parts[k]!;
      if (amount <= 0) return;
      shared[i] = amount;
      const f = fees[i]!;
      const w = f.rule.wechat!;
      rs.push({ type: w.type, account: w.account, ...(w.name === undefined ? {} : { name: w.name }), amount, description: `${f.rule.name} ${order.orderNo}`.slice(0, WECHAT_DESCRIPTION_MAX) });
    });
    if (rs.reduce((s, r) => s + r.amount, 0) > cap) throw new Error('settlement: profit sharing above its cap');
    if (rs.length > 0) profitSharing = { transactionId: wx.transactionId, outOrderNo: `ps_${order.orderId}`.slice(0, 64), receivers: rs, cap_fen: cap, unfreezeUnsplit: true };
  }
  const viaLedger: SettlementDocument['viaLedger'] = [];
  fees.forEach((f, i) => {
    const rest = f.amount - shared[i]!;
    if (rest > 0) viaLedger.push({ receiverId: f.rule.receiverId, amount_fen: rest });
  });

  const doc: SettlementDocument = {
    orderId: order.orderId,
    orderNo: order.orderNo,
    sellerOrgId: order.sellerOrgId,
    buyerOrgId: order.buyerOrgId,
    completedAt_ms: order.completedAt_ms,
    date: shanghaiDate(order.completedAt_ms),
    goods_fen: goods,
    discounts_fen: order.lines.reduce((s, l) => s + l.discounts.reduce((a, d) => a + d.amount, 0), 0),
    receivers,
    tenders,
    profitSharing,
    viaLedger,
  };
  // Postconditions: the receivers share exactly the goods amount; every fee is paid once, by 分账 or the ledger.
  if (receivers.reduce((s, r) => s + r.amount_fen, 0) !== goods) throw new Error('settlement: receivers do not add up to the goods amount');
  const feeTotal = fees.reduce((s, f) => s + f.amount, 0);
  const paid = (profitSharing?.receivers.reduce((s, r) => s + r.amount, 0) ?? 0) + viaLedger.reduce((s, v) => s + v.amount_fen, 0);
  if (paid !== feeTotal) throw new Error('settlement: fees not settled exactly once');
  return doc;
}
