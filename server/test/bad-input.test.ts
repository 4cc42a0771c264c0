/**
 * Goal: bad input to every action of every function (docs/actions.md#bad-input) answers INVALID_ARGUMENT naming the
 * field (or INVALID_CODE for a forged or malformed code), and changes nothing: the whole database
 * is snapshotted before and after each call and must be identical, and a refused call must not
 * have reached the database at all (no /tcb request), so bad input costs the system nothing.
 *
 * The table is keyed by `function.action` and checked against the contract's FUNCTION_ACTIONS:
 * an action added to the contract without rows here fails the coverage test.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FUNCTION_ACTIONS, MAX_CODES_PER_CALL, type ExportedCase } from '@channel-router/shared';
import { foreignCode, forged, SLOW_MACHINE_TIMEOUT_MS, startChannel, type Channel } from './fixtures.js';
import { orderBadInputRows, shipOrderingRows } from './ordering-bad-input-rows.js';
import { tradeBadInputRows } from './trade-bad-input-rows.js';
import { promotionBadInputRows } from './promotion-bad-input-rows.js';


vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });
let ch: Channel;
let tree: ExportedCase[];

beforeAll(async () => {
  ch = await startChannel();
  tree = await ch.batch(2);
  await ch.flow([tree[0]!.code], ['brand', 'gd', 'storeGz']);
});
afterAll(async () => {
  await ch?.close();
});

type Code = 'INVALID_ARGUMENT' | 'INVALID_CODE' | 'NOT_FOUND' | 'PRICE_BELOW_FLOOR';
/** A refused call: the error code and the field it must name. */
interface BadRow {
  name: string;
  event: Record<string, unknown>;
  code?: Code;
  field: string | null;
  /** The refusal needs a database read (e.g. what kind of org the upstream is); still no write. */
  reads?: boolean;
}
/** A call with junk that must be ignored: it succeeds, and `check` looks at the reply. */
interface IgnoredRow {
  name: string;
  event: Record<string, unknown>;
  accepted: true;
  check: (data: any) => void;
}

/** Malformed idempotency keys on an action that takes one. */
function badRequestId(base: Record<string, unknown>): BadRow[] {
  return [
    { name: 'requestId too short', event: { ...base, requestId: 'short' }, field: 'requestId' },
    { name: 'requestId overlong', event: { ...base, requestId: 'r'.repeat(65) }, field: 'requestId' },
    { name: 'requestId with a colon', event: { ...base, requestId: 'retry:0001' }, field: 'requestId' },
    { name: 'requestId a number', event: { ...base, requestId: 12345678 }, field: 'requestId' },
  ];
}

type Row = BadRow | IgnoredRow;
interface ActionRows {
  /** Who calls: someone allowed to, so the refusal is about the input alone (null: no token). */
  who: string | null;
  rows: Row[];
}

const long = (n: number, c = 'a') => c.repeat(n);
const loc = { lat: 23.13, lng: 113.26 };

/** Bad values of a `location` field (shared by every action that takes one). */
function badLocations(base: Record<string, unknown>): BadRow[] {
  return [
    { name: 'location not an object', event: { ...base, location: 'here' }, field: 'location' },
    { name: 'latitude out of range', event: { ...base, location: { lat: 91, lng: 0 } }, field: 'location.lat' },
    { name: 'longitude out of range', event: { ...base, location: { lat: 0, lng: -180.5 } }, field: 'location.lng' },
    { name: 'latitude as a string', event: { ...base, location: { lat: '39.9', lng: 116.4 } }, field: 'location.lat' },
    { name: 'longitude missing', event: { ...base, location: { lat: 39.9 } }, field: 'location.lng' },
  ];
}

/** Bad values of one code field (bare code or URL); `key` is the field name. */
function badCode(base: Record<string, unknown>, key: string, genuine: string): BadRow[] {
  return [
    { name: `${key} missing`, event: { ...base, [key]: undefined }, field: key },
    { name: `${key} a number`, event: { ...base, [key]: 12345 }, field: key },
    { name: `${key} empty`, event: { ...base, [key]: '   ' }, field: key },
    { name: `${key} with a space inside`, event: { ...base, [key]: `${genuine.slice(0, 10)} ${genuine.slice(10)}` }, field: key },
    { name: `${key} overlong (201 characters)`, event: { ...base, [key]: long(201, 'A') }, field: key },
    { name: `${key} forged`, event: { ...base, [key]: forged(genuine) }, code: 'INVALID_CODE', field: key },
    { name: `${key} malformed`, event: { ...base, [key]: 'NOT-A-CODE!' }, code: 'INVALID_CODE', field: key },
    { name: `${key} too short`, event: { ...base, [key]: genuine.slice(0, 20) }, code: 'INVALID_CODE', field: key },
    { name: `${key} as a URL with a forged code`, event: { ...base, [key]: `https://brand.example.com/c/${forged(genuine)}` }, code: 'INVALID_CODE', field: key },
    { name: `${key} as a URL of another form`, event: { ...base, [key]: `https://brand.example.com/p/${genuine}` }, code: 'INVALID_CODE', field: key },
  ];
}

/** Bad values of a `codes` list (scan calls). */
function badCodes(base: Record<string, unknown>, key: string, genuine: string): BadRow[] {
  return [
    { name: `${key} missing`, event: { ...base, [key]: undefined }, field: key },
    { name: `${key} a string, not a list`, event: { ...base, [key]: genuine }, field: key },
    { name: `${key} empty`, event: { ...base, [key]: [] }, field: key },
    { name: `${key} over ${MAX_CODES_PER_CALL} entries`, event: { ...base, [key]: Array.from({ length: MAX_CODES_PER_CALL + 1 }, () => genuine) }, field: key },
    { name: `${key} entry a number`, event: { ...base, [key]: [genuine, 7] }, field: `${key}[1]` },
    { name: `${key} entry overlong`, event: { ...base, [key]: [genuine, long(201, 'A')] }, field: `${key}[1]` },
    { name: `${key} entry forged`, event: { ...base, [key]: [genuine, forged(genuine)] }, code: 'INVALID_CODE', field: `${key}[1]` },
    { name: `${key} entry malformed`, event: { ...base, [key]: [genuine, genuine, 'hello'] }, code: 'INVALID_CODE', field: `${key}[2]` },
    { name: `${key} entry a URL with a bad code`, event: { ...base, [key]: [`https://brand.example.com/c/${forged(genuine)}`] }, code: 'INVALID_CODE', field: `${key}[0]` },
  ];
}

/** Bad values of an id field (org, product, batch, withdrawal ids). */
function badId(base: Record<string, unknown>, key: string, optional = false): BadRow[] {
  return [
    ...(optional ? [] : [{ name: `${key} missing`, event: { ...base, [key]: undefined }, field: key }]),
    { name: `${key} a number`, event: { ...base, [key]: 42 }, field: key },
    { name: `${key} with a slash`, event: { ...base, [key]: 'a/b' }, field: key },
    { name: `${key} overlong (65 characters)`, event: { ...base, [key]: long(65) }, field: key },
    { name: `${key} an object (query injection)`, event: { ...base, [key]: { $ne: null } }, field: key },
  ];
}

/** Bad amounts in fen: never negative, never a float, never a string, at most MAX_FEN. */
function badMoney(base: Record<string, unknown>, key: string, optional = false): BadRow[] {
  return [
    ...(optional ? [] : [{ name: `${key} missing`, event: { ...base, [key]: undefined }, field: key }]),
    { name: `${key} negative`, event: { ...base, [key]: -5 }, field: key },
    { name: `${key} a float`, event: { ...base, [key]: 1.5 }, field: key },
    { name: `${key} a numeric string`, event: { ...base, [key]: '100' }, field: key },
    { name: `${key} null (NaN in JSON)`, event: { ...base, [key]: null }, field: optional ? null : key },
    { name: `${key} above the largest amount`, event: { ...base, [key]: 1e11 }, field: key },
  ].filter((r) => r.field !== null) as BadRow[];
}

function badEnum(base: Record<string, unknown>, key: string, value = 'no_such_value'): BadRow[] {
  return [
    { name: `${key} unknown value`, event: { ...base, [key]: value }, field: key },
    { name: `${key} wrong case`, event: { ...base, [key]: String(base[key] ?? 'x').toUpperCase() + '_' }, field: key },
    { name: `${key} a number`, event: { ...base, [key]: 1 }, field: key },
  ];
}

function badPaging(base: Record<string, unknown>): BadRow[] {
  return [
    { name: 'limit 0', event: { ...base, limit: 0 }, field: 'limit' },
    { name: 'limit over 100', event: { ...base, limit: 101 }, field: 'limit' },
    { name: 'limit a float', event: { ...base, limit: 2.5 }, field: 'limit' },
    { name: 'cursor a number', event: { ...base, cursor: 20 }, field: 'cursor' },
    { name: 'cursor overlong', event: { ...base, cursor: long(257, '1') }, field: 'cursor' },
  ];
}

function table(): Record<string, ActionRows> {
  const item = tree[0]!.boxes[0]!.items[0]!;
  const caseCode = tree[1]!.code;
  const boxCode = tree[1]!.boxes[0]!.code;
  const policy = { consumerReward: 88, storeReward: 50, dealerRebate: 30, diversionPenalty: 500 };
  const product = { sku: 'BAD-1', name: '产品', packaging: { itemsPerBox: 6, boxesPerCase: 4 }, policy };
  const store = { kind: 'store', name: '店', upstreamId: ch.ids.gd, regionCode: '440106' };
  const dealer = { kind: 'dealer', name: '经销商', upstreamId: 'brand', regionCode: '440100', territory: ['440000'] };
  const withPolicy = (p: Record<string, unknown>) => ({ ...product, policy: { ...policy, ...p } });
  return {
    'channel.bootstrap': {
      who: 'admin',
      rows: [
        { name: 'brandName missing', event: {}, field: 'brandName' },
        { name: 'brandName empty', event: { brandName: '  ' }, field: 'brandName' },
        { name: 'brandName overlong (65 characters)', event: { brandName: long(65, '品') }, field: 'brandName' },
        { name: 'brandName with a control character', event: { brandName: 'a\u0000b' }, field: 'brandName' },
        { name: 'brandName a list', event: { brandName: ['x'] }, field: 'brandName' },
      ],
    },
    'channel.createOrg': {
      who: 'admin',
      rows: [
        ...badEnum(store, 'kind', 'distributor'),
        { name: 'kind brand (one brand per deployment)', event: { ...store, kind: 'brand' }, field: 'kind' },
        { name: 'name missing', event: { ...store, name: undefined }, field: 'name' },
        { name: 'name overlong', event: { ...store, name: long(65) }, field: 'name' },
        ...badId(store, 'upstreamId'),
        { name: 'regionCode unknown', event: { ...store, regionCode: '999999' }, field: 'regionCode' },
        { name: 'regionCode not six digits', event: { ...store, regionCode: '4401' }, field: 'regionCode' },
        { name: 'regionCode a number', event: { ...store, regionCode: 440106 }, field: 'regionCode' },
        { name: 'territory missing for a dealer', event: { ...dealer, territory: undefined }, field: 'territory' },
        { name: 'territory empty', event: { ...dealer, territory: [] }, field: 'territory' },
        { name: 'territory not a list', event: { ...dealer, territory: '440000' }, field: 'territory' },
        { name: 'territory entry unknown', event: { ...dealer, territory: ['440000', '990000'] }, field: 'territory[1]' },
        { name: 'territory over the entry limit', event: { ...dealer, territory: Array.from({ length: 1001 }, () => '440000') }, field: 'territory' },
        { name: 'a wholesaler under a store (needs the upstream)', event: { ...dealer, kind: 'wholesaler', upstreamId: ch.ids.storeGz }, field: 'upstreamId', reads: true },
        ...badRequestId(store),
      ],
    },
    'channel.invite': {
      who: 'admin',
      rows: [
        ...badId({ orgId: ch.ids.storeGz, role: 'clerk' }, 'orgId'),
        ...badEnum({ orgId: ch.ids.storeGz, role: 'clerk' }, 'role', 'superuser'),
        { name: 'role missing', event: { orgId: ch.ids.storeGz }, field: 'role' },
        { name: 'a brand role in a store (needs the org)', event: { orgId: ch.ids.storeGz, role: 'admin' }, field: 'role', reads: true },
      ],
    },
    'channel.join': {
      who: 'consumer1',
      rows: [
        { name: 'inviteCode missing', event: {}, field: 'inviteCode' },
        { name: 'inviteCode too short', event: { inviteCode: 'ab' }, field: 'inviteCode' },
        { name: 'inviteCode overlong', event: { inviteCode: long(33, 'A') }, field: 'inviteCode' },
        { name: 'inviteCode with punctuation', event: { inviteCode: 'ABCD$EFG' }, field: 'inviteCode' },
        { name: 'inviteCode an object', event: { inviteCode: { $regex: '.*' } }, field: 'inviteCode' },
      ],
    },
    'channel.me': {
      who: 'consumer1',
      rows: [
        {
          name: 'identity fields in the event are ignored',
          event: { unionId: 'u-admin', openId: 'o-admin', userInfo: { openId: 'o-admin' }, memberships: [{ orgId: 'brand', role: 'admin' }] },
          accepted: true,
          check: (d) => {
            // The caller's own openId (its upload folder), never the one in the event.
            expect(d).toEqual({ unionId: 'u-consumer1', openId: expect.any(String), memberships: [] });
            expect(d.openId).not.toBe('o-admin');
          },
        },
      ],
    },
    'channel.createProduct': {
      who: 'admin',
      rows: [
        { name: 'sku missing', event: { ...product, sku: undefined }, field: 'sku' },
        ...badRequestId(product),
        { name: 'sku with a space', event: { ...product, sku: 'A B' }, field: 'sku' },
        { name: 'sku overlong', event: { ...product, sku: long(65, 'A') }, field: 'sku' },
        { name: 'name overlong', event: { ...product, name: long(65) }, field: 'name' },
        { name: 'gtin of 7 digits', event: { ...product, gtin: '1234567' }, field: 'gtin' },
        { name: 'gtin with a wrong check digit', event: { ...product, gtin: '4006381333932' }, field: 'gtin' },
        { name: 'gtin a number', event: { ...product, gtin: 4006381333931 }, field: 'gtin' },
        { name: 'category empty', event: { ...product, category: '' }, field: 'category' },
        { name: 'category only spaces', event: { ...product, category: '   ' }, field: 'category' },
        { name: 'category overlong', event: { ...product, category: long(21) }, field: 'category' },
        { name: 'category a number', event: { ...product, category: 7 }, field: 'category' },
        { name: 'category with a control character', event: { ...product, category: '调味\u0007品' }, field: 'category' },
        { name: 'packaging missing', event: { ...product, packaging: undefined }, field: 'packaging' },
        { name: 'itemsPerBox 0', event: { ...product, packaging: { itemsPerBox: 0, boxesPerCase: 4 } }, field: 'packaging.itemsPerBox' },
        { name: 'itemsPerBox over 1000', event: { ...product, packaging: { itemsPerBox: 1001, boxesPerCase: 4 } }, field: 'packaging.itemsPerBox' },
        { name: 'itemsPerBox a float', event: { ...product, packaging: { itemsPerBox: 1.5, boxesPerCase: 4 } }, field: 'packaging.itemsPerBox' },
        { name: 'boxesPerCase negative', event: { ...product, packaging: { itemsPerBox: 6, boxesPerCase: -4 } }, field: 'packaging.boxesPerCase' },
        { name: 'boxesPerCase a string', event: { ...product, packaging: { itemsPerBox: 6, boxesPerCase: '4' } }, field: 'packaging.boxesPerCase' },
        { name: 'policy missing', event: { ...product, policy: undefined }, field: 'policy' },
        { name: 'policy a list', event: { ...product, policy: [] }, field: 'policy' },
        { name: 'consumerReward negative', event: withPolicy({ consumerReward: -1 }), field: 'policy.consumerReward' },
        { name: 'consumerReward a float (yuan, not fen)', event: withPolicy({ consumerReward: 0.88 }), field: 'policy.consumerReward' },
        { name: 'consumerReward a string', event: withPolicy({ consumerReward: '88' }), field: 'policy.consumerReward' },
        { name: 'consumerReward min above max', event: withPolicy({ consumerReward: { min: 50, max: 10 } }), field: 'policy.consumerReward.max' },
        { name: 'consumerReward min negative', event: withPolicy({ consumerReward: { min: -1, max: 10 } }), field: 'policy.consumerReward.min' },
        { name: 'consumerReward max missing', event: withPolicy({ consumerReward: { min: 1 } }), field: 'policy.consumerReward.max' },
        { name: 'consumerReward max a float', event: withPolicy({ consumerReward: { min: 1, max: 9.99 } }), field: 'policy.consumerReward.max' },
        { name: 'storeReward missing', event: withPolicy({ storeReward: undefined }), field: 'policy.storeReward' },
        { name: 'storeReward negative', event: withPolicy({ storeReward: -50 }), field: 'policy.storeReward' },
        { name: 'dealerRebate above the largest amount', event: withPolicy({ dealerRebate: 1e11 }), field: 'policy.dealerRebate' },
        { name: 'diversionPenalty a float', event: withPolicy({ diversionPenalty: 499.5 }), field: 'policy.diversionPenalty' },
      ],
    },
    'channel.setProductCategory': {
      who: 'admin',
      rows: [
        ...badId({ category: '酱油' }, 'productId'),
        { name: 'category empty', event: { productId: 'prd_x', category: '' }, field: 'category' },
        { name: 'category only spaces', event: { productId: 'prd_x', category: '  ' }, field: 'category' },
        { name: 'category overlong', event: { productId: 'prd_x', category: long(21) }, field: 'category' },
        { name: 'category a list', event: { productId: 'prd_x', category: ['酱油'] }, field: 'category' },
      ],
    },
    'channel.listOrgs': {
      who: 'admin',
      rows: [...badEnum({ kind: 'store' }, 'kind'), { name: 'kind brand', event: { kind: 'brand' }, field: 'kind' }, ...badId({}, 'upstreamId', true)],
    },
    'channel.listProducts': {
      who: 'admin',
      rows: [
        {
          name: 'unknown fields are ignored',
          event: { where: { $where: 'sleep(1000)' }, limit: 'all' },
          accepted: true,
          check: (d) => expect(d.products.length).toBeGreaterThan(0),
        },
      ],
    },
    'trade.listListPrices': {
      who: 'ownerGd',
      rows: [
        {
          name: 'unknown fields are ignored (the list is the brand\'s, whoever asks)',
          event: { sellerOrgId: 'org-elsewhere', where: { $where: 'sleep(1000)' } },
          accepted: true,
          check: (d) => expect(Array.isArray(d.prices)).toBe(true),
        },
      ],
    },
    'codes.createBatch': {
      who: 'admin',
      rows: [
        ...badId({ cases: 1 }, 'productId'),
        { name: 'cases missing', event: { productId: ch.productId }, field: 'cases' },
        { name: 'cases 0', event: { productId: ch.productId, cases: 0 }, field: 'cases' },
        { name: 'cases negative', event: { productId: ch.productId, cases: -3 }, field: 'cases' },
        { name: 'cases a float', event: { productId: ch.productId, cases: 2.5 }, field: 'cases' },
        { name: 'cases a string', event: { productId: ch.productId, cases: '3' }, field: 'cases' },
        { name: 'cases over 100,000', event: { productId: ch.productId, cases: 100_001 }, field: 'cases' },
        ...badRequestId({ productId: ch.productId, cases: 1 }),
      ],
    },
    'codes.exportBatch': { who: 'admin', rows: badId({}, 'batchId') },
    'codes.pack': {
      who: 'admin',
      rows: [...badCode({ children: [item.code] }, 'parent', boxCode), ...badCodes({ parent: boxCode }, 'children', item.code)],
    },
    'codes.unpack': { who: 'admin', rows: badCode({}, 'parent', boxCode) },
    'codes.listBatches': { who: 'admin', rows: badId({}, 'productId', true) },
    'scan.ship': {
      who: 'admin',
      rows: [
        ...badCodes({ toOrgId: ch.ids.gd }, 'codes', caseCode),
        ...badId({ codes: [caseCode] }, 'toOrgId'),
        ...badId({ codes: [caseCode], toOrgId: ch.ids.gd }, 'fromOrgId', true),
        ...badLocations({ codes: [caseCode], toOrgId: ch.ids.gd }),
        ...badRequestId({ codes: [caseCode], toOrgId: ch.ids.gd }),
        ...shipOrderingRows({ codes: [caseCode], toOrgId: ch.ids.gd }),
      ],
    },
    'scan.receive': {
      who: 'clerkGz',
      rows: [...badCodes({}, 'codes', item.code), ...badId({ codes: [item.code] }, 'orgId', true), ...badLocations({ codes: [item.code] })],
    },
    'scan.redeem': {
      who: 'consumer1',
      rows: [
        ...badCode({}, 'code', item.hiddenCode),
        ...badLocations({ code: item.hiddenCode }),
        { name: 'requestId too short', event: { code: item.hiddenCode, requestId: 'short' }, field: 'requestId' },
        { name: 'requestId with a colon', event: { code: item.hiddenCode, requestId: 'redeem:retry:1' }, field: 'requestId' },
        { name: 'code the visible one (hidden needed)', event: { code: item.code }, code: 'INVALID_CODE', field: 'code' },
        { name: 'code of a box (hidden item code needed)', event: { code: boxCode }, code: 'INVALID_CODE', field: 'code' },
      ],
    },
    'scan.stockIn': {
      who: 'admin',
      rows: [
        ...badCodes({}, 'codes', caseCode).filter((r) => r.name !== 'codes missing'),
        ...badId({}, 'batchId', true),
        { name: 'neither codes nor batchId', event: {}, field: 'codes' },
        { name: 'both codes and batchId', event: { codes: [caseCode], batchId: 'bat_x' }, field: 'batchId' },
        ...badRequestId({ batchId: 'bat_x' }),
      ],
    },
    'scan.verify': { who: null, rows: [...badCode({}, 'code', item.code), ...badLocations({ code: item.code })] },
    'scan.inspect': { who: 'inspector', rows: [...badCode({}, 'code', caseCode), ...badId({ code: caseCode }, 'orgId', true)] },
    'scan.identify': { who: 'clerkGz', rows: badCode({}, 'code', item.code) },
    'scan.open': { who: 'clerkGz', rows: [...badCode({}, 'code', tree[0]!.code), ...badId({ code: tree[0]!.code }, 'orgId', true)] },
    'wallet.fund': {
      who: 'admin',
      rows: [
        ...badMoney({ requestId: 'fund-bad-0001' }, 'amount'),
        { name: 'amount 0', event: { amount: 0, requestId: 'fund-bad-0001' }, field: 'amount' },
        { name: 'requestId too short', event: { amount: 100, requestId: 'short' }, field: 'requestId' },
        { name: 'requestId overlong', event: { amount: 100, requestId: long(65, 'r') }, field: 'requestId' },
        { name: 'requestId with a colon', event: { amount: 100, requestId: 'fund:0001:x' }, field: 'requestId' },
      ],
    },
    'wallet.balance': { who: 'ownerGd', rows: badId({}, 'orgId', true) },
    'wallet.history': { who: 'ownerGd', rows: [...badId({}, 'orgId', true), ...badPaging({})] },
    'wallet.withdraw': {
      who: 'consumer1',
      rows: [
        ...badMoney({ requestId: 'withdraw-bad-01' }, 'amount'),
        { name: 'requestId missing', event: { amount: 10 }, field: 'requestId' },
        { name: 'requestId too short', event: { amount: 10, requestId: 'x' }, field: 'requestId' },
        ...badId({ amount: 10, requestId: 'withdraw-bad-01' }, 'orgId', true),
      ],
    },
    'wallet.approveWithdrawal': { who: 'admin', rows: badId({}, 'withdrawalId') },
    'wallet.rejectWithdrawal': {
      who: 'admin',
      rows: [
        ...badId({ reason: 'no' }, 'withdrawalId'),
        { name: 'reason overlong', event: { withdrawalId: 'wd_x', reason: long(201) }, field: 'reason' },
        { name: 'reason a number', event: { withdrawalId: 'wd_x', reason: 5 }, field: 'reason' },
      ],
    },
    'wallet.settlePenalty': {
      who: 'admin',
      rows: [
        ...badId({ resolution: 'waive' }, 'penaltyId'),
        ...badEnum({ penaltyId: 'p1', resolution: 'waive' }, 'resolution', 'maybe'),
        { name: 'resolution missing', event: { penaltyId: 'p1' }, field: 'resolution' },
        { name: 'note overlong', event: { penaltyId: 'p1', resolution: 'waive', note: long(201) }, field: 'note' },
      ],
    },
    'wallet.listWithdrawals': { who: 'admin', rows: [...badEnum({ status: 'paid' }, 'status', 'done'), ...badId({}, 'orgId', true)] },
    'report.alerts': { who: 'admin', rows: [...badEnum({ kind: 'diversion' }, 'kind', 'fraud'), ...badId({}, 'dealerId', true), ...badPaging({})] },
    'report.penalties': { who: 'admin', rows: [...badId({}, 'dealerId', true), ...badEnum({ status: 'pending' }, 'status', 'open'), ...badPaging({})] },
    'report.stock': { who: 'clerkGz', rows: badId({}, 'orgId') },
    'report.stockCheck': { who: 'ownerGd', rows: badId({}, 'orgId') },
    'report.ordering': {
      who: 'admin',
      rows: [
        { name: 'kind missing', event: {}, field: 'kind' },
        ...badEnum({ kind: 'sales_by_day' }, 'kind', 'sales_by_week'),
        ...badId({ kind: 'sales_by_day' }, 'sellerOrgId', true),
        { name: 'from negative', event: { kind: 'sales_by_day', from: -1 }, field: 'from' },
        { name: 'to a date string', event: { kind: 'sales_by_day', to: '2026-12-01' }, field: 'to' },
        { name: 'from after to', event: { kind: 'sales_by_day', from: 2_000, to: 1_000 }, field: 'from' },
        { name: 'period over 366 days', event: { kind: 'sales_by_day', from: 0, to: 367 * 86_400_000 }, field: 'from' },
        { name: 'limit 0', event: { kind: 'customer_ranking', limit: 0 }, field: 'limit' },
        ...badEnum({ kind: 'stock', format: 'csv' }, 'format', 'xlsx'),
      ],
    },
    'order.stock': {
      who: 'ownerGd',
      rows: [
        ...badId({}, 'orgId'),
        { name: 'productIds not a list', event: { orgId: ch.ids.gd, productIds: ch.productId }, field: 'productIds' },
        { name: 'productIds over 100', event: { orgId: ch.ids.gd, productIds: Array.from({ length: 101 }, (_, i) => `p${i}`) }, field: 'productIds' },
        { name: 'productIds entry an object', event: { orgId: ch.ids.gd, productIds: [ch.productId, { $ne: null }] }, field: 'productIds[1]' },
      ],
    },
    'order.stockMoves': { who: 'ownerGd', rows: [...badId({}, 'orgId'), ...badId({ orgId: ch.ids.gd }, 'productId', true), ...badPaging({ orgId: ch.ids.gd })] },
    'order.setSafetyStock': {
      who: 'ownerGd',
      rows: [
        ...badId({ productId: ch.productId, safetyStock: 5 }, 'orgId'),
        ...badId({ orgId: ch.ids.gd, safetyStock: 5 }, 'productId'),
        { name: 'safetyStock negative', event: { orgId: ch.ids.gd, productId: ch.productId, safetyStock: -1 }, field: 'safetyStock' },
        { name: 'safetyStock a float', event: { orgId: ch.ids.gd, productId: ch.productId, safetyStock: 2.5 }, field: 'safetyStock' },
        { name: 'safetyStock a string', event: { orgId: ch.ids.gd, productId: ch.productId, safetyStock: '5' }, field: 'safetyStock' },
        { name: 'safetyStock over 100,000,000', event: { orgId: ch.ids.gd, productId: ch.productId, safetyStock: 100_000_001 }, field: 'safetyStock' },
        { name: 'safetyUnits negative', event: { orgId: ch.ids.gd, productId: ch.productId, safetyUnits: -2 }, field: 'safetyUnits' },
        { name: 'clear a string', event: { orgId: ch.ids.gd, productId: ch.productId, clear: 'yes' }, field: 'clear' },
        { name: 'clear false', event: { orgId: ch.ids.gd, productId: ch.productId, clear: false }, field: 'clear' },
        { name: 'no safety stock given', event: { orgId: ch.ids.gd, productId: ch.productId }, field: 'safetyStock' },
        { name: 'items and units both given', event: { orgId: ch.ids.gd, productId: ch.productId, safetyStock: 5, safetyUnits: 1 }, field: 'safetyStock' },
      ],
    },
    'report.diversion': {
      who: 'admin',
      rows: [
        { name: 'since negative', event: { since: -1 }, field: 'since' },
        { name: 'since a float', event: { since: 1.5 }, field: 'since' },
        { name: 'since a date string', event: { since: '2024-01-01' }, field: 'since' },
      ],
    },
    'report.dashboard': {
      who: 'admin',
      rows: [
        { name: 'days 0', event: { days: 0 }, field: 'days' },
        { name: 'days over 90', event: { days: 91 }, field: 'days' },
        { name: 'days a float', event: { days: 7.5 }, field: 'days' },
      ],
    },
    ...orderBadInputRows(ch.ids),
    ...tradeBadInputRows(ch.ids, ch.productId),
    ...promotionBadInputRows(ch.ids, ch.productId),
  };
}

const ACTIONS = Object.entries(FUNCTION_ACTIONS).flatMap(([fn, actions]) => (actions as readonly string[]).map((a) => `${fn}.${a}`));

/** Calls and proves: the expected refusal (or acceptance), no database write, and no database request. */
async function check(who: string | null, fn: string, action: string, row: Row): Promise<void> {
  const event: Record<string, unknown> = { action };
  for (const [k, v] of Object.entries(row.event)) if (v !== undefined) event[k] = v;
  const before = ch.cloud.db.snapshot();
  const ops = ch.cloud.db.tcbRequests().total;
  const r = await ch.as(who, fn, event);
  const label = `${fn}.${action}: ${row.name}`;
  if ('accepted' in row) {
    expect(r.ok, `${label}: ${JSON.stringify(r.error)}`).toBe(true);
    row.check(r.data);
  } else {
    expect(r.ok, label).toBe(false);
    expect({ code: r.error?.code, field: r.error?.field ?? null }, `${label}: ${r.error?.message}`).toEqual({ code: row.code ?? 'INVALID_ARGUMENT', field: row.field });
    if (!row.reads) expect(ch.cloud.db.tcbRequests().total - ops, `${label}: database requests`).toBe(0);
  }
  expect(ch.cloud.db.snapshot(), `${label}: the database changed`).toEqual(before);
}

describe('bad input changes nothing', () => {
  it('has rows for every action of the contract', () => {
    const t = table();
    expect(ACTIONS.filter((a) => !(a in t) || t[a]!.rows.length === 0), 'actions without bad-input rows').toEqual([]);
    expect(Object.keys(t).filter((a) => !ACTIONS.includes(a)), 'rows for actions not in the contract').toEqual([]);
  });

  for (const key of ACTIONS) {
    const [fn, action] = key.split('.') as [string, string];
    it(`${key}: every bad field is refused, named, and costs nothing`, async () => {
      const spec = table()[key];
      expect(spec, `no rows for ${key}`).toBeDefined();
      for (const row of spec!.rows) await check(spec!.who, fn, action, row);
    });
  }

  it('an event without a usable action is refused for every function', async () => {
    for (const fn of Object.keys(FUNCTION_ACTIONS)) {
      for (const [name, action, code] of [
        ['missing', undefined, 'INVALID_ARGUMENT'],
        ['a number', 42, 'INVALID_ARGUMENT'],
        ['overlong', long(65), 'INVALID_ARGUMENT'],
        ['unknown', 'dropTables', 'NOT_FOUND'],
        ['inherited from Object.prototype', 'constructor', 'NOT_FOUND'],
      ] as const) {
        const before = ch.cloud.db.snapshot();
        const ops = ch.cloud.db.tcbRequests().total;
        const r = await ch.as('admin', fn, action === undefined ? {} : { action });
        expect({ code: r.error?.code, field: r.error?.field }, `${fn}: action ${name}`).toEqual({ code, field: 'action' });
        expect(ch.cloud.db.tcbRequests().total - ops).toBe(0);
        expect(ch.cloud.db.snapshot()).toEqual(before);
      }
    }
  });

  it('a foreign but authentic code (another batch) is refused as INVALID_CODE and writes nothing', async () => {
    const foreign = foreignCode(ch.cloud);
    for (const [who, fn, event, field] of [
      ['admin', 'scan', { action: 'ship', codes: [tree[1]!.code, foreign], toOrgId: ch.ids.gd }, 'codes[1]'],
      ['clerkGz', 'scan', { action: 'receive', codes: [foreign] }, 'codes[0]'],
      ['inspector', 'scan', { action: 'inspect', code: foreign }, 'code'],
    ] as const) {
      const before = ch.cloud.db.snapshot();
      const r = await ch.as(who, fn, event);
      expect(r.error, String(event.action)).toMatchObject({ code: 'INVALID_CODE', field });
      expect(ch.cloud.db.snapshot()).toEqual(before);
    }
  });

  it('a valid call still works, and the instruments above do see its reads and writes', async () => {
    const before = ch.cloud.db.snapshot();
    const ops = ch.cloud.db.tcbRequests().total;
    const r = await ch.ok('consumer1', 'scan', { action: 'redeem', code: tree[0]!.boxes[0]!.items[0]!.hiddenCode, location: loc });
    expect(r.reward).toBe(88);
    expect(ch.cloud.db.tcbRequests().total - ops).toBeGreaterThan(0);
    const after = ch.cloud.db.snapshot();
    expect(after).not.toEqual(before);
    expect(Object.keys(after.ledger!).length - Object.keys(before.ledger!).length).toBe(3);
  });
});
