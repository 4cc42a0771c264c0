import { describe, expect, it } from 'vitest';
import { createClient } from '@channel-router/shared/client';
import { createDashboardStore, dashboardStats } from './dashboard';
import { okReply, scriptedTransport } from '@channel-router/ui/testing';

const TOTALS = { budget: 998261, paid: 0, scans: 30, redeems: 11, diversionAlerts: 4, pendingWithdrawals: 1 };
const DATA = { totals: TOTALS, daily: [{ day: '2025-01-01', scans: 30, redeems: 11 }], diversion: { byDealer: [], byRegion: [] } };

describe('dashboard', () => {
  it('loads the chosen period and keeps the period when reloading', async () => {
    const { transport, of } = scriptedTransport({ 'report.dashboard': [okReply(DATA), okReply(DATA), okReply(DATA)] });
    const store = createDashboardStore({ client: createClient(transport, { sleep: async () => {} }) });
    await store.getState().load();
    await store.getState().load(30);
    await store.getState().load();
    expect(of('report.dashboard').map((e) => e['days'])).toEqual([14, 30, 30]);
    expect(store.getState().data).toEqual({ status: 'ready', value: DATA });
  });

  it('shows totals as tiles, money in yuan, and flags what waits for a person', () => {
    const stats = dashboardStats(TOTALS, 14);
    expect(stats.find((s) => s.key === 'budget')?.value).toBe('¥9,982.61');
    expect(stats.map((s) => s.key)).toEqual(['scans', 'redeems', 'diversion', 'budget', 'paid', 'pending']);
    expect(stats.find((s) => s.key === 'pending')).toMatchObject({ value: '1', attention: true });
    expect(dashboardStats({ ...TOTALS, diversionAlerts: 0 }, 7).find((s) => s.key === 'diversion')).toMatchObject({ label: '7 天窜货预警', attention: false });
  });
});
