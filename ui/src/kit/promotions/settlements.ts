/**
 * Settlement documents by period (docs/promotions.md#settlement): the month picked → the half-open
 * window the list asks for, the totals shown above the list, and the CSV file handed to the
 * browser (h5) — UTF-8 with a BOM so Excel reads the Chinese headers.
 */
import { periodByKey, type SettlementDocument } from '@channel-router/shared';

export function monthWindow(key: string): { from: number; to: number } {
  const p = periodByKey('month', key);
  if (p === null) throw new Error(`monthWindow: not a month ${key}`);
  return { from: p.from_ms, to: p.to_ms };
}

export interface SettlementTotals {
  orders: number;
  goods_fen: number;
  discounts_fen: number;
  /** Fees and commissions: what the receivers other than the seller get. */
  fees_fen: number;
  seller_fen: number;
  /** Of the fees: by WeChat 分账, and through the trade ledger. */
  shared_fen: number;
  viaLedger_fen: number;
}

export function settlementTotals(docs: readonly SettlementDocument[]): SettlementTotals {
  const t: SettlementTotals = { orders: docs.length, goods_fen: 0, discounts_fen: 0, fees_fen: 0, seller_fen: 0, shared_fen: 0, viaLedger_fen: 0 };
  for (const d of docs) {
    const seller = d.receivers.filter((r) => r.role === 'seller').reduce((s, r) => s + r.amount_fen, 0);
    t.goods_fen += d.goods_fen;
    t.discounts_fen += d.discounts_fen;
    t.seller_fen += seller;
    t.fees_fen += d.goods_fen - seller;
    t.shared_fen += d.profitSharing?.receivers.reduce((s, r) => s + r.amount, 0) ?? 0;
    t.viaLedger_fen += d.viaLedger.reduce((s, v) => s + v.amount_fen, 0);
  }
  // Every fee is paid once, by 分账 or the ledger (the document's own postcondition, summed).
  if (t.shared_fen + t.viaLedger_fen !== t.fees_fen) throw new Error('settlementTotals: fees not settled exactly once');
  return t;
}

/** The CSV as the browser should save it: with the BOM Excel needs, and a safe file name. */
export function csvDownload(csv: string, filename: string): { filename: string; text: string; mime: string } {
  const safe = filename.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 100);
  return { filename: safe.endsWith('.csv') ? safe : `${safe}.csv`, text: csv.startsWith('\uFEFF') ? csv : `\uFEFF${csv}`, mime: 'text/csv;charset=utf-8' };
}
