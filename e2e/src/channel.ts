/**
 * A small living channel for the role apps' tests, set up through the same public API the admin
 * and dealer apps use (no demo seed, so each test owns its data and stays fast):
 *
 *   brand ─┬─ 广东测试经销商 (territory 广东) ── 天河测试便利店 (广州)
 *          └─ 北京测试经销商 (territory 北京) ── 朝阳测试超市 (北京)
 *
 * one product (2 items a box, 2 boxes a case: 4 items a case), `cases` printed cases still at
 * the brand, and one person per role: each dealer's owner, a clerk of each store.
 * Moving goods is left to each test (`ship`, `receive`), so every test says what it relies on.
 */
import type { TestCloud } from '../../local-cloud/src/testing';

export const ITEMS_PER_CASE = 4;
/** The test product's category: the catalogue's category chip `category-<it>`. */
export const PRODUCT_CATEGORY = '调味品/酱油';

/** The people, by the app they use and their openId (the local cloud derives the unionId). */
export const PEOPLE = {
  admin: { app: 'admin', openId: 'sim-admin' },
  dealerOwnerGd: { app: 'dealer', openId: 'sim-dealer-gd' },
  dealerOwnerBj: { app: 'dealer', openId: 'sim-dealer-bj' },
  clerkGz: { app: 'terminal', openId: 'sim-clerk-gz' },
  clerkBj: { app: 'terminal', openId: 'sim-clerk-bj' },
} as const;
export type Person = keyof typeof PEOPLE;

export interface PrintedCase {
  code: string;
  boxes: Array<{ code: string; items: Array<{ code: string; hiddenCode: string }> }>;
}

export interface Channel {
  brandName: string;
  productId: string;
  productName: string;
  dealerGd: { id: string; name: string };
  dealerBj: { id: string; name: string };
  storeGz: { id: string; name: string };
  storeBj: { id: string; name: string };
  cases: PrintedCase[];
  /** A token for a person (logged in once, then reused). */
  token(person: Person): Promise<string>;
  /** Calls a function as a person; a refusal fails the test, with the function's words. */
  call<T>(person: Person, fn: string, event: Record<string, unknown>): Promise<T>;
}

/** Upper bound on printed cases for a fixture: tests stay small. */
const MAX_CASES = 10;

export async function setUpChannel(cloud: TestCloud, cases = 2): Promise<Channel> {
  if (!(Number.isInteger(cases) && cases >= 1 && cases <= MAX_CASES)) throw new Error(`setUpChannel: cases must be 1..${MAX_CASES}`);
  const tokens = new Map<Person, string>();
  const token = async (person: Person): Promise<string> => {
    let t = tokens.get(person);
    if (t === undefined) {
      const p = PEOPLE[person];
      t = await cloud.login(p.app, p.openId);
      tokens.set(person, t);
    }
    return t;
  };
  const call = async <T>(person: Person, fn: string, event: Record<string, unknown>): Promise<T> => {
    const r = await cloud.call<T>(fn, event, await token(person));
    if (!r.ok) throw new Error(`${fn}.${String(event['action'])} as ${person} answered ${r.error.code}: ${r.error.message}`);
    return r.data;
  };
  const admin = <T>(fn: string, event: Record<string, unknown>) => call<T>('admin', fn, event);

  const brandName = '模拟测试品牌';
  await admin('channel', { action: 'bootstrap', brandName });
  const org = async (kind: string, name: string, upstreamId: string, regionCode: string, territory?: string[]) => ({
    id: (await admin<{ orgId: string }>('channel', { action: 'createOrg', kind, name, upstreamId, regionCode, ...(territory ? { territory } : {}) })).orgId,
    name,
  });
  const dealerGd = await org('dealer', '广东测试经销商', 'brand', '440100', ['440000']);
  const dealerBj = await org('dealer', '北京测试经销商', 'brand', '110100', ['110000']);
  const storeGz = await org('store', '天河测试便利店', dealerGd.id, '440106');
  const storeBj = await org('store', '朝阳测试超市', dealerBj.id, '110105');

  const join = async (person: Person, orgId: string, role: string) => {
    const { inviteCode } = await admin<{ inviteCode: string }>('channel', { action: 'invite', orgId, role });
    await call(person, 'channel', { action: 'join', inviteCode });
  };
  await join('dealerOwnerGd', dealerGd.id, 'owner');
  await join('dealerOwnerBj', dealerBj.id, 'owner');
  await join('clerkGz', storeGz.id, 'clerk');
  await join('clerkBj', storeBj.id, 'clerk');

  const productName = '模拟测试酱油 500ml';
  const { productId } = await admin<{ productId: string }>('channel', {
    action: 'createProduct',
    sku: 'SIM-SOY-500',
    name: productName,
    category: PRODUCT_CATEGORY,
    packaging: { itemsPerBox: 2, boxesPerCase: 2 },
    policy: { consumerReward: 88, storeReward: 50, dealerRebate: 30, diversionPenalty: 500 },
  });
  const { batchId } = await admin<{ batchId: string }>('codes', { action: 'createBatch', productId, cases });
  const exported = await admin<{ cases?: PrintedCase[] }>('codes', { action: 'exportBatch', batchId });
  const printed = exported.cases ?? [];
  if (printed.length !== cases) throw new Error(`exportBatch returned ${printed.length} cases, expected ${cases}`);
  const perCase = printed[0]!.boxes.reduce((n, b) => n + b.items.length, 0);
  if (perCase !== ITEMS_PER_CASE) throw new Error(`a printed case holds ${perCase} items, expected ${ITEMS_PER_CASE}`);

  return { brandName, productId, productName, dealerGd, dealerBj, storeGz, storeBj, cases: printed, token, call };
}
