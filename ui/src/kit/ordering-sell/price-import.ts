/**
 * Importing price policies from CSV (docs/trade.md#price-csv): the file is checked on the phone
 * with the same parser the server uses (a bad row costs no round trip), then sent whole; a
 * refusal lists each bad row by row and column (header = row 1), in Chinese, and nothing is
 * imported. Also what an export gives back (the file name and text).
 */
import { CSV_COLUMNS, parsePolicyCsv, type CsvError } from '@channel-router/shared';
import type { ClientError } from '@channel-router/shared/client';

/** Rows shown at once; the count says how many there were. */
export const MAX_SHOWN_ERRORS = 50;

export const CSV_COLUMN_LABELS: Readonly<Record<string, string>> = {
  policy: '政策编号',
  scope: '范围',
  targets: '对象',
  productId: '商品',
  price: '价格',
  minQuantity: '起订量',
  from: '开始日期',
  to: '结束日期',
  priority: '优先级',
  enabled: '启用',
};

/** The parser's and the server's messages, in plain Chinese (prefix match; anything else kept). */
const MESSAGES: ReadonlyArray<[RegExp, string]> = [
  [/^the header has no column (\w+)/, '表头缺少这一列'],
  [/^the header row is missing/, '文件没有表头'],
  [/^a quoted field is never closed/, '引号没有闭合'],
  [/^must be a policy id or key/, '应为政策编号（字母、数字、_ . : -）'],
  [/^must be one of/, '应为 customer、group、level、region 或 all'],
  [/^must be ids, groups, levels or region codes/, '应为客户、分组、等级或地区编码，用 | 分隔'],
  [/^must be empty for scope all/, '范围为 all 时应为空'],
  [/^must name at least one target/, '至少填一个对象'],
  [/^must be a product id/, '应为商品编号'],
  [/^must be an amount in yuan/, '应为大于 0 的金额（元，最多两位小数）'],
  [/^must be a whole number from 1$/, '应为 1 以上的整数'],
  [/^must be a date/, '应为日期 YYYY-MM-DD（或 YYYY-MM-DD HH:mm）'],
  [/^must be after from/, '应晚于开始日期'],
  [/^must be a whole number from 0 to 1000/, '应为 0 到 1000 的整数'],
  [/^must be 是 or 否/, '应为 是 或 否'],
  [/^differs from row (\d+)/, '与同一政策的第 $1 行的范围、对象、日期、优先级或启用不一致'],
  [/^this product and minimum quantity are already/, '同一政策里这个商品和起订量重复了'],
  [/below the brand's floor of (\d+) fen/, '低于品牌控价'],
  [/^no such product/, '没有这个商品'],
  [/^this organisation is not your customer/, '这不是您的客户'],
  [/^not a known region code/, '不是有效的地区编码'],
  [/^a policy for all buyers names no targets/, '范围为 all 时应为空'],
  [/^a \w+ policy names at least one target/, '至少填一个对象'],
];

export interface ImportProblem {
  row: number;
  column: string | null;
  columnLabel: string;
  message: string;
  /** `第 3 行 · 价格：应为…` */
  text: string;
}

export function importProblemText(e: CsvError | { row: number; column: string | null; message: string }): ImportProblem {
  let message = e.message;
  for (const [re, zh] of MESSAGES) {
    const m = re.exec(e.message);
    if (m !== null) {
      message = zh.replace('$1', m[1] ?? '');
      break;
    }
  }
  const columnLabel = e.column === null ? '' : CSV_COLUMN_LABELS[e.column] ?? e.column;
  const where = e.row === 0 ? '文件' : `第 ${e.row} 行`;
  return { row: e.row, column: e.column, columnLabel, message, text: columnLabel === '' ? `${where}：${message}` : `${where} · ${columnLabel}(${e.column})：${message}` };
}

export type ImportCheck = { ok: true; policies: number; items: number } | { ok: false; problems: ImportProblem[]; total: number; summary: string };

function summaryOf(total: number): string {
  return `文件有 ${total} 处问题，没有导入任何价格政策。请改正后重新导入。`;
}

/** The file checked on the phone, as the server would check its format. */
export function checkImportFile(text: string): ImportCheck {
  if (text.trim() === '') return { ok: false, problems: [importProblemText({ row: 0, column: null, message: 'the header row is missing' })], total: 1, summary: '文件是空的' };
  const r = parsePolicyCsv(text);
  if (r.ok) return { ok: true, policies: r.data.length, items: r.data.reduce((s, p) => s + p.items.length, 0) };
  const errors = (r.error.details?.['errors'] as CsvError[] | undefined) ?? [];
  if (errors.length === 0) return { ok: false, problems: [], total: 1, summary: r.error.message.includes('characters') ? '文件太大，请分成几个文件导入' : '文件行数太多，请分成几个文件导入' };
  const total = Number(/^(\d+) problem/.exec(r.error.message)?.[1] ?? errors.length);
  return { ok: false, problems: errors.slice(0, MAX_SHOWN_ERRORS).map(importProblemText), total, summary: summaryOf(total) };
}

/** The server's refusal of an import (INVALID_ARGUMENT or PRICE_BELOW_FLOOR with `details.errors`). */
export function importRefusal(error: ClientError): ImportCheck & { ok: false } {
  const raw = error.details?.['errors'];
  const errors = Array.isArray(raw) ? (raw as CsvError[]).filter((e) => typeof e === 'object' && e !== null && typeof e.row === 'number') : [];
  if (errors.length === 0) return { ok: false, problems: [], total: 0, summary: error.userMessage };
  return { ok: false, problems: errors.slice(0, MAX_SHOWN_ERRORS).map(importProblemText), total: errors.length, summary: summaryOf(errors.length) };
}

/** An empty file with just the header, for a seller starting from nothing. */
export function templateCsv(): string {
  return `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;
}
