/**
 * Shared set-up of the backend's integration tests: one throw-away local cloud with a small but
 * complete channel, driven through the gateway exactly as the four apps drive it.
 *
 *   brand ─┬─ dealer gd (广州, territory 广东 440000) ─┬─ store storeGz (天河 440106)
 *          │                                         └─ wholesaler ws (深圳, territory 440300) ── store storeWs (南山 440305)
 *          └─ dealer bj (北京, territory 北京 110000) ─── store storeBj (朝阳 110105)
 *
 * People (each signed in to the app of their role; unionId `u-<name>`): admin and inspector
 * (brand), ownerGd / clerkGd, ownerBj, ownerWs, ownerGz / clerkGz, clerkBj, clerkWs, and
 * consumers consumer1..consumer3 with no membership.
 *
 * Also: the ledger checks every money test ends with, and makers of forged and foreign codes.
 */
import { expect } from 'vitest';
import { encodeCode, type CodeLevel, type ExportedCase, type RewardPolicy } from '@channel-router/shared';
import { keyringFromDocument, readCodeKeys } from '../src/codes/code-keys.js';
import { accountOfDoc } from '../src/wallet/account-shards.js';
import { startTestCloud, type TestCloud } from '../../local-cloud/src/testing.js';
import type { LocalCloudOptions } from '../../local-cloud/src/local-cloud.js';

export type Reply = { ok: boolean; data?: any; error?: { code: string; message: string; field?: string } };
type App = 'admin' | 'dealer' | 'terminal' | 'consumer';

export const ORGS = ['gd', 'bj', 'ws', 'storeGz', 'storeBj', 'storeWs'] as const;
export type OrgName = 'brand' | (typeof ORGS)[number];

/** Who is who: app, and the membership they hold (none for consumers). */
export const PEOPLE = {
  admin: { app: 'admin', org: 'brand', role: 'admin' },
  inspector: { app: 'admin', org: 'brand', role: 'inspector' },
  ownerGd: { app: 'dealer', org: 'gd', role: 'owner' },
  clerkGd: { app: 'dealer', org: 'gd', role: 'clerk' },
  ownerBj: { app: 'dealer', org: 'bj', role: 'owner' },
  ownerWs: { app: 'dealer', org: 'ws', role: 'owner' },
  ownerGz: { app: 'terminal', org: 'storeGz', role: 'owner' },
  clerkGz: { app: 'terminal', org: 'storeGz', role: 'clerk' },
  clerkBj: { app: 'terminal', org: 'storeBj', role: 'clerk' },
  clerkWs: { app: 'terminal', org: 'storeWs', role: 'clerk' },
  consumer1: { app: 'consumer', org: null, role: null },
  consumer2: { app: 'consumer', org: null, role: null },
  consumer3: { app: 'consumer', org: null, role: null },
} as const satisfies Record<string, { app: App; org: OrgName | null; role: string | null }>;
export type Who = keyof typeof PEOPLE;

/** The member who scans for each org in `flow()`. */
const ACTOR_OF: Record<OrgName, Who> = {
  brand: 'admin',
  gd: 'ownerGd',
  bj: 'ownerBj',
  ws: 'ownerWs',
  storeGz: 'clerkGz',
  storeBj: 'clerkBj',
  storeWs: 'clerkWs',
};

/**
 * Time limit of every test and hook in these files. They take seconds on an idle 2-core machine;
 * a CI runner shared with other jobs can be ten times slower, and a timeout there says nothing
 * about the behaviour under test. Set per file with `vi.setConfig`.
 */
export const SLOW_MACHINE_TIMEOUT_MS = 300_000;

export const STD_POLICY: RewardPolicy = { consumerReward: 88, storeReward: 50, dealerRebate: 30, diversionPenalty: 500 };
export const STD_PACKAGING = { itemsPerBox: 6, boxesPerCase: 4 } as const;
/** Beijing and Guangzhou city centres (offline geocoder: 110xxx and 4401xx). */
export const BEIJING = { lat: 39.9, lng: 116.4 };
export const GUANGZHOU = { lat: 23.13, lng: 113.26 };

export interface ChannelOptions extends Omit<LocalCloudOptions, 'port' | 'dataDir'> {
  /** Fen put into the reward budget at set-up (0: none). Default 1,000,000. */
  budget?: number;
  /** Leave the database empty (for tests of bootstrap itself); `populate()` sets it up later. */
  empty?: boolean;
}

export interface Channel {
  cloud: TestCloud;
  tokens: Record<string, string>;
  /** Org ids by name; `brand` is 'brand'. */
  ids: Record<OrgName, string>;
  /** The standard product (6 items × 4 boxes, STD_POLICY). */
  productId: string;
  /** Calls `fn` as `who` (a name from PEOPLE or one added by `person()`); null = no token. */
  as(who: string | null, fn: string, event: Record<string, unknown>, opts?: { ip?: string }): Promise<Reply>;
  /** Like `as`, but throws unless the reply is ok; answers `data`. */
  ok(who: string | null, fn: string, event: Record<string, unknown>): Promise<any>;
  /**
   * Signs in one more person (a consumer unless `app` says otherwise; unionId `u-<name>` unless
   * given, so an existing person can sign in to another app under a new name); answers the name.
   */
  person(name: string, app?: App, unionId?: string): Promise<string>;
  /** Prints a batch of `cases` cases of a product (default: the standard one) and answers its code tree. */
  batch(cases: number, productId?: string): Promise<ExportedCase[]>;
  /** Creates a product; answers its id. */
  product(packaging: { itemsPerBox: number; boxesPerCase: number }, policy: RewardPolicy): Promise<string>;
  /**
   * Moves units down a path of orgs: for each hop, the holder ships and the next org receives
   * (brand → gd → storeGz ...). Answers the replies of the receives.
   */
  flow(codes: string[], path: OrgName[]): Promise<any[]>;
  /**
   * Sets up the brand (unless `bootstrapped`: 'admin' must then be a brand admin already), the
   * orgs, the memberships, the standard product and the budget. `startChannel` calls it unless
   * `empty` was given.
   */
  populate(opts?: { bootstrapped?: boolean }): Promise<void>;
  close(): Promise<void>;
}

let skuCounter = 0;

export async function startChannel(options: ChannelOptions = {}): Promise<Channel> {
  const { budget = 1_000_000, empty = false, ...cloudOptions } = options;
  // Generous start and call limits: on a busy CI machine a worker may take seconds to load, and
  // these tests are about behaviour, not about the runner's timeouts.
  const cloud = await startTestCloud({ ...cloudOptions, runnerLimits: { workerStartTimeout_ms: 60_000, invocationTimeout_ms: 30_000, ...cloudOptions.runnerLimits } });
  const tokens: Record<string, string> = {};
  const ids = { brand: 'brand' } as Record<OrgName, string>;

  const as: Channel['as'] = async (who, fn, event, opts) => {
    const token = who === null ? undefined : tokens[who];
    if (who !== null && token === undefined) throw new Error(`no such person: ${who}`);
    return (await cloud.call(fn, event, token, opts)) as Reply;
  };
  const ok: Channel['ok'] = async (who, fn, event) => {
    const r = await as(who, fn, event);
    if (!r.ok) throw new Error(`${fn}.${String(event.action)} as ${who}: ${JSON.stringify(r.error)}`);
    return r.data;
  };
  const person: Channel['person'] = async (name, app = 'consumer', unionId = `u-${name}`) => {
    tokens[name] ??= await cloud.login(app, `o-${name}`, unionId);
    return name;
  };
  const product: Channel['product'] = async (packaging, policy) =>
    (await ok('admin', 'channel', { action: 'createProduct', sku: `T-${process.pid}-${++skuCounter}`, name: '测试产品', packaging, policy })).productId as string;
  let productId = '';
  const batch: Channel['batch'] = async (cases, pid = productId) => {
    const b = await ok('admin', 'codes', { action: 'createBatch', productId: pid, cases });
    return (await ok('admin', 'codes', { action: 'exportBatch', batchId: b.batchId })).cases as ExportedCase[];
  };
  const flow: Channel['flow'] = async (codes, path) => {
    const receipts: any[] = [];
    for (let i = 1; i < path.length; i++) {
      const from = path[i - 1]!;
      const to = path[i]!;
      await ok(ACTOR_OF[from], 'scan', { action: 'ship', codes, toOrgId: ids[to] });
      receipts.push(await ok(ACTOR_OF[to], 'scan', { action: 'receive', codes, orgId: ids[to] }));
    }
    return receipts;
  };

  const populate: Channel['populate'] = async ({ bootstrapped = false } = {}) => {
    if (!bootstrapped) await ok('admin', 'channel', { action: 'bootstrap', brandName: '好味道食品' });
    const org = async (kind: string, name: string, upstream: OrgName, regionCode: string, territory?: string[]) =>
      (await ok('admin', 'channel', { action: 'createOrg', kind, name, upstreamId: ids[upstream], regionCode, ...(territory ? { territory } : {}) })).orgId as string;
    // In waves: an org's upstream must exist first; the rest in parallel, as several admins would.
    [ids.gd, ids.bj] = await Promise.all([org('dealer', '广东经销商', 'brand', '440100', ['440000']), org('dealer', '北京经销商', 'brand', '110100', ['110000'])]);
    [ids.ws, ids.storeGz, ids.storeBj] = await Promise.all([
      org('wholesaler', '深圳二批', 'gd', '440300', ['440300']),
      org('store', '天河便利店', 'gd', '440106'),
      org('store', '朝阳超市', 'bj', '110105'),
    ]);
    ids.storeWs = await org('store', '南山小卖部', 'ws', '440305');
    await Promise.all(
      Object.entries(PEOPLE).map(async ([name, p]) => {
        if (p.org === null || p.role === 'admin') return;
        const { inviteCode } = await ok('admin', 'channel', { action: 'invite', orgId: ids[p.org], role: p.role });
        await ok(name, 'channel', { action: 'join', inviteCode });
      }),
    );
    productId = await product(STD_PACKAGING, STD_POLICY);
    if (budget > 0) await ok('admin', 'wallet', { action: 'fund', amount: budget, requestId: 'fixture-fund' });
  };

  try {
    await Promise.all(Object.entries(PEOPLE).map(([name, p]) => person(name, p.app)));
    if (!empty) await populate();
  } catch (e) {
    console.error(cloud.logs().slice(-20).join('\n'));
    await cloud.close();
    throw e;
  }

  return {
    cloud,
    tokens,
    ids,
    get productId() {
      return productId;
    },
    as,
    ok,
    person,
    batch,
    product,
    flow,
    populate,
    close: () => cloud.close(),
  };
}

// ---------------------------------------------------------------------------------------------
// Codes a client could send

/** The same code with its last character changed: the right shape, but not authentic. */
export function forged(code: string): string {
  const last = code.at(-1)!;
  return code.slice(0, -1) + (last === 'Z' ? 'Y' : 'Z');
}

/**
 * An authentic code (made with this cloud's own key) of a batch that was never created here:
 * it passes the key check and fails at the batch lookup.
 */
export function foreignCode(cloud: TestCloud, level: CodeLevel = 'item', kind: 'visible' | 'hidden' = 'visible'): string {
  const doc = readCodeKeys({ dataDir: cloud.dataDir, env: {} });
  if (doc === null) throw new Error('the test cloud has no code keys');
  return encodeCode({ batchNo: 0xfff0, level, kind, index: 0 }, keyringFromDocument(doc));
}

// ---------------------------------------------------------------------------------------------
// The ledger, read straight from the database

export interface LedgerReport {
  /** Sum over every `accounts` document, external ones included: 0 in a balanced ledger. */
  sum: number;
  /** Sum over internal accounts (budget, wallets, holds). */
  internal: number;
  funded: number;
  paidOut: number;
  /** Internal accounts below zero. */
  negative: Array<{ id: string; balance: number }>;
  /** Accounts whose balance differs from the sum of their postings. */
  mismatched: Array<{ id: string; balance: number; postings: number }>;
  /** Withdrawals whose hold account does not hold exactly what their status says. */
  badHolds: Array<{ id: string; status: string; amount: number; hold: number }>;
  balances: Map<string, number>;
}

export function ledgerReport(cloud: TestCloud): LedgerReport {
  const accounts = cloud.db.all('accounts') as Array<{ _id: string; balance_fen: number }>;
  const ledger = cloud.db.all('ledger') as Array<{ _id: string; debit: string; credit: string; amount_fen: number }>;
  // Hot accounts are kept in shard documents (account-shards.ts): no shard may go below zero,
  // and the account's balance is their sum.
  const negative: LedgerReport['negative'] = [];
  const balances = new Map<string, number>();
  for (const a of accounts) {
    const id = accountOfDoc(a._id);
    balances.set(id, (balances.get(id) ?? 0) + a.balance_fen);
    if (!id.startsWith('external:') && a.balance_fen < 0) negative.push({ id: a._id, balance: a.balance_fen });
  }
  const fromPostings = new Map<string, number>();
  for (const p of ledger) {
    fromPostings.set(p.debit, (fromPostings.get(p.debit) ?? 0) - p.amount_fen);
    fromPostings.set(p.credit, (fromPostings.get(p.credit) ?? 0) + p.amount_fen);
  }
  const mismatched: LedgerReport['mismatched'] = [];
  for (const id of new Set([...balances.keys(), ...fromPostings.keys()])) {
    const balance = balances.get(id);
    const postings = fromPostings.get(id) ?? 0;
    if (balance !== postings) mismatched.push({ id, balance: balance ?? NaN, postings });
  }
  let sum = 0;
  let internal = 0;
  for (const [id, balance] of balances) {
    sum += balance;
    if (id.startsWith('external:')) continue;
    internal += balance;
  }
  const withdrawals = cloud.db.all('withdrawals') as Array<{ _id: string; status: string; amount_fen: number }>;
  const badHolds: LedgerReport['badHolds'] = [];
  for (const w of withdrawals) {
    const hold = balances.get(`hold:withdrawal:${w._id}`) ?? 0;
    const expected = ['requested', 'approved', 'failed'].includes(w.status) ? w.amount_fen : 0;
    if (hold !== expected) badHolds.push({ id: w._id, status: w.status, amount: w.amount_fen, hold });
  }
  return {
    sum,
    internal,
    funded: -(balances.get('external:funding') ?? 0),
    paidOut: balances.get('external:payout') ?? 0,
    negative,
    mismatched,
    badHolds,
    balances,
  };
}

/** The ledger's invariants (docs/wallets.md#ledger): balanced, nothing internal below zero, balances = postings. */
export function expectLedgerBalanced(cloud: TestCloud): LedgerReport {
  const r = ledgerReport(cloud);
  expect(r.sum, 'sum over all accounts').toBe(0);
  expect(r.internal, 'internal balances = funded - paid out').toBe(r.funded - r.paidOut);
  expect(r.negative, 'internal accounts below zero').toEqual([]);
  expect(r.mismatched, 'accounts whose balance is not the sum of their postings').toEqual([]);
  expect(r.badHolds, 'withdrawal holds').toEqual([]);
  return r;
}

export function balanceOf(cloud: TestCloud, account: string): number {
  return ledgerReport(cloud).balances.get(account) ?? 0;
}

/**
 * Rate limits count in fixed one-minute windows: a test that needs N attempts to land in one
 * window runs `attempt(n)` (n = 0, 1, 2: use a fresh person each time) until one run started and
 * ended within the same window, and answers that run's result.
 */
export async function inOneRateWindow<T>(attempt: (n: number) => Promise<T>): Promise<T> {
  const WINDOW_MS = 60_000;
  const TRIES = 3;
  for (let n = 0; ; n++) {
    const window = Math.floor(Date.now() / WINDOW_MS);
    const result = await attempt(n);
    if (Math.floor(Date.now() / WINDOW_MS) === window || n + 1 >= TRIES) return result;
  }
}
