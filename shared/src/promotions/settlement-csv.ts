/**
 * Settlement documents as CSV that Excel opens: UTF-8 with a BOM, CRLF, yuan with two decimals
 * (fen inside), one row per order.
 */
import { formatFen } from '../money.js';
import { TENDER_KINDS } from '../ordering/tenders.js';
import type { SettlementDocument } from './settlement.js';

/** Most rows one export holds; a longer period is exported in parts. */
export const MAX_SETTLEMENT_CSV_ROWS = 50_000;

const TENDER_HEADERS: Record<(typeof TENDER_KINDS)[number], string> = {
  rebate: '返利抵扣',
  deposit: '预存款',
  credit: '赊销',
  wechat_pay: '微信支付',
  transfer: '线下转账',
};

export const SETTLEMENT_CSV_HEADER = [
  '订单号',
  '完成日期',
  '卖方',
  '买方',
  '货款',
  '优惠',
  '卖方应收',
  '手续费及佣金',
  ...TENDER_KINDS.map((k) => TENDER_HEADERS[k]),
  '微信分账',
  '台账结算',
];

function cell(value: string): string {
  // A leading = + - @ would make Excel read a formula from a name someone typed.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const yuan = (fen: number): string => formatFen(fen, { symbol: false });

/** `names` maps org ids to display names; an id without a name is written as is. */
export function settlementCsv(docs: readonly SettlementDocument[], names: ReadonlyMap<string, string> = new Map()): string {
  if (docs.length > MAX_SETTLEMENT_CSV_ROWS) throw new Error(`settlementCsv: more than ${MAX_SETTLEMENT_CSV_ROWS} rows`);
  const rows = [SETTLEMENT_CSV_HEADER.map(cell).join(',')];
  for (const d of docs) {
    const seller = d.receivers.find((r) => r.role === 'seller')?.amount_fen ?? 0;
    const fees = d.goods_fen - seller;
    const byKind = new Map(d.tenders.map((t) => [t.kind, t.net_fen]));
    const date = `${d.date.slice(0, 4)}-${d.date.slice(4, 6)}-${d.date.slice(6, 8)}`;
    rows.push(
      [
        d.orderNo,
        date,
        names.get(d.sellerOrgId) ?? d.sellerOrgId,
        names.get(d.buyerOrgId) ?? d.buyerOrgId,
        yuan(d.goods_fen),
        yuan(d.discounts_fen),
        yuan(seller),
        yuan(fees),
        ...TENDER_KINDS.map((k) => yuan(byKind.get(k) ?? 0)),
        yuan(d.profitSharing?.receivers.reduce((s, r) => s + r.amount, 0) ?? 0),
        yuan(d.viaLedger.reduce((s, v) => s + v.amount_fen, 0)),
      ]
        .map(cell)
        .join(','),
    );
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
