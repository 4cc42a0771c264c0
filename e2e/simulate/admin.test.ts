/**
 * Goal: the admin app's real weapp build shows brand staff what the backend knows. Two cases are
 * diverted through the real local cloud (a Guangdong dealer's case stocked in by a Beijing store,
 * a Beijing dealer's case by a Guangzhou store). The alerts list, rendered from the built WXML by
 * WeChat's own template compiler (`wcc`), lists exactly the alerts `report.alerts` answers; a tap
 * on a dealer filter and on a kind tab asks the backend again and the list follows its answer.
 * The dashboard shows the backend's totals and diversion by dealer, and a tap on 「近 7 天」
 * reloads it for seven days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../../local-cloud/src/testing';
import type { AlertsRes, DashboardRes } from '@channel-router/shared/api';
import { BUILD_TIMEOUT_MS, ensureBuilt, outputDir } from '../src/builds';
import { ITEMS_PER_CASE, setUpChannel, type Channel } from '../src/channel';
import { createWeappEnv, type WeappEnv } from './harness';

let cloud: TestCloud;
let ch: Channel;
let env: WeappEnv;

beforeAll(async () => {
  await ensureBuilt(['admin'], 'weapp');
  cloud = await startTestCloud();
  ch = await setUpChannel(cloud, 2);
  const [gdCase, bjCase] = ch.cases;
  // Each dealer receives its allocation; then each case turns up in the other province's store.
  await ch.call('admin', 'scan', { action: 'ship', codes: [gdCase!.code], toOrgId: ch.dealerGd.id });
  await ch.call('admin', 'scan', { action: 'ship', codes: [bjCase!.code], toOrgId: ch.dealerBj.id });
  await ch.call('dealerOwnerGd', 'scan', { action: 'receive', codes: [gdCase!.code] });
  await ch.call('dealerOwnerBj', 'scan', { action: 'receive', codes: [bjCase!.code] });
  await ch.call('clerkBj', 'scan', { action: 'receive', codes: [gdCase!.code] });
  await ch.call('clerkGz', 'scan', { action: 'receive', codes: [bjCase!.code] });
  env = createWeappEnv({ distDir: outputDir('admin', 'weapp'), gatewayUrl: cloud.url, token: await ch.token('admin') });
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  await env?.close();
  await cloud?.close();
});

const alertCalls = () => env.calls.filter((c) => c.name === 'report' && c.data['action'] === 'alerts');

describe('admin weapp build in miniprogram-simulate', () => {
  it('lists the backend’s alerts and filters them by dealer and by kind through the cloud', async () => {
    const all = await ch.call<AlertsRes>('admin', 'report', { action: 'alerts' });
    expect(all.alerts.map((a) => a.kind)).toEqual(['diversion', 'diversion']);

    const page = await env.renderPage('pages-channel/alerts/index');
    // The rows come with the directory's names (orgs and products are loaded beside the alerts).
    await page.waitForText((t) => page.byTestId('alerts-list').length > 0 && t.includes(ch.productName));
    expect(page.byTestId('alert-row')).toHaveLength(all.alerts.length);
    expect(page.textOf('alerts-end')).toBe(`已显示全部 ${all.alerts.length} 条`);
    // Names, not ids: the directory the page loaded names both dealers and both stores.
    expect(page.text()).toContain(`${ch.productName} × ${ITEMS_PER_CASE}`);
    for (const name of [ch.dealerGd.name, ch.dealerBj.name, ch.storeGz.name, ch.storeBj.name]) expect(page.text()).toContain(name);
    expect(page.byClass('alerts__evidence').map((e) => page.datasetOf(e)['kind'])).toEqual(['diversion', 'diversion']);

    // Filter to the Guangdong dealer's goods: the page asks the backend, and shows its one alert.
    const before = alertCalls().length;
    await page.tapTestId(`dealer-filter-${ch.dealerGd.id}`);
    await page.waitForText(() => alertCalls().length > before && page.byTestId('alert-row').length === 1);
    const gdOnly = await ch.call<AlertsRes>('admin', 'report', { action: 'alerts', dealerId: ch.dealerGd.id });
    expect(gdOnly.alerts).toHaveLength(1);
    expect(alertCalls().at(-1)!.data).toMatchObject({ dealerId: ch.dealerGd.id });
    expect(alertCalls().at(-1)!.result).toMatchObject({ ok: true, data: { alerts: [{ id: gdOnly.alerts[0]!.id }] } });
    const row = page.textOf('alert-row');
    expect(row).toContain(ch.dealerGd.name);
    expect(row).toContain(ch.storeBj.name); // where the Guangdong case turned up
    expect(row).not.toContain(ch.storeGz.name);

    // A kind with nothing in it: the backend answers no alerts, the page says so.
    await page.tapTestId('tab-duplicate_redeem');
    await page.waitForText(() => page.byTestId('alerts-empty').length === 1);
    expect(alertCalls().at(-1)!.data).toMatchObject({ kind: 'duplicate_redeem', dealerId: ch.dealerGd.id });
    expect(alertCalls().at(-1)!.result).toMatchObject({ ok: true, data: { alerts: [] } });
    expect(page.byTestId('alert-row')).toHaveLength(0);
  });

  it('shows the dashboard’s totals and diversion by dealer, and reloads them for 7 days', async () => {
    const page = await env.renderPage('pages/dashboard/index');
    await page.waitForText(() => page.byTestId('dashboard-stats').length === 1);
    const fourteen = await ch.call<DashboardRes>('admin', 'report', { action: 'dashboard', days: 14 });
    expect(fourteen.totals.diversionAlerts).toBe(2);
    expect(page.textOf('stat-diversion')).toBe(`${fourteen.totals.diversionAlerts}14 天窜货预警`);
    expect(page.textOf('stat-scans')).toBe(`${fourteen.totals.scans}14 天扫码`);
    // One bar per diverted dealer, each with its case's items.
    const dealerRows = page.byTestId('diversion-by-dealer-row');
    expect(dealerRows).toHaveLength(fourteen.diversion.byDealer.length);
    expect(fourteen.diversion.byDealer).toHaveLength(2);
    for (const r of fourteen.diversion.byDealer) expect(page.textOf('diversion-by-dealer')).toContain(r.name);

    const dashboardCalls = () => env.calls.filter((c) => c.name === 'report' && c.data['action'] === 'dashboard');
    const before = dashboardCalls().length;
    await page.tapTestId('days-7');
    await page.waitForText((t) => dashboardCalls().length > before && t.includes('7 天窜货预警'));
    expect(dashboardCalls().at(-1)!.data).toMatchObject({ days: 7 });
    const seven = await ch.call<DashboardRes>('admin', 'report', { action: 'dashboard', days: 7 });
    expect(page.textOf('stat-diversion')).toBe(`${seven.totals.diversionAlerts}7 天窜货预警`);
    expect(page.byTestId('days-7')[0]!.getAttribute('class')).toContain('ad-chip--on');
  });
});
