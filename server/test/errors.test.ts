/**
 * Goal: every error code clients rely on (docs/actions.md#errors) is produced through the gateway, by the cause a
 * client would actually meet, with the field named where there is one: UNAUTHENTICATED,
 * FORBIDDEN, INVALID_ARGUMENT, NOT_FOUND, INVALID_CODE, ALREADY_REDEEMED, INSUFFICIENT_FUNDS,
 * CONFLICT, RATE_LIMITED. Rate limits run at their production values here (no multiplier).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportedCase } from '@channel-router/shared';
import { foreignCode, forged, inOneRateWindow, SLOW_MACHINE_TIMEOUT_MS, startChannel, type Channel } from './fixtures.js';


vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });
let ch: Channel;
let cases: ExportedCase[];

beforeAll(async () => {
  ch = await startChannel();
  cases = await ch.batch(3);
});
afterAll(async () => {
  await ch?.close();
});

async function rawCall(fn: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${ch.cloud.url}/api/fn/${fn}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  return { status: res.status, body: (await res.json()) as any };
}

describe('UNAUTHENTICATED', () => {
  it('answers a non-public action called without a token', async () => {
    for (const [fn, action] of [
      ['channel', 'me'],
      ['wallet', 'balance'],
      ['scan', 'redeem'],
      ['report', 'alerts'],
    ] as const) {
      const r = await ch.as(null, fn, { action, code: cases[0]!.boxes[0]!.items[0]!.hiddenCode });
      expect(r.error?.code, `${fn}.${action}`).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a forged, malformed or tampered token at the gateway (HTTP 200, like a function reply), even for a public action', async () => {
    const real = ch.tokens.consumer1!;
    const [v, , sig] = real.split('.');
    // The claims of someone else (the brand admin) under the consumer's signature.
    const claims = Buffer.from(JSON.stringify({ app: 'admin', openId: 'o-admin', unionId: 'u-admin', iat: 1, exp: 4_000_000_000 })).toString('base64url');
    for (const token of ['not-a-token', `${v}.${claims}.${sig}`, `${real.slice(0, -2)}xx`, 'v1.e30.AAAA']) {
      for (const event of [{ action: 'me' }, { action: 'verify', code: cases[0]!.code }]) {
        const fn = event.action === 'me' ? 'channel' : 'scan';
        const r = await rawCall(fn, JSON.stringify(event), { Authorization: `Bearer ${token}` });
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      }
    }
    const noScheme = await rawCall('channel', JSON.stringify({ action: 'me' }), { Authorization: real });
    expect(noScheme.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('lets a public action run without a token', async () => {
    const r = await ch.as(null, 'scan', { action: 'verify', code: cases[0]!.code });
    expect(r).toMatchObject({ ok: true, data: { genuine: true, level: 'case' } });
  });
});

describe('gateway transport errors', () => {
  it('answers 404 NOT_FOUND for an unknown function and 400 for malformed JSON or a non-object body', async () => {
    const unknown = await rawCall('nosuchfn', '{}', { Authorization: `Bearer ${ch.tokens.admin}` });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const broken = await rawCall('channel', '{"action":', { Authorization: `Bearer ${ch.tokens.admin}` });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('INVALID_ARGUMENT');
    const list = await rawCall('channel', '[1,2]', { Authorization: `Bearer ${ch.tokens.admin}` });
    expect(list.status).toBe(400);
    const huge = await rawCall('scan', JSON.stringify({ action: 'receive', codes: ['x'.repeat(300 * 1024)] }), { Authorization: `Bearer ${ch.tokens.admin}` });
    expect(huge.status).toBe(400);
  });
});

describe('FORBIDDEN', () => {
  it('refuses an action the caller has no role for', async () => {
    const r = await ch.as('consumer1', 'channel', { action: 'createOrg', kind: 'store', name: 'x', upstreamId: ch.ids.gd, regionCode: '440106' });
    expect(r.error?.code).toBe('FORBIDDEN');
  });

  it('refuses bootstrap from an app other than the admin app', async () => {
    const r = await ch.as('ownerGd', 'channel', { action: 'bootstrap', brandName: 'x' });
    expect(r.error?.code).toBe('FORBIDDEN');
  });
});

describe('INVALID_ARGUMENT', () => {
  it('names the faulty field, nested ones by path', async () => {
    const cases_: Array<[string, Record<string, unknown>, string]> = [
      ['channel', { action: 'createOrg', kind: 'store', name: 'x', upstreamId: ch.ids.gd, regionCode: '999999' }, 'regionCode'],
      ['channel', { action: 'createOrg', kind: 'dealer', name: 'x', upstreamId: 'brand', regionCode: '440100' }, 'territory'],
      ['channel', { action: 'createProduct', sku: 'A1', name: 'x', packaging: { itemsPerBox: 0, boxesPerCase: 1 }, policy: { consumerReward: 1, storeReward: 0, dealerRebate: 0, diversionPenalty: 0 } }, 'packaging.itemsPerBox'],
      ['wallet', { action: 'fund', amount: 1.5 }, 'amount'],
      ['scan', { action: 'receive', codes: ['A', 'has space'] }, 'codes[1]'],
    ];
    for (const [fn, event, field] of cases_) {
      const r = await ch.as('admin', fn, event);
      expect(r.error, `${fn}.${String(event.action)}`).toMatchObject({ code: 'INVALID_ARGUMENT', field });
    }
  });

  it('answers business-rule violations on a field too (wrong upstream kind, withdrawal under the minimum)', async () => {
    const wrongUpstream = await ch.as('admin', 'channel', { action: 'createOrg', kind: 'wholesaler', name: 'x', upstreamId: ch.ids.storeGz, regionCode: '440106', territory: ['440100'] });
    expect(wrongUpstream.error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'upstreamId' });
    const tooSmall = await ch.as('consumer1', 'wallet', { action: 'withdraw', amount: 9, requestId: 'small-0001' });
    expect(tooSmall.error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'amount' });
  });

  it('answers an event without an action', async () => {
    const r = await ch.as('admin', 'channel', {});
    expect(r.error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'action' });
  });
});

describe('NOT_FOUND', () => {
  it('answers an unknown action, product, batch, org, invite and withdrawal, naming the field', async () => {
    const rows: Array<[string, string, Record<string, unknown>, string]> = [
      ['admin', 'channel', { action: 'nosuch' }, 'action'],
      ['admin', 'codes', { action: 'createBatch', productId: 'prd_nosuch', cases: 1 }, 'productId'],
      ['admin', 'codes', { action: 'exportBatch', batchId: 'bat_nosuch' }, 'batchId'],
      ['admin', 'channel', { action: 'invite', orgId: 'store_nosuch', role: 'clerk' }, 'orgId'],
      ['admin', 'channel', { action: 'createOrg', kind: 'store', name: 'x', upstreamId: 'dealer_nosuch', regionCode: '440106' }, 'upstreamId'],
      ['consumer1', 'channel', { action: 'join', inviteCode: 'NOSUCHCODE' }, 'inviteCode'],
      ['admin', 'wallet', { action: 'approveWithdrawal', withdrawalId: 'wd_nosuch' }, 'withdrawalId'],
      ['admin', 'wallet', { action: 'settlePenalty', penaltyId: 'pen_nosuch', resolution: 'waive' }, 'penaltyId'],
      ['admin', 'scan', { action: 'ship', codes: [cases[0]!.code], toOrgId: 'dealer_nosuch' }, 'toOrgId'],
      ['inspector', 'scan', { action: 'inspect', code: cases[0]!.code, orgId: 'store_nosuch' }, 'orgId'],
    ];
    for (const [who, fn, event, field] of rows) {
      const r = await ch.as(who, fn, event);
      expect(r.error, `${fn}.${String(event.action)}`).toMatchObject({ code: 'NOT_FOUND', field });
    }
  });
});

describe('INVALID_CODE', () => {
  it('refuses forged, malformed and foreign codes, bare or in URL form, naming the field', async () => {
    const good = cases[0]!.boxes[0]!.items[0]!;
    const bad = [
      forged(good.hiddenCode),
      'HELLO',
      '0000000000000000000000000!',
      `https://brand.example.com/c/${forged(good.hiddenCode)}`,
      `https://brand.example.com/c/NOTACODE`,
      `https://brand.example.com/x/${good.hiddenCode}`,
      `ftp://brand.example.com/c/${good.hiddenCode}`,
      foreignCode(ch.cloud, 'item', 'hidden'),
    ];
    for (const code of bad) {
      const r = await ch.as('consumer1', 'scan', { action: 'redeem', code });
      expect(r.error, code).toMatchObject({ code: 'INVALID_CODE', field: 'code' });
      const v = await ch.as(null, 'scan', { action: 'verify', code });
      // verify answers a foreign authentic code as "not genuine", anything unauthentic as INVALID_CODE.
      if (code === bad.at(-1)) expect(v).toMatchObject({ ok: true, data: { genuine: false } });
      else expect(v.error, code).toMatchObject({ code: 'INVALID_CODE', field: 'code' });
    }
    const ship = await ch.as('admin', 'scan', { action: 'ship', codes: [cases[0]!.code, forged(cases[1]!.code)], toOrgId: ch.ids.gd });
    expect(ship.error).toMatchObject({ code: 'INVALID_CODE', field: 'codes[1]' });
    const pack = await ch.as('admin', 'codes', { action: 'pack', parent: cases[0]!.boxes[0]!.code, children: [good.code, foreignCode(ch.cloud)] });
    expect(pack.error).toMatchObject({ code: 'INVALID_CODE', field: 'children[1]' });
  });

  it('accepts the URL form of a genuine code, any case', async () => {
    const item = cases[2]!.boxes[3]!.items[5]!;
    const r = await ch.as('consumer3', 'scan', { action: 'redeem', code: `HTTPS://BRAND.EXAMPLE.COM/C/${item.hiddenCode.toLowerCase()}` });
    expect(r.ok).toBe(true);
  });

  it('refuses a visible code where the hidden one is needed', async () => {
    const item = cases[0]!.boxes[0]!.items[1]!;
    const r = await ch.as('consumer1', 'scan', { action: 'redeem', code: item.code });
    expect(r.error).toMatchObject({ code: 'INVALID_CODE', field: 'code' });
  });
});

describe('ALREADY_REDEEMED', () => {
  it('answers the second redeem of a hidden code, by the same person or another', async () => {
    const item = cases[0]!.boxes[1]!.items[0]!;
    expect((await ch.as('consumer1', 'scan', { action: 'redeem', code: item.hiddenCode })).ok).toBe(true);
    expect((await ch.as('consumer1', 'scan', { action: 'redeem', code: item.hiddenCode })).error?.code).toBe('ALREADY_REDEEMED');
    expect((await ch.as('consumer2', 'scan', { action: 'redeem', code: item.hiddenCode })).error?.code).toBe('ALREADY_REDEEMED');
  });
});

describe('INSUFFICIENT_FUNDS', () => {
  it('refuses a withdrawal above the balance', async () => {
    const bal = (await ch.ok('consumer1', 'wallet', { action: 'balance' })).balance as number;
    expect(bal).toBeGreaterThan(0);
    const r = await ch.as('consumer1', 'wallet', { action: 'withdraw', amount: bal + 1, requestId: 'over-0001' });
    expect(r.error?.code).toBe('INSUFFICIENT_FUNDS');
  });

  it('refuses a penalty deduction from a dealer wallet that cannot cover it', async () => {
    // A diverted item: allocated to gd, sold by the Beijing store, redeemed; gd's wallet is empty.
    const [c] = await ch.batch(1);
    await ch.flow([c!.code], ['brand', 'gd']);
    await ch.ok('clerkBj', 'scan', { action: 'receive', codes: [c!.code] });
    await ch.ok('consumer2', 'scan', { action: 'redeem', code: c!.boxes[0]!.items[0]!.hiddenCode });
    const { penalties } = await ch.ok('admin', 'report', { action: 'penalties', dealerId: ch.ids.gd, status: 'pending' });
    expect(penalties.length).toBeGreaterThan(0);
    const r = await ch.as('admin', 'wallet', { action: 'settlePenalty', penaltyId: penalties[0].id, resolution: 'deduct' });
    expect(r.error?.code).toBe('INSUFFICIENT_FUNDS');
  });
});

describe('CONFLICT', () => {
  it('answers a second bootstrap, a duplicate SKU, a reused invite and a reused requestId', async () => {
    expect((await ch.as('admin', 'channel', { action: 'bootstrap', brandName: 'again' })).error?.code).toBe('CONFLICT');
    const policy = { consumerReward: 1, storeReward: 0, dealerRebate: 0, diversionPenalty: 0 };
    const p = { action: 'createProduct', sku: 'DUP-1', name: 'x', packaging: { itemsPerBox: 1, boxesPerCase: 1 }, policy };
    expect((await ch.as('admin', 'channel', p)).ok).toBe(true);
    expect((await ch.as('admin', 'channel', p)).error).toMatchObject({ code: 'CONFLICT', field: 'sku' });

    const { inviteCode } = await ch.ok('admin', 'channel', { action: 'invite', orgId: ch.ids.storeGz, role: 'guide' });
    await ch.ok('consumer3', 'channel', { action: 'join', inviteCode });
    expect((await ch.as('consumer2', 'channel', { action: 'join', inviteCode })).error).toMatchObject({ code: 'CONFLICT', field: 'inviteCode' });

    await ch.ok('admin', 'wallet', { action: 'fund', amount: 100, requestId: 'conflict-fund' });
    expect((await ch.as('admin', 'wallet', { action: 'fund', amount: 101, requestId: 'conflict-fund' })).error).toMatchObject({ code: 'CONFLICT', field: 'requestId' });
    await ch.ok('consumer1', 'wallet', { action: 'withdraw', amount: 10, requestId: 'conflict-wd' });
    expect((await ch.as('consumer1', 'wallet', { action: 'withdraw', amount: 11, requestId: 'conflict-wd' })).error).toMatchObject({ code: 'CONFLICT', field: 'requestId' });
  });

  it('answers shipping goods the shipper does not hold, and an illegal withdrawal transition', async () => {
    const ship = await ch.as('ownerGd', 'scan', { action: 'ship', codes: [cases[1]!.code], toOrgId: ch.ids.storeGz });
    expect(ship.error).toMatchObject({ code: 'CONFLICT', field: 'codes[0]' });
    const w = await ch.ok('consumer1', 'wallet', { action: 'withdraw', amount: 10, requestId: 'conflict-wd-2' });
    await ch.ok('admin', 'wallet', { action: 'rejectWithdrawal', withdrawalId: w.withdrawalId });
    expect((await ch.as('admin', 'wallet', { action: 'approveWithdrawal', withdrawalId: w.withdrawalId })).error?.code).toBe('CONFLICT');
  });

  it('answers packing a unit that is still inside another', async () => {
    const boxInCase1 = cases[1]!.boxes[0]!.code;
    const r = await ch.as('admin', 'codes', { action: 'pack', parent: cases[2]!.code, children: [boxInCase1] });
    expect(r.error).toMatchObject({ code: 'CONFLICT', field: 'children[0]' });
  });
});

describe('RATE_LIMITED', () => {
  it('refuses the 31st redeem attempt of one person within a minute (30/min), whatever the codes', async () => {
    const items = cases[1]!.boxes[2]!.items;
    const run = await inOneRateWindow(async (n) => {
      const who = await ch.person(`hammer${n}`);
      const [item, fresh] = [items[2 * n]!, items[2 * n + 1]!];
      // Attempts count whether they pay or not: one success, then already-redeemed repeats.
      const outcomes: string[] = [];
      for (let i = 0; i < 30; i++) {
        const r = await ch.as(who, 'scan', { action: 'redeem', code: item.hiddenCode });
        outcomes.push(r.ok ? 'ok' : r.error!.code);
      }
      const limited = await ch.as(who, 'scan', { action: 'redeem', code: fresh.hiddenCode });
      return { outcomes, limited, fresh };
    });
    expect(run.outcomes[0]).toBe('ok');
    expect(new Set(run.outcomes.slice(1))).toEqual(new Set(['ALREADY_REDEEMED']));
    expect(run.limited.error?.code).toBe('RATE_LIMITED');
    // Another person is not affected, and the refused code was not spent.
    expect((await ch.as('consumer2', 'scan', { action: 'redeem', code: run.fresh.hiddenCode })).ok).toBe(true);
  });

  it('refuses the 61st verification of one person within a minute (60/min)', async () => {
    const run = await inOneRateWindow(async (n) => {
      const who = await ch.person(`checker${n}`);
      const outcomes = new Set<string>();
      for (let i = 0; i < 60; i++) {
        const r = await ch.as(who, 'scan', { action: 'verify', code: cases[2]!.boxes[0]!.code });
        outcomes.add(r.ok ? 'ok' : r.error!.code);
      }
      return { outcomes, limited: await ch.as(who, 'scan', { action: 'verify', code: cases[2]!.boxes[0]!.code }) };
    });
    expect(run.outcomes).toEqual(new Set(['ok']));
    expect(run.limited.error?.code).toBe('RATE_LIMITED');
  });

  it('refuses withdrawals beyond the daily count (10 a day), naming amount', async () => {
    await ch.person('saver');
    // Two rewards (176 fen) cover eleven withdrawals of 10 fen: the 11th fails on the count alone.
    for (const item of cases[2]!.boxes[1]!.items.slice(0, 2)) await ch.ok('saver', 'scan', { action: 'redeem', code: item.hiddenCode });
    for (let i = 0; i < 10; i++) await ch.ok('saver', 'wallet', { action: 'withdraw', amount: 10, requestId: `daily-${i}-0000` });
    const r = await ch.as('saver', 'wallet', { action: 'withdraw', amount: 10, requestId: 'daily-x-0000' });
    expect(r.error).toMatchObject({ code: 'RATE_LIMITED', field: 'amount' });
  });
});
