/**
 * Goal: every creating write a retry could repeat takes an idempotency key (`requestId`): the
 * retry answers the first attempt's reply and creates nothing more (one org, one product, one
 * batch number, one shipment event), also when the retries race each other; the same key reused
 * for a different request is a CONFLICT naming `requestId`. (fund, withdraw and redeem have their
 * own tests in concurrency.test.ts and errors.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SLOW_MACHINE_TIMEOUT_MS, startChannel, STD_POLICY, type Channel } from './fixtures.js';

vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });
let ch: Channel;

beforeAll(async () => {
  ch = await startChannel();
});
afterAll(async () => {
  await ch?.close();
});

describe('idempotency keys on creating writes', () => {
  it('createOrg: racing retries make one org and its wallet; the key on another org is a conflict', async () => {
    const event = { action: 'createOrg', kind: 'store', name: '重试便利店', upstreamId: ch.ids.gd, regionCode: '440106', requestId: 'org-retry-0001' };
    const before = ch.cloud.db.all('orgs').length;
    const replies = await Promise.all(Array.from({ length: 5 }, () => ch.ok('admin', 'channel', event)));
    expect(new Set(replies.map((r) => r.orgId)).size).toBe(1);
    expect(ch.cloud.db.all('orgs').length).toBe(before + 1);
    expect(ch.cloud.db.all('accounts').some((a) => a._id === `org:${replies[0].orgId}`)).toBe(true);
    const other = await ch.as('admin', 'channel', { ...event, name: '另一家店' });
    expect(other.error).toMatchObject({ code: 'CONFLICT', field: 'requestId' });
    expect(ch.cloud.db.all('orgs').length).toBe(before + 1);
  });

  it('createProduct: a retry answers the same product instead of a duplicate-SKU conflict', async () => {
    const event = { action: 'createProduct', sku: 'RETRY-SKU-1', name: '重试产品', packaging: { itemsPerBox: 2, boxesPerCase: 2 }, policy: STD_POLICY, requestId: 'prd-retry-0001' };
    const first = await ch.ok('admin', 'channel', event);
    const again = await ch.ok('admin', 'channel', event);
    expect(again.productId).toBe(first.productId);
    // Without the key the second call is what it always was: the SKU is taken.
    const { requestId: _k, ...plain } = event;
    expect((await ch.as('admin', 'channel', plain)).error).toMatchObject({ code: 'CONFLICT', field: 'sku' });
    expect((await ch.as('admin', 'channel', { ...event, sku: 'RETRY-SKU-2' })).error).toMatchObject({ code: 'CONFLICT', field: 'requestId' });
    expect(ch.cloud.db.all('products').filter((p) => String(p.sku).startsWith('RETRY-SKU')).length).toBe(1);
  });

  it('createBatch: racing retries store one batch and use one batch number', async () => {
    const event = { action: 'createBatch', productId: ch.productId, cases: 2, requestId: 'bat-retry-0001' };
    const replies = await Promise.all(Array.from({ length: 4 }, () => ch.ok('admin', 'codes', event)));
    expect(new Set(replies.map((r) => r.batchId)).size).toBe(1);
    expect(replies[0].counts).toEqual({ case: 2, box: 8, item: 48 });
    const batches = ch.cloud.db.all('batches');
    const mine = batches.find((b) => b._id === replies[0].batchId)!;
    // The next batch takes the very next number: the retries consumed none.
    const next = await ch.ok('admin', 'codes', { action: 'createBatch', productId: ch.productId, cases: 1 });
    expect(ch.cloud.db.all('batches').find((b) => b._id === next.batchId)!.batchNo).toBe((mine.batchNo as number) + 1);
    expect((await ch.as('admin', 'codes', { ...event, cases: 3 })).error).toMatchObject({ code: 'CONFLICT', field: 'requestId' });
  });

  it('ship: racing retries record one shipment; the key on another destination is a conflict', async () => {
    const [c1, c2] = await ch.batch(2);
    const event = { action: 'ship', codes: [c1!.code, c2!.code], toOrgId: ch.ids.gd, requestId: 'ship-retry-0001' };
    const replies = await Promise.all(Array.from({ length: 4 }, () => ch.ok('admin', 'scan', event)));
    expect(new Set(replies.map((r) => r.eventId)).size).toBe(1);
    expect(replies.map((r) => r.items)).toEqual([48, 48, 48, 48]);
    const events = ch.cloud.db.all('events').filter((e) => e.eventId === replies[0].eventId);
    expect(events.map((e) => e.code).sort()).toEqual([c1!.code, c2!.code].sort());
    const elsewhere = await ch.as('admin', 'scan', { ...event, toOrgId: ch.ids.bj });
    expect(elsewhere.error).toMatchObject({ code: 'CONFLICT', field: 'requestId' });
    // The goods went where the first attempt sent them: the Guangdong dealer receives them.
    const got = await ch.ok('ownerGd', 'scan', { action: 'receive', codes: [c1!.code, c2!.code] });
    expect(got.items).toBe(48);
    expect(got.alerts).toEqual([]);
  });

  it('refuses a malformed key, naming it, and writes nothing', async () => {
    const before = ch.cloud.db.all('orgs').length;
    const r = await ch.as('admin', 'channel', { action: 'createOrg', kind: 'store', name: 'x', upstreamId: ch.ids.gd, regionCode: '440106', requestId: 'short' });
    expect(r.error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'requestId' });
    expect(ch.cloud.db.all('orgs').length).toBe(before);
  });
});
