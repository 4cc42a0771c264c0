/**
 * Alerts (`report.alerts`) with filters: by kind (窜货, 奖品截流, 重复领奖, 克隆码) and by the
 * dealer the goods were allocated to. Each row says what happened in words, with org, product
 * and region names instead of ids.
 */
import type { AlertView } from '@channel-router/shared/api';
import type { Client } from '@channel-router/shared/client';
import { ALERT_KINDS, type AlertKind } from '@channel-router/shared/model';
import { regionName } from '@channel-router/shared/regions/names';
import type { Names } from './directory';
import { ALERT_EVIDENCE_LABELS, ALERT_KIND_LABELS, groupedCode, label, timeText } from './labels';
import { createPagedStore, PAGE_SIZE } from './paged';
import type { TagTone } from '@channel-router/ui';

export interface AlertFilter {
  kind: AlertKind | 'all';
  dealerId: string | null;
}

export const ALERT_FILTER_TABS: ReadonlyArray<{ key: AlertKind | 'all'; label: string }> = [
  { key: 'all', label: '全部' },
  // Short enough for five tabs on a 375-px screen.
  ...ALERT_KINDS.map((k) => ({ key: k, label: k === 'cloned_code' ? '克隆码' : ALERT_KIND_LABELS[k] })),
];

export function createAlertsStore(deps: { client: Client }) {
  return createPagedStore<AlertView, AlertFilter>(
    async (f, cursor) => {
      const req: Parameters<Client['report']['alerts']>[0] = { limit: PAGE_SIZE };
      if (f.kind !== 'all') req.kind = f.kind;
      if (f.dealerId !== null) req.dealerId = f.dealerId;
      if (cursor !== undefined) req.cursor = cursor;
      const r = await deps.client.report.alerts(req);
      return r.ok ? { ok: true, data: { items: r.data.alerts, cursor: r.data.cursor ?? null } } : r;
    },
    { kind: 'all', dealerId: null },
  );
}

export interface AlertRow {
  id: string;
  kind: string;
  tone: TagTone;
  title: string;
  /** What it rests on, in words. */
  evidence: string;
  lines: Array<{ label: string; value: string }>;
  time: string;
}

const KIND_TONE: Readonly<Record<AlertKind, TagTone>> = {
  diversion: 'danger',
  prize_interception: 'warning',
  duplicate_redeem: 'warning',
  cloned_code: 'danger',
  low_stock: 'warning',
};

export function alertRow(a: AlertView, names: Names): AlertRow {
  const lines: Array<{ label: string; value: string }> = [{ label: '商品', value: `${names.product(a.productId)} × ${a.quantity}` }];
  if (a.allocatedDealerId !== null) lines.push({ label: '分配经销商', value: names.org(a.allocatedDealerId) });
  if (a.observedOrgId !== null) lines.push({ label: a.kind === 'prize_interception' ? '涉及组织' : '发现地点', value: names.org(a.observedOrgId) });
  if (a.regionCode !== null) lines.push({ label: '地区', value: regionName(a.regionCode) ?? a.regionCode });
  if (a.actorUnionId !== null) lines.push({ label: '扫码人', value: a.actorUnionId });
  lines.push({ label: '码', value: groupedCode(a.code) });
  return {
    id: a.id,
    kind: a.kind,
    tone: KIND_TONE[a.kind as AlertKind] ?? 'default',
    title: label(ALERT_KIND_LABELS, a.kind),
    evidence: label(ALERT_EVIDENCE_LABELS, a.evidence),
    lines,
    time: timeText(a.at),
  };
}
