/**
 * Demo data for `npm start` on an empty data directory: a brand, dealers in four provinces, a
 * wholesaler, stores, two products, printed batches, goods moved down the channel (one case
 * diverted from Guangdong to Beijing), consumer redeems and a withdrawal waiting for approval,
 * spread over the past week.
 * Everything goes through the cloud functions, as the apps would do it, so the demo data obeys
 * every rule. The people match the person picker of the H5 apps (shared/src/client/dev-login.ts).
 */
import { seedOrdering } from './ordering-demo.js';

type App = 'admin' | 'dealer' | 'terminal' | 'consumer';
interface Reply {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string };
}
export interface SeedCloud {
  login(app: App, openId: string, unionId?: string): Promise<string>;
  call(fn: string, event: Record<string, unknown>, token?: string): Promise<Reply>;
  log(line: string): void;
  /** Moves the functions' clock (the local cloud has it): the story then spans the past week. */
  setClockOffset?(offset_ms: number): void;
}

const DAY_MS = 24 * 3600_000;

interface Tree {
  cases: Array<{ code: string; boxes: Array<{ code: string; items: Array<{ code: string; hiddenCode: string }> }> }>;
}

const GUANGZHOU = { lat: 23.13, lng: 113.26 };
const BEIJING = { lat: 39.91, lng: 116.4 };

export async function seedDemo(cloud: SeedCloud): Promise<void> {
  const tokens = new Map<string, string>();
  const token = async (app: App, openId: string): Promise<string> => {
    const key = `${app}:${openId}`;
    if (!tokens.has(key)) tokens.set(key, await cloud.login(app, openId));
    return tokens.get(key)!;
  };
  const call = async <T>(app: App, who: string, fn: string, event: Record<string, unknown>): Promise<T> => {
    const r = await cloud.call(fn, event, await token(app, who));
    if (!r.ok) throw new Error(`seed: ${fn}.${String(event.action)} as ${who}: ${r.error?.code} ${r.error?.message}`);
    return r.data as T;
  };
  const admin = <T>(fn: string, event: Record<string, unknown>) => call<T>('admin', 'demo-admin', fn, event);
  // The story happens over the past week (a few hours into each day), so the dashboard's daily
  // chart and every list show a channel that has been alive for a while.
  const day = (daysAgo: number) => cloud.setClockOffset?.(-daysAgo * DAY_MS);

  // The brand and its channel exist two weeks back: the ordering demo (ordering-demo.ts) has an
  // order received more than its 7-day return window ago, so completed.
  day(14);
  await admin('channel', { action: 'bootstrap', brandName: '好味道食品' });
  const org = async (kind: string, name: string, upstreamId: string, regionCode: string, territory?: string[]) =>
    (await admin<{ orgId: string }>('channel', { action: 'createOrg', kind, name, upstreamId, regionCode, ...(territory ? { territory } : {}) })).orgId;
  const gd = await org('dealer', '广东好味经销有限公司', 'brand', '440100', ['440000']);
  const bj = await org('dealer', '北京京味商贸', 'brand', '110100', ['110000']);
  const sh = await org('dealer', '上海沪味贸易', 'brand', '310100', ['310000']);
  const sc = await org('dealer', '四川蜀味经销', 'brand', '510100', ['510000']);
  const fs = await org('wholesaler', '佛山禅味二批', gd, '440600', ['440600']);
  const tianhe = await org('store', '天河好邻居便利店', gd, '440106');
  const chancheng = await org('store', '禅城百货超市', fs, '440604');
  const chaoyang = await org('store', '朝阳鲜果超市', bj, '110105');
  const pudong = await org('store', '浦东小卖部', sh, '310115');
  cloud.log('orgs created');

  const join = async (app: App, who: string, orgId: string, role: string) => {
    const { inviteCode } = await admin<{ inviteCode: string }>('channel', { action: 'invite', orgId, role });
    await call(app, who, 'channel', { action: 'join', inviteCode });
  };
  await join('admin', 'demo-inspector', 'brand', 'inspector');
  await join('dealer', 'demo-dealer-gd', gd, 'owner');
  await join('dealer', 'demo-dealer-bj', bj, 'owner');
  await join('dealer', 'demo-wholesaler-fs', fs, 'owner');
  await join('dealer', 'demo-dealer-sh', sh, 'owner');
  await join('terminal', 'demo-owner-gz', tianhe, 'owner');
  await join('terminal', 'demo-clerk-gz', tianhe, 'clerk');
  await join('terminal', 'demo-clerk-bj', chaoyang, 'clerk');
  void pudong;

  const soy = (
    await admin<{ productId: string }>('channel', {
      action: 'createProduct',
      sku: 'HWD-SOY-500',
      name: '好味道特级生抽 500ml',
      gtin: '6901234567892',
      category: '酱油',
      packaging: { itemsPerBox: 6, boxesPerCase: 4 },
      policy: { consumerReward: 88, storeReward: 50, dealerRebate: 30, diversionPenalty: 500 },
    })
  ).productId;
  const oyster = (
    await admin<{ productId: string }>('channel', {
      action: 'createProduct',
      sku: 'HWD-OYS-700',
      name: '好味道鲜蚝油 700g',
      category: '蚝油',
      packaging: { itemsPerBox: 12, boxesPerCase: 2 },
      policy: { consumerReward: { min: 30, max: 300 }, storeReward: 40, dealerRebate: 20, diversionPenalty: 400 },
    })
  ).productId;
  await admin('wallet', { action: 'fund', amount: 1_000_000, requestId: 'demo-initial-budget' });

  const batch = async (productId: string, cases: number): Promise<Tree> => {
    const { batchId } = await admin<{ batchId: string }>('codes', { action: 'createBatch', productId, cases });
    // Produced goods enter the brand's stock (生产入库) before anything ships: the stock check
    // then agrees with custody everywhere (docs/stock.md).
    await admin('scan', { action: 'stockIn', batchId, requestId: `demo-stockin-${productId}` });
    return admin<Tree>('codes', { action: 'exportBatch', batchId });
  };
  const soyCodes = await batch(soy, 10);
  const oysterCodes = await batch(oyster, 4);
  const soyCase = (i: number) => soyCodes.cases[i]!;
  cloud.log('products and batches created');

  // Brand → dealers (allocation), dealers scan in.
  day(5);
  await admin('scan', { action: 'ship', codes: [0, 1, 2, 3].map((i) => soyCase(i).code), toOrgId: gd });
  await admin('scan', { action: 'ship', codes: [soyCase(4).code, soyCase(5).code], toOrgId: bj });
  await admin('scan', { action: 'ship', codes: [soyCase(6).code], toOrgId: sh });
  await admin('scan', { action: 'ship', codes: [oysterCodes.cases[0]!.code, oysterCodes.cases[1]!.code], toOrgId: gd });
  await admin('scan', { action: 'ship', codes: [oysterCodes.cases[2]!.code], toOrgId: sc });
  await call('dealer', 'demo-dealer-gd', 'scan', { action: 'receive', codes: [0, 1, 2, 3].map((i) => soyCase(i).code).concat(oysterCodes.cases[0]!.code, oysterCodes.cases[1]!.code) });
  await call('dealer', 'demo-dealer-bj', 'scan', { action: 'receive', codes: [soyCase(4).code, soyCase(5).code] });
  await call('dealer', 'demo-dealer-sh', 'scan', { action: 'receive', codes: [soyCase(6).code] });

  // Guangdong → its store and its wholesaler → a Foshan store.
  day(4);
  await call('dealer', 'demo-dealer-gd', 'scan', { action: 'ship', codes: [soyCase(0).code, oysterCodes.cases[0]!.code], toOrgId: tianhe });
  await call('terminal', 'demo-clerk-gz', 'scan', { action: 'receive', codes: [soyCase(0).code, oysterCodes.cases[0]!.code] });
  await call('dealer', 'demo-dealer-gd', 'scan', { action: 'ship', codes: [soyCase(1).code], toOrgId: fs });
  await call('dealer', 'demo-wholesaler-fs', 'scan', { action: 'receive', codes: [soyCase(1).code] });
  await call('dealer', 'demo-wholesaler-fs', 'scan', { action: 'ship', codes: [soyCase(1).boxes[0]!.code, soyCase(1).boxes[1]!.code], toOrgId: chancheng });
  // Beijing → its store.
  await call('dealer', 'demo-dealer-bj', 'scan', { action: 'ship', codes: [soyCase(4).code], toOrgId: chaoyang });
  await call('terminal', 'demo-clerk-bj', 'scan', { action: 'receive', codes: [soyCase(4).code] });
  // Diversion: a Guangdong case turns up in a Beijing store (窜货).
  day(3);
  await call('terminal', 'demo-clerk-bj', 'scan', { action: 'receive', codes: [soyCase(2).code] });
  cloud.log('goods moved down the channel');

  // Consumers redeem (sell-through), one of them an item of the diverted case.
  const redeem = (who: string, hiddenCode: string, location?: { lat: number; lng: number }) =>
    call('consumer', who, 'scan', { action: 'redeem', code: hiddenCode, ...(location ? { location } : {}) });
  const tianheItems = soyCase(0).boxes[0]!.items;
  for (const item of tianheItems.slice(0, 2)) await redeem('demo-consumer-1', item.hiddenCode, GUANGZHOU);
  day(2);
  for (const item of tianheItems.slice(2, 4)) await redeem('demo-consumer-1', item.hiddenCode, GUANGZHOU);
  await redeem('demo-consumer-1', oysterCodes.cases[0]!.boxes[0]!.items[0]!.hiddenCode, GUANGZHOU);
  day(1);
  for (const item of soyCase(4).boxes[0]!.items.slice(0, 3)) await redeem('demo-consumer-2', item.hiddenCode, BEIJING);
  await redeem('demo-consumer-2', soyCase(2).boxes[0]!.items[0]!.hiddenCode, BEIJING);
  // An item the Shanghai dealer still holds, redeemed in Guangzhou: prize interception upstream + consumer-scan diversion.
  await redeem('demo-consumer-1', soyCase(6).boxes[0]!.items[0]!.hiddenCode, GUANGZHOU);
  // A store clerk claiming a consumer prize (奖品截流).
  await call('consumer', 'demo-clerk-gz', 'scan', { action: 'redeem', code: tianheItems[5]!.hiddenCode });
  day(0);
  // A copied code: a second person tries an already redeemed code.
  await cloud.call('scan', { action: 'redeem', code: tianheItems[0]!.hiddenCode }, await token('consumer', 'demo-consumer-2'));
  // An inspector checks the diverted case at the Beijing store.
  await call('admin', 'demo-inspector', 'scan', { action: 'inspect', code: soyCase(2).boxes[1]!.code });
  cloud.log('redeems and inspections done');

  // A withdrawal waiting for the admin.
  await call('consumer', 'demo-consumer-1', 'wallet', { action: 'withdraw', amount: 200, requestId: 'demo-withdrawal-1' });
  const hasAction = async (fn: string, action: string) => {
    const r = await cloud.call(fn, { action }, await token('admin', 'demo-admin'));
    return r.ok || r.error?.code !== 'NOT_FOUND' || !/no (action|cloud function)/.test(r.error.message);
  };
  await seedOrdering({ call, day, log: (line) => cloud.log(line), hasAction, ids: { gd, tianhe, soy, oyster } });
  day(0);
  cloud.log(`ready: ${soyCodes.cases.length - 7} soy cases still at the brand for you to ship (admin app → 批次)`);
}
