/**
 * Paying an order (docs/ordering.md#payment) as the checkout screen does it: which
 * tenders the buyer can use, a first proposal, the buyer's edits, and the checks the server will
 * make, said before anything is sent. The sum rule and the rebate cap are the shared rules
 * (`checkTenders`, `maxRebate_fen`); this file adds what only the buyer's screen knows: the
 * balances it holds and the receipt photo a transfer needs.
 *
 * Pure functions, no Taro (tested in Node).
 */
import { checkTenders, maxRebate_fen, TENDER_KINDS, type TenderKind } from '@channel-router/shared/ordering/tenders';
import type { BalancesRes, TenderReq } from '@channel-router/shared/api';
import { formatFen } from '@channel-router/shared/money';
import { TENDER_LABELS } from '../ordering-words';

export { TENDER_KINDS, type TenderKind };

/** What the buyer has with this seller, as order.balances and trade.getTerms tell it. */
export interface PayingPower {
  deposit: number;
  rebate: number;
  /** Credit that may be used now (0 without a valid line). */
  creditAvailable: number;
  /** Overdue receivables (fen): any of it blocks new credit (CREDIT_OVERDUE). */
  creditOverdue: number;
  maxRebateShare_bp: number;
}

export function payingPower(b: BalancesRes, maxRebateShare_bp: number): PayingPower {
  return { deposit: b.deposit, rebate: b.rebate, creditAvailable: b.credit.available, creditOverdue: b.credit.overdue, maxRebateShare_bp };
}

/** Amount per tender kind (fen); a kind absent or 0 is not used. */
export type TenderDraft = Partial<Record<TenderKind, number>>;

/** The most rebate may pay of this order: its share of the total, and no more than the balance. */
export function rebateLimit(total_fen: number, p: PayingPower): number {
  return Math.min(maxRebate_fen(total_fen, p.maxRebateShare_bp), Math.max(0, p.rebate));
}

/** The most a kind may pay of this order now (the external ones: whatever is left). */
export function tenderLimit(kind: TenderKind, total_fen: number, p: PayingPower): number {
  switch (kind) {
    case 'rebate':
      return rebateLimit(total_fen, p);
    case 'deposit':
      return Math.min(total_fen, Math.max(0, p.deposit));
    case 'credit':
      return p.creditOverdue > 0 ? 0 : Math.min(total_fen, Math.max(0, p.creditAvailable));
    case 'wechat_pay':
    case 'transfer':
      return total_fen;
  }
}

export function draftSum(draft: TenderDraft): number {
  let s = 0;
  for (const k of TENDER_KINDS) s += draft[k] ?? 0;
  return s;
}

/** What is still to be covered (negative: the tenders pay too much). */
export function remainingToPay(total_fen: number, draft: TenderDraft): number {
  return total_fen - draftSum(draft);
}

/**
 * A first proposal: rebate up to its limit, then deposit, then credit; the rest by WeChat Pay.
 * The cheapest money for the buyer first (rebate is a discount it has earned; deposit is already
 * paid). Postcondition: the amounts add up to the total.
 */
export function suggestTenders(total_fen: number, p: PayingPower): TenderDraft {
  if (!Number.isSafeInteger(total_fen) || total_fen < 0) throw new Error(`suggestTenders: bad total ${total_fen}`);
  const draft: TenderDraft = {};
  let left = total_fen;
  for (const kind of ['rebate', 'deposit', 'credit'] as const) {
    const take = Math.min(left, tenderLimit(kind, total_fen, p));
    if (take > 0) {
      draft[kind] = take;
      left -= take;
    }
  }
  if (left > 0) draft.wechat_pay = left;
  if (draftSum(draft) !== total_fen) throw new Error('suggestTenders: the proposal does not add up');
  return draft;
}

/**
 * Sets one kind's amount and lets the "filler" kind (the one the buyer pays the rest with, WeChat
 * Pay or transfer) absorb the difference, so the tenders keep adding up while the buyer edits.
 */
export function setTender(total_fen: number, draft: TenderDraft, kind: TenderKind, amount_fen: number, filler: 'wechat_pay' | 'transfer' = 'wechat_pay'): TenderDraft {
  const next: TenderDraft = { ...draft, [kind]: Math.max(0, Math.floor(amount_fen)) };
  if (kind === filler) return next;
  const other = filler === 'wechat_pay' ? 'transfer' : 'wechat_pay';
  delete next[other];
  next[filler] = 0;
  const rest = remainingToPay(total_fen, next);
  next[filler] = Math.max(0, rest);
  return next;
}

/** Moves whatever the external tender pays to the other one (WeChat Pay ↔ transfer). */
export function switchFiller(draft: TenderDraft, to: 'wechat_pay' | 'transfer'): TenderDraft {
  const from = to === 'wechat_pay' ? 'transfer' : 'wechat_pay';
  const amount = (draft[from] ?? 0) + (draft[to] ?? 0);
  const next: TenderDraft = { ...draft };
  delete next[from];
  next[to] = amount;
  return next;
}

export interface TenderProblems {
  /** Per kind, in plain words. */
  byKind: Partial<Record<TenderKind, string>>;
  /** About the whole (the sum), or null. */
  total: string | null;
  ok: boolean;
}

/**
 * The checks the server makes (sum, rebate cap: the shared `checkTenders`) plus the balances the
 * screen knows, in the buyer's words, before anything is sent.
 */
export function tenderProblems(total_fen: number, draft: TenderDraft, p: PayingPower, receiptFileId: string | null): TenderProblems {
  const byKind: TenderProblems['byKind'] = {};
  for (const k of TENDER_KINDS) {
    const a = draft[k] ?? 0;
    if (!Number.isSafeInteger(a) || a < 0) byKind[k] = '金额不对';
  }
  const rebate = draft.rebate ?? 0;
  const rebateCap = maxRebate_fen(total_fen, p.maxRebateShare_bp);
  if (rebate > rebateCap) byKind.rebate = `返利最多抵扣订单金额的 ${p.maxRebateShare_bp / 100}%（${formatFen(rebateCap)}）`;
  else if (rebate > p.rebate) byKind.rebate = `返利余额只有 ${formatFen(p.rebate)}`;
  if ((draft.deposit ?? 0) > p.deposit) byKind.deposit = `预存款余额只有 ${formatFen(p.deposit)}`;
  const credit = draft.credit ?? 0;
  if (credit > 0 && p.creditOverdue > 0) byKind.credit = `有 ${formatFen(p.creditOverdue)} 逾期未还，暂不能赊购`;
  else if (credit > p.creditAvailable) byKind.credit = `可用额度只有 ${formatFen(p.creditAvailable)}`;
  if ((draft.transfer ?? 0) > 0 && receiptFileId === null) byKind.transfer = '请上传转账凭证';
  let total: string | null = null;
  const rest = remainingToPay(total_fen, draft);
  if (rest > 0) total = `还差 ${formatFen(rest)} 未选择支付方式`;
  else if (rest < 0) total = `支付金额多了 ${formatFen(-rest)}`;
  else if (Object.keys(byKind).length === 0 && total_fen > 0) {
    // The same rule the server applies: if it disagrees, the shared rule changed and this is a bug.
    const checked = checkTenders(total_fen, toTenderRequests(draft, receiptFileId), p.maxRebateShare_bp);
    if (!checked.ok) total = '支付方式组合不正确';
  }
  return { byKind, total, ok: total === null && Object.keys(byKind).length === 0 };
}

/** The tenders as order.submit takes them: kinds with an amount, the receipt on the transfer. */
export function toTenderRequests(draft: TenderDraft, receiptFileId: string | null): TenderReq[] {
  const out: TenderReq[] = [];
  for (const kind of TENDER_KINDS) {
    const amount = draft[kind] ?? 0;
    if (amount <= 0) continue;
    const t: TenderReq = { kind, amount };
    if (kind === 'transfer' && receiptFileId !== null) t.receiptFileId = receiptFileId;
    out.push(t);
  }
  return out;
}

/** The confirmation's text: what is paid how, in one line per tender. */
export function tenderSummary(draft: TenderDraft): string[] {
  return TENDER_KINDS.filter((k) => (draft[k] ?? 0) > 0).map((k) => `${TENDER_LABELS[k]} ${formatFen(draft[k] ?? 0)}`);
}
