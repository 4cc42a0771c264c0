/**
 * The dashboard (`report.dashboard`): totals, scans and redeems per day, and diversion by region
 * and by dealer, over the last 7, 14 or 30 days.
 */
import { createStore } from 'zustand/vanilla';
import type { DashboardRes } from '@channel-router/shared/api';
import type { Client } from '@channel-router/shared/client';
import { formatFen } from '@channel-router/shared/money';
import { latest, type Load } from '@channel-router/ui/kit';

export const DAY_OPTIONS = [7, 14, 30] as const;
export type Days = (typeof DAY_OPTIONS)[number];

export interface DashboardState {
  days: Days;
  data: Load<DashboardRes>;
  load(days?: Days): Promise<void>;
}

export function createDashboardStore(deps: { client: Client }) {
  return createStore<DashboardState>()((set, get) => {
    const gen = latest();
    return {
      days: 14,
      data: { status: 'loading' },
      async load(days) {
        const d = days ?? get().days;
        const mine = gen.next();
        if (d !== get().days || get().data.status !== 'ready') set({ days: d, data: { status: 'loading' } });
        const r = await deps.client.report.dashboard({ days: d });
        if (!gen.isLatest(mine)) return;
        set({ data: r.ok ? { status: 'ready', value: r.data } : { status: 'error', error: r.error } });
      },
    };
  });
}

export interface Stat {
  key: string;
  label: string;
  value: string;
  /** Draws the eye: something waits for a person. */
  attention?: boolean;
}

/** The totals as tiles, in the order a brand manager reads them. */
export function dashboardStats(t: DashboardRes['totals'], days: number): Stat[] {
  return [
    { key: 'scans', label: `${days} 天扫码`, value: String(t.scans) },
    { key: 'redeems', label: `${days} 天领奖（动销）`, value: String(t.redeems) },
    { key: 'diversion', label: `${days} 天窜货预警`, value: String(t.diversionAlerts), attention: t.diversionAlerts > 0 },
    { key: 'budget', label: '奖金预算余额', value: formatFen(t.budget, { grouping: true }) },
    { key: 'paid', label: '累计提现打款', value: formatFen(t.paid, { grouping: true }) },
    { key: 'pending', label: '待审批提现', value: String(t.pendingWithdrawals), attention: t.pendingWithdrawals > 0 },
  ];
}
