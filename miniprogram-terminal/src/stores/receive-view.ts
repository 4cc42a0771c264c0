/**
 * What the stock-in screen shows of the kit's running list (receiving for the store), as pure
 * functions of its state: every wording is tested without rendering.
 */
import type { TagTone } from '@channel-router/ui';
import type { ListSummary, ScanEntry, SubmitResult } from '@channel-router/ui/kit';
import { codeTail, packLabel } from './labels';

/** The entry's state as the screen (and its tests) name it. */
export type EntryState = 'checking' | 'ok' | 'unchecked';

export function entryState(e: ScanEntry): EntryState {
  return e.status === 'ready' ? 'ok' : e.status;
}

export interface EntryView {
  state: EntryState;
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
  const state = entryState(e);
  const title = e.productName !== undefined && e.productName !== '' ? e.productName : state === 'checking' ? '正在核对…' : state === 'ok' ? '未知商品' : '未核对的码';
  const tags: EntryView['tags'] = [];
  let note = e.problem ?? e.warning;
  let noteTone: EntryView['noteTone'] = e.problem !== undefined ? 'danger' : 'muted';
  switch (state) {
    case 'checking':
      tags.push({ tone: 'default', text: '核对中', testId: 'tag-checking' });
      break;
    case 'ok':
      if (e.foreign === true) {
        tags.push({ tone: 'danger', text: '非本店经销商货', testId: 'tag-foreign' });
        note = e.problem ?? `这批货分配给了其他经销商${e.holderName ? `，目前登记在「${e.holderName}」` : ''}。入库会记录为窜货证据。`;
        noteTone = e.problem !== undefined ? 'danger' : 'warning';
      } else if (e.expected === true) {
        tags.push({ tone: 'success', text: '待收货', testId: 'tag-expected' });
      } else {
        tags.push({ tone: 'primary', text: '可入库', testId: 'tag-ok' });
        if (e.warning !== undefined && e.problem === undefined) noteTone = 'warning';
      }
      break;
    case 'unchecked':
      tags.push({ tone: 'warning', text: '未核对', testId: 'tag-unchecked' });
      noteTone = 'warning';
      break;
  }
  const v: EntryView = { state, title, label: parts.join(' · '), tags };
  if (note !== undefined) {
    v.note = note;
    v.noteTone = noteTone;
  }
  return v;
}

/** The line above the submit button. */
export function summaryLine(s: ListSummary): string {
  if (s.codes === 0) return '清单是空的';
  const items = s.unchecked > 0 ? `${s.items} 件（另有 ${s.unchecked} 个码未核对）` : `${s.items} 件`;
  return `待入库 ${s.codes} 个码，共 ${items}`;
}

export function submitLabel(s: ListSummary): string {
  if (s.checking > 0) return `正在核对 ${s.checking} 个码…`;
  return s.codes > 0 ? `确认入库（${s.codes} 个码）` : '确认入库';
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
export function alertRows(o: SubmitResult): AlertRow[] {
  return o.alerts.map((a, i) => ({
    key: `${a.code}:${i}`,
    title: o.names[a.code] ?? '商品',
    label: `码 ${codeTail(a.code)} · 分配给其他经销商，已记录`,
    quantity: a.quantity,
  }));
}

export function outcomeView(o: SubmitResult): OutcomeView {
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
  return { status, title, lines };
}
