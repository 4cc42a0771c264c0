/**
 * Price policies as CSV that Excel opens (docs/trade.md#price-csv): UTF-8 with a
 * BOM, one row per policy item, prices in yuan with two decimals (fen inside), dates as
 * Asia/Shanghai `YYYY-MM-DD` or `YYYY-MM-DD HH:mm`, `to` exclusive. Rows with the same `policy`
 * form one policy and must agree on its scope, targets, window, priority and enabled flag.
 * Parsing reports every bad row by row number (the header is row 1) and column; a file with any
 * bad row gives no policies at all.
 */
import { err, errWith, ok, type Result } from '../result.js';
import { MAX_POLICY_ITEMS, MAX_POLICY_TARGETS, POLICY_SCOPES, type PolicyItem, type PolicyScope } from './prices.js';

/** A file travels inside one function call (the gateway takes 256 KB): 80,000 characters fit even in 3-byte UTF-8. */
export const MAX_CSV_LENGTH = 80_000;
export const MAX_CSV_ROWS = 1_000;
/** At most this many errors are listed; the count says how many there were. */
export const MAX_CSV_ERRORS = 100;
export const CSV_COLUMNS = ['policy', 'scope', 'targets', 'productId', 'price', 'minQuantity', 'from', 'to', 'priority', 'enabled'] as const;
type Column = (typeof CSV_COLUMNS)[number];

const BOM = '\uFEFF';
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const MAX_PRICE_FEN = 100_000_000_00;

export interface CsvPolicy {
  /** The `policy` cell: an existing policy's id, or a key naming a new one. */
  key: string;
  scope: PolicyScope;
  targetIds: string[];
  items: PolicyItem[];
  from_ms: number;
  to_ms: number;
  priority: number;
  enabled: boolean;
  /** The file row of each item, for reporting what the server finds wrong with it. */
  itemRows: number[];
}

export interface CsvError {
  row: number;
  column: Column | null;
  message: string;
}

/** RFC 4180 fields: quotes, doubled quotes, commas and line breaks inside quotes; CRLF or LF. */
export function splitCsv(text: string): string[][] | null {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) return null;
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** `12.50` → 1250; at most two decimals, no sign, no thousands separators. */
export function yuanToFen(s: string): number | null {
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(s.trim());
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) && fen <= MAX_PRICE_FEN ? fen : null;
}

export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new Error(`fenToYuan: bad amount ${fen}`);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** Asia/Shanghai `YYYY-MM-DD` or `YYYY-MM-DD HH:mm` → ms since the epoch. */
export function shanghaiToMs(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/.exec(s.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi);
  const back = new Date(t);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== mo - 1) return null;
  return t - SHANGHAI_OFFSET_MS;
}

export function msToShanghai(t: number): string {
  const d = new Date(t + SHANGHAI_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
  return d.getUTCHours() === 0 && d.getUTCMinutes() === 0 ? day : `${day} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

const ENABLED: Record<string, boolean> = { '': true, 是: true, 否: false, true: true, false: false, '1': true, '0': false, yes: true, no: false };

export function invalid(errors: CsvError[], total: number): Result<never> {
  return errWith('INVALID_ARGUMENT', `${total} problem(s) in the file; nothing was imported (first: row ${errors[0]!.row}${errors[0]!.column ? `, column ${errors[0]!.column}` : ''}: ${errors[0]!.message})`, { errors }, 'csv');
}

/** Parses a whole file: every policy, or INVALID_ARGUMENT (field `csv`) listing the bad rows. */
export function parsePolicyCsv(text: string): Result<CsvPolicy[]> {
  if (text.length > MAX_CSV_LENGTH) return err('INVALID_ARGUMENT', `the file must be at most ${MAX_CSV_LENGTH} characters`, 'csv');
  const rows = splitCsv(text.startsWith(BOM) ? text.slice(1) : text);
  if (rows === null) return invalid([{ row: 0, column: null, message: 'a quoted field is never closed' }], 1);
  const body = rows.map((cells, i) => ({ row: i + 1, cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (body.length === 0) return invalid([{ row: 1, column: null, message: 'the header row is missing' }], 1);
  const header = body[0]!.cells.map((c) => c.trim());
  const at = new Map<Column, number>();
  const errors: CsvError[] = [];
  let total = 0;
  const add = (e: CsvError) => {
    total++;
    if (errors.length < MAX_CSV_ERRORS) errors.push(e);
  };
  for (const c of CSV_COLUMNS) {
    const i = header.indexOf(c);
    if (i < 0) add({ row: 1, column: c, message: `the header has no column ${c}` });
    else at.set(c, i);
  }
  if (total > 0) return invalid(errors, total);
  if (body.length - 1 > MAX_CSV_ROWS) return err('INVALID_ARGUMENT', `at most ${MAX_CSV_ROWS} rows in one file`, 'csv');

  const policies = new Map<string, CsvPolicy & { firstRow: number }>();
  for (const { row, cells } of body.slice(1)) {
    const cell = (c: Column) => (cells[at.get(c)!] ?? '').trim();
    const before = total;
    const key = cell('policy');
    if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(key)) add({ row, column: 'policy', message: 'must be a policy id or key (letters, digits, _ . : -)' });
    const scope = cell('scope') as PolicyScope;
    if (!(POLICY_SCOPES as readonly string[]).includes(scope)) add({ row, column: 'scope', message: `must be one of ${POLICY_SCOPES.join(', ')}` });
    const targetIds = cell('targets') === '' ? [] : cell('targets').split('|').map((t) => t.trim());
    if (targetIds.length > MAX_POLICY_TARGETS || targetIds.some((t) => !/^[A-Za-z0-9_.-]{1,64}$/.test(t))) add({ row, column: 'targets', message: 'must be ids, groups, levels or region codes separated by |' });
    else if (scope === 'all' ? targetIds.length > 0 : targetIds.length === 0) add({ row, column: 'targets', message: scope === 'all' ? 'must be empty for scope all' : 'must name at least one target' });
    const productId = cell('productId');
    if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(productId)) add({ row, column: 'productId', message: 'must be a product id' });
    const price = yuanToFen(cell('price'));
    if (price === null || price < 1) add({ row, column: 'price', message: 'must be an amount in yuan with at most two decimals, above 0' });
    const mq = cell('minQuantity');
    const minQuantity = mq === '' ? undefined : Number(mq);
    if (minQuantity !== undefined && !(Number.isSafeInteger(minQuantity) && minQuantity >= 1 && minQuantity <= 100_000 && /^\d+$/.test(mq))) add({ row, column: 'minQuantity', message: 'must be a whole number from 1' });
    const from_ms = shanghaiToMs(cell('from'));
    if (from_ms === null) add({ row, column: 'from', message: 'must be a date YYYY-MM-DD (or YYYY-MM-DD HH:mm)' });
    const to_ms = shanghaiToMs(cell('to'));
    if (to_ms === null) add({ row, column: 'to', message: 'must be a date YYYY-MM-DD (or YYYY-MM-DD HH:mm)' });
    else if (from_ms !== null && to_ms <= from_ms) add({ row, column: 'to', message: 'must be after from' });
    const pr = cell('priority');
    const priority = pr === '' ? 0 : Number(pr);
    if (!(/^\d{1,4}$/.test(pr) || pr === '') || priority > 1000) add({ row, column: 'priority', message: 'must be a whole number from 0 to 1000' });
    const enabled = ENABLED[cell('enabled').toLowerCase()];
    if (enabled === undefined) add({ row, column: 'enabled', message: 'must be 是 or 否' });
    if (total > before) continue;

    const item: PolicyItem = { productId, price: price!, ...(minQuantity !== undefined ? { minQuantity } : {}) };
    const p = policies.get(key);
    if (!p) {
      policies.set(key, { key, scope, targetIds, items: [item], from_ms: from_ms!, to_ms: to_ms!, priority, enabled: enabled!, itemRows: [row], firstRow: row });
      continue;
    }
    const same = p.scope === scope && p.targetIds.join('|') === targetIds.join('|') && p.from_ms === from_ms && p.to_ms === to_ms && p.priority === priority && p.enabled === enabled;
    if (!same) add({ row, column: 'policy', message: `differs from row ${p.firstRow} of the same policy in scope, targets, dates, priority or enabled` });
    else if (p.items.some((i) => i.productId === productId && (i.minQuantity ?? 1) === (minQuantity ?? 1))) add({ row, column: 'productId', message: 'this product and minimum quantity are already in the policy' });
    else if (p.items.length >= MAX_POLICY_ITEMS) add({ row, column: 'productId', message: `a policy has at most ${MAX_POLICY_ITEMS} items` });
    else {
      p.items.push(item);
      p.itemRows.push(row);
    }
  }
  if (total > 0) return invalid(errors, total);
  return ok([...policies.values()].map(({ firstRow: _f, ...p }) => p));
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) || /^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The file for a seller's policies (`policy` holds each policy's id, so a re-import updates them). */
export function formatPolicyCsv(policies: ReadonlyArray<Omit<CsvPolicy, 'key' | 'itemRows'> & { policyId: string }>): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const p of policies) {
    for (const it of p.items) {
      const cells = [p.policyId, p.scope, p.targetIds.join('|'), it.productId, fenToYuan(it.price), it.minQuantity === undefined ? '' : String(it.minQuantity), msToShanghai(p.from_ms), msToShanghai(p.to_ms), String(p.priority), p.enabled ? '是' : '否'];
      lines.push(cells.map(quote).join(','));
    }
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
