/**
 * What the stock-in screen shows, as pure functions of the store's state: every wording is tested
 * without rendering.
 */
import type { TagTone } from './tones';
import { codeTail, packLabel } from './labels';
import { isSendable, type ReceiveOutcome, type ScanEntry } from './receive';

export interface ListSummary {
  total: number;
  /** Codes a submit would send. */
  sendable: number;
  /** Items inside the sendable codes that were checked. */
  items: number;
  /** Sendable codes not checked yet (their items are not in `items`). */
  unchecked: number;
  checking: number;
  foreign: number;
  foreignItems: number;
  rejected: number;
  inStock: number;
}

export function summarize(entries: readonly ScanEntry[]): ListSummary {
  const s: ListSummary = { total: entries.length, sendable: 0, items: 0, unchecked: 0, checking: 0, foreign: 0, foreignItems: 0, rejected: 0, inStock: 0 };
  for (const e of entries) {
    if (e.state === 'checking') s.checking++;
    if (e.state === 'rejected') s.rejected++;
    if (e.state === 'in_stock') s.inStock++;
    if (!isSendable(e)) continue;
    s.sendable++;
    if (e.state === 'unchecked') s.unchecked++;
    else s.items += e.items ?? 0;
    if (e.foreign) {
      s.foreign++;
      s.foreignItems += e.items ?? 0;
    }
  }
  return s;
}

export interface EntryView {
  title: string;
  label: string;
  tags: Array<{ tone: TagTone; text: string; testId: string }>;
  note?: string;
  noteTone?: 'warning' | 'danger' | 'muted';
}

export function entryView(e: ScanEntry): EntryView {
  const parts: string[] = [];
  if (e.level !== undefined && e.items !== undefined) parts.push(packLabel(e.level, e.items));
  parts.push(`码 ${codeTail(e.code)}`);
  const title = e.productName ?? (e.state === 'checking' ? '正在核对…' : e.state === 'rejected' ? '无效的码' : '未核对的码');
  const tags: EntryView['tags'] = [];
  let note = e.note;
  let noteTone: EntryView['noteTone'] = 'muted';
  switch (e.state) {
    case 'checking':
      tags.push({ tone: 'default', text: '核对中', testId: 'tag-checking' });
      break;
    case 'ok':
      if (e.foreign) {
        tags.push({ tone: 'danger', text: '非本店经销商货', testId: 'tag-foreign' });
        note = `这批货分配给了其他经销商${e.holderName ? `，目前登记在「${e.holderName}」` : ''}。入库会记录为窜货证据。`;
        noteTone = 'warning';
      } else if (e.expected) {
        tags.push({ tone: 'success', text: '待收货', testId: 'tag-expected' });
      } else {
        tags.push({ tone: 'primary', text: '可入库', testId: 'tag-ok' });
      }
      break;
    case 'unchecked':
      tags.push({ tone: 'warning', text: '未核对', testId: 'tag-unchecked' });
      noteTone = 'warning';
      break;
    case 'in_stock':
      tags.push({ tone: 'default', text: '已在库存', testId: 'tag-in-stock' });
      break;
    case 'rejected':
      tags.push({ tone: 'danger', text: '不能入库', testId: 'tag-rejected' });
      noteTone = 'danger';
      break;
  }
  const v: EntryView = { title, label: parts.join(' · '), tags };
  if (note !== undefined) {
    v.note = note;
    v.noteTone = noteTone;
  }
  return v;
}

/** The line above the submit button. */
export function summaryLine(s: ListSummary): string {
  if (s.total === 0) return '清单是空的';
  const items = s.unchecked > 0 ? `${s.items} 件（另有 ${s.unchecked} 个码未核对）` : `${s.items} 件`;
  return `待入库 ${s.sendable} 个码，共 ${items}`;
}

export function submitLabel(s: ListSummary): string {
  if (s.checking > 0) return `正在核对 ${s.checking} 个码…`;
  return s.sendable > 0 ? `确认入库（${s.sendable} 个码）` : '确认入库';
}

export interface OutcomeView {
  status: 'success' | 'warning';
  title: string;
  lines: string[];
}

export interface AlertRow {
  key: string;
  title: string;
  label: string;
  quantity: number;
}

/** One row per diversion alert of a stock-in: which goods, how many items. */
export function alertRows(o: ReceiveOutcome): AlertRow[] {
  return o.alerts.map((a, i) => ({
    key: `${a.code}:${i}`,
    title: o.names[a.code] ?? '商品',
    label: `码 ${codeTail(a.code)} · 分配给其他经销商，已记录`,
    quantity: a.quantity,
  }));
}

export function outcomeView(o: ReceiveOutcome): OutcomeView {
  const lines = [`本次提交 ${o.codes} 个码，入库 ${o.items} 件商品。`];
  const alertItems = o.alerts.reduce((n, a) => n + a.quantity, 0);
  let status: OutcomeView['status'] = 'success';
  let title = '入库成功';
  if (o.alerts.length > 0) {
    status = 'warning';
    title = '入库完成，有窜货提醒';
    lines.push(`其中 ${alertItems} 件来自其他经销商的销售区域，已记录为窜货证据（${o.alerts.length} 条提醒）。`);
  } else if (o.foreignCodes.length > 0) {
    status = 'warning';
    title = '入库完成';
    lines.push(`有 ${o.foreignCodes.length} 个码不是本店经销商供应的货，已一并入库。`);
  }
  if (o.skipped > 0) lines.push(`另有 ${o.skipped} 个码没有提交（已在库存或不能入库）。`);
  return { status, title, lines };
}
