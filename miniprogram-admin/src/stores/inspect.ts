/**
 * The inspector's scan (稽查, `scan.inspect`): the unit's whole custody history and the verdict
 * at the store where the inspector stands (chosen) or at the unit's holder. `scan.identify` is
 * asked alongside for the unit's level and size; the verdict never waits on it.
 *
 * An inspection records evidence (a diverted verdict raises an alert), and the server keys that
 * alert by what was observed, so retrying the same code at the same place stores it once.
 */
import { createStore } from 'zustand/vanilla';
import type { EventView, IdentifyRes, InspectRes, Verdict } from '@channel-router/shared/api';
import { userMessage, type Client, type ClientError } from '@channel-router/shared/client';
import { parseCodeInput } from '@channel-router/shared/codes/parse';
import { regionName } from '@channel-router/shared/regions/names';
import type { Names } from './directory';
import { BIZ_STEP_LABELS, groupedCode, label, LEVEL_LABELS, timeText, VERDICT_LABELS } from './labels';
import type { TagTone } from '@channel-router/ui';

export type InspectPhase =
  | { kind: 'idle' }
  | { kind: 'inspecting'; code: string }
  | { kind: 'done'; code: string; atOrgId: string | null; result: InspectRes; identity: IdentifyRes | null }
  | { kind: 'failed'; code: string; error: ClientError };

export interface InspectState {
  /** Where the inspector stands (a store's id), or null: judge at the holder. */
  atOrgId: string | null;
  phase: InspectPhase;
  setAt(orgId: string | null): void;
  submit(text: string): Promise<void>;
  retry(): Promise<void>;
  reset(): void;
}

export function createInspectStore(deps: { client: Client }) {
  return createStore<InspectState>()((set, get) => {
    const busy = () => get().phase.kind === 'inspecting';

    const run = async (code: string) => {
      const atOrgId = get().atOrgId;
      set({ phase: { kind: 'inspecting', code } });
      const [r, id] = await Promise.all([
        deps.client.scan.inspect(atOrgId === null ? { code } : { code, orgId: atOrgId }),
        deps.client.scan.identify({ code }),
      ]);
      set({ phase: r.ok ? { kind: 'done', code, atOrgId, result: r.data, identity: id.ok ? id.data : null } : { kind: 'failed', code, error: r.error } });
    };

    return {
      atOrgId: null,
      phase: { kind: 'idle' },
      setAt(orgId) {
        if (busy()) return;
        set({ atOrgId: orgId });
      },
      async submit(text) {
        if (busy()) return;
        const parsed = parseCodeInput(text);
        if (!parsed.ok) {
          // Same words as the server's, without a round trip.
          const error: ClientError = { code: 'INVALID_CODE', message: 'rejected before sending', userMessage: userMessage('INVALID_CODE', 'scan.inspect') };
          set({ phase: { kind: 'failed', code: text.trim().slice(0, 64), error } });
          return;
        }
        await run(parsed.data);
      },
      async retry() {
        const p = get().phase;
        if (p.kind !== 'failed' || p.error.code === 'INVALID_CODE') return;
        await run(p.code);
      },
      reset() {
        if (busy()) return;
        set({ phase: { kind: 'idle' } });
      },
    };
  });
}

export interface TimelineRow {
  key: string;
  step: string;
  time: string;
  /** Who moved it where: 「广东好味经销 → 天河好邻居便利店」. */
  where: string;
  region: string | null;
  actor: string | null;
  /** The event that took the unit to the place under inspection (highlighted). */
  highlight: boolean;
}

export interface InspectView {
  verdict: { label: string; tone: TagTone; text: string; testId: string };
  facts: Array<{ label: string; value: string }>;
  timeline: TimelineRow[];
}

const VERDICT_TONE: Readonly<Record<Verdict, TagTone>> = { in_territory: 'success', diverted: 'danger', unallocated: 'warning' };

function eventWhere(e: EventView, names: Names): string {
  if (e.bizStep === 'shipping' && e.toOrgId) return `${names.org(e.orgId)} → ${names.org(e.toOrgId)}`;
  if (e.orgId === null) return '消费者';
  return names.org(e.orgId);
}

export function inspectView(p: Extract<InspectPhase, { kind: 'done' }>, names: Names): InspectView {
  const r = p.result;
  const judgedAt = p.atOrgId ?? r.holderOrgId;
  const dealer = names.org(r.allocatedDealerId);
  const place = names.org(judgedAt);
  const text =
    r.verdict === 'diverted'
      ? `这件货分配给「${dealer}」，却出现在「${place}」，不在该经销商的经营区域内。已记录为窜货证据。`
      : r.verdict === 'in_territory'
        ? `这件货分配给「${dealer}」，在「${place}」销售属于其经营区域内。`
        : '这件货还没有从品牌发给任何经销商。';
  const facts: Array<{ label: string; value: string }> = [{ label: '商品', value: p.identity?.productName ?? names.product(r.productId) }];
  if (p.identity !== null) facts.push({ label: '包装', value: `${label(LEVEL_LABELS, p.identity.level)}（${p.identity.items} 件）` });
  facts.push({ label: '码', value: groupedCode(p.code) });
  facts.push({ label: '分配经销商', value: r.allocatedDealerId === null ? '未分配' : dealer });
  facts.push({ label: '当前持有', value: names.org(r.holderOrgId) });
  if (p.atOrgId !== null) facts.push({ label: '稽查地点', value: place });

  // The last event that brought the unit to the judged place: the one that makes the verdict.
  let arrival = -1;
  r.events.forEach((e, i) => {
    if ((e.bizStep === 'receiving' && e.orgId === judgedAt) || (e.bizStep === 'shipping' && e.toOrgId === judgedAt)) arrival = i;
  });
  const timeline = r.events.map((e, i) => ({
    key: e.eventId,
    step: label(BIZ_STEP_LABELS, e.bizStep),
    time: timeText(e.at),
    where: eventWhere(e, names),
    region: e.regionCode === null ? null : regionName(e.regionCode) ?? e.regionCode,
    actor: e.unionId,
    highlight: i === arrival,
  }));
  return {
    verdict: { label: label(VERDICT_LABELS, r.verdict), tone: VERDICT_TONE[r.verdict] ?? 'default', text, testId: `verdict-${r.verdict}` },
    facts,
    timeline,
  };
}
