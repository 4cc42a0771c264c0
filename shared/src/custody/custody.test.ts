import { describe, expect, it } from 'vitest';
import type { OrgRef, Person, UnitLevel } from '../model.js';
import { planPack, planReceive, planShip, planUnpack, type ScannedUnit } from './plan.js';
import { resolveCustody, snapshotState, type UnitState } from './state.js';

const BRAND = 'brand';
const brand: OrgRef = { id: BRAND, kind: 'brand', regionCode: '', upstreamId: null };
const dealer: OrgRef = { id: 'D', kind: 'dealer', regionCode: '440100', upstreamId: BRAND };
const dealer2: OrgRef = { id: 'D2', kind: 'dealer', regionCode: '510100', upstreamId: BRAND };
const wholesaler: OrgRef = { id: 'W', kind: 'wholesaler', regionCode: '440106', upstreamId: 'D' };
const store: OrgRef = { id: 'S', kind: 'store', regionCode: '440106', upstreamId: 'W' };
const farStore: OrgRef = { id: 'S2', kind: 'store', regionCode: '510104', upstreamId: 'D2' };

const person = (unionId: string, ...orgs: OrgRef[]): Person => ({
  unionId,
  memberships: orgs.map((o) => ({ orgId: o.id, kind: o.kind, role: o.kind === 'brand' ? 'admin' : 'clerk' })),
});
const admin = person('u-admin', brand);
const dealerClerk = person('u-d', dealer);
const wholesalerClerk = person('u-w', wholesaler);
const storeClerk = person('u-s', store);
const farClerk = person('u-s2', farStore);

/**
 * A miniature unit store: parent links and state documents, as the server keeps them. One case
 * `C` of 2 boxes `B1`, `B2` of 3 items each (`I1`..`I6`).
 */
function world() {
  const level: Record<string, UnitLevel> = { C: 'case', B1: 'box', B2: 'box', C2: 'case' };
  const parent: Record<string, string | null> = { C: null, B1: 'C', B2: 'C', C2: null };
  for (let i = 1; i <= 6; i++) {
    level[`I${i}`] = 'item';
    parent[`I${i}`] = i <= 3 ? 'B1' : 'B2';
  }
  const states = new Map<string, UnitState>();
  let seq = 0;
  const itemCount = (id: string): number => (level[id] === 'item' ? 1 : Object.keys(parent).filter((k) => parent[k] === id).reduce((n, k) => n + itemCount(k), 0));
  const chain = (id: string): UnitState[] => {
    const out: UnitState[] = [];
    for (let u: string | null = id; u !== null; u = parent[u] ?? null) out.push(states.get(u) ?? { unitId: u, level: level[u]! });
    return out;
  };
  const unit = (id: string): ScannedUnit => ({ code: `CODE-${id}`, unitId: id, level: level[id]!, productId: 'P', itemCount: itemCount(id), chain: chain(id) });
  const ctx = (actor: Person) => ({ eventId: `e${++seq}`, seq: seq * 10, at: 1_700_000_000_000 + seq, actor, brandId: BRAND });
  const store = (planned: { states: UnitState[] }) => {
    for (const s of planned.states) states.set(s.unitId, s);
  };
  const custody = (id: string) => resolveCustody(chain(id), BRAND);
  return { level, parent, states, chain, unit, ctx, store, custody };
}

function mustOk<T>(r: { ok: true; data: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data;
}

describe('resolveCustody', () => {
  it('a unit never scanned is held by the brand, unallocated, not in transit', () => {
    const w = world();
    expect(w.custody('I1')).toEqual({ holderOrgId: BRAND, holderSeq: 0, allocatedDealerId: null, allocationSeq: 0, inTransit: null });
  });

  it('the most recent fact anywhere in the chain wins: an item follows its case until it moves on its own', () => {
    const chain: UnitState[] = [
      { unitId: 'I1', level: 'item', holder: { orgId: 'S', seq: 30 } },
      { unitId: 'B1', level: 'box' },
      { unitId: 'C', level: 'case', holder: { orgId: 'W', seq: 20 }, allocation: { dealerId: 'D', seq: 5 } },
    ];
    expect(resolveCustody(chain, BRAND)).toMatchObject({ holderOrgId: 'S', allocatedDealerId: 'D' });
    chain[2] = { ...chain[2]!, holder: { orgId: 'X', seq: 40 } };
    expect(resolveCustody(chain, BRAND).holderOrgId).toBe('X');
  });

  it('on equal seqs the unit closer to the item wins', () => {
    const chain: UnitState[] = [
      { unitId: 'B1', level: 'box', holder: { orgId: 'inner', seq: 7 }, allocation: { dealerId: 'Din', seq: 3 } },
      { unitId: 'C', level: 'case', holder: { orgId: 'outer', seq: 7 }, allocation: { dealerId: 'Dout', seq: 3 } },
    ];
    expect(resolveCustody(chain, BRAND)).toMatchObject({ holderOrgId: 'inner', allocatedDealerId: 'Din' });
  });

  it('a shipment is pending until a receive at least as recent', () => {
    const shipped: UnitState = { unitId: 'C', level: 'case', holder: { orgId: 'D', seq: 10 }, shipment: { fromOrgId: 'D', toOrgId: 'S', eventId: 'e', seq: 15 } };
    expect(resolveCustody([shipped], BRAND).inTransit?.toOrgId).toBe('S');
    expect(resolveCustody([{ ...shipped, holder: { orgId: 'S', seq: 20 } }], BRAND).inTransit).toBeNull();
  });

  it('a malformed chain is a bug and throws', () => {
    expect(() => resolveCustody([], BRAND)).toThrow();
    expect(() => resolveCustody([{ unitId: 'C', level: 'case' }, { unitId: 'B', level: 'box' }], BRAND)).toThrow();
  });
});

describe('planShip', () => {
  it('brand → dealer: records the shipment and allocates everything inside, with one state write per scanned unit', () => {
    const w = world();
    const plan = mustOk(planShip({ ...w.ctx(admin), from: brand, target: dealer, units: [w.unit('C')] }));
    expect(plan.items).toBe(6);
    expect(plan.states).toHaveLength(1);
    expect(plan.event).toMatchObject({ bizStep: 'shipping', fromOrgId: BRAND, toOrgId: 'D', codes: ['CODE-C'], quantity: 6, actorUnionId: 'u-admin' });
    w.store(plan);
    // Shipping does not move custody; the receiver's scan does.
    expect(w.custody('I5')).toMatchObject({ holderOrgId: BRAND, allocatedDealerId: 'D', inTransit: { toOrgId: 'D' } });
  });

  it('only a member of the shipping org may ship (FORBIDDEN), and nothing is planned', () => {
    const w = world();
    const r = planShip({ ...w.ctx(dealerClerk), from: brand, target: dealer, units: [w.unit('C')] });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('the target must be supplied directly by the shipping org (INVALID_ARGUMENT on toOrgId)', () => {
    const w = world();
    const r = planShip({ ...w.ctx(admin), from: brand, target: store, units: [w.unit('C')] });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'toOrgId' } });
  });

  it('a unit held by another org cannot be shipped (CONFLICT naming the code), and the whole ship fails', () => {
    const w = world();
    w.store(mustOk(planShip({ ...w.ctx(admin), from: brand, target: dealer, units: [w.unit('B1')] })));
    w.store(mustOk(planReceive({ ...w.ctx(dealerClerk), receiver: dealer, units: [w.unit('B1')] })));
    // The brand still holds B2 but no longer B1.
    const r = planShip({ ...w.ctx(admin), from: brand, target: dealer2, units: [w.unit('B2'), w.unit('B1')] });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'codes[1]' } });
  });

  it('an org may ship on goods shipped to it that it never scanned in (an implicit receipt, checked for diversion)', () => {
    const w = world();
    w.store(mustOk(planShip({ ...w.ctx(admin), from: brand, target: dealer, units: [w.unit('C')] })));
    // D never scans the case in; it ships it to its wholesaler.
    const toW = mustOk(planShip({ ...w.ctx(dealerClerk), from: dealer, target: wholesaler, units: [w.unit('C')] }));
    expect(toW.event.implicitReceiptCodes).toEqual(['CODE-C']);
    // D holding its own allocation is no diversion.
    expect(toW.diversionChecks).toEqual([]);
    w.store(toW);
    expect(w.custody('I1')).toMatchObject({ holderOrgId: 'D', allocatedDealerId: 'D', inTransit: { toOrgId: 'W' } });
    // W ships it on to its store without scanning in either: W is observed holding D's goods.
    const toS = mustOk(planShip({ ...w.ctx(wholesalerClerk), from: wholesaler, target: store, units: [w.unit('C')] }));
    expect(toS.diversionChecks).toMatchObject([{ unitId: 'C', quantity: 6, allocatedDealerId: 'D', observedOrg: { id: 'W' } }]);
  });

  it('counts each item once: a repeated code, or an item inside a case in the same scan, is covered', () => {
    const w = world();
    const plan = mustOk(planShip({ ...w.ctx(admin), from: brand, target: dealer, units: [w.unit('I1'), w.unit('C'), w.unit('C'), w.unit('B2')] }));
    expect(plan.items).toBe(6);
    expect(plan.states.map((s) => s.unitId)).toEqual(['C']);
    expect(plan.event.coveredCodes).toEqual(['CODE-I1', 'CODE-B2']);
  });

  it('the brand re-shipping an allocated unit re-allocates it (unpack-and-reship of returned goods)', () => {
    const w = world();
    w.store(mustOk(planShip({ ...w.ctx(admin), from: brand, target: dealer, units: [w.unit('C')] })));
    w.store(mustOk(planShip({ ...w.ctx(admin), from: brand, target: dealer2, units: [w.unit('B2')] })));
    expect(w.custody('I4').allocatedDealerId).toBe('D2');
    expect(w.custody('I1').allocatedDealerId).toBe('D');
  });
});

describe('planReceive', () => {
  it('moves custody with one write for a whole case, and asks for a diversion check of the allocation', () => {
    const w = world();
    w.store(mustOk(planShip({ ...w.ctx(admin), from: brand, target: dealer, units: [w.unit('C')] })));
    w.store(mustOk(planReceive({ ...w.ctx(dealerClerk), receiver: dealer, units: [w.unit('C')] })));
    w.store(mustOk(planShip({ ...w.ctx(dealerClerk), from: dealer, target: wholesaler, units: [w.unit('C')] })));
    const plan = mustOk(planReceive({ ...w.ctx(wholesalerClerk), receiver: wholesaler, units: [w.unit('C')] }));
    expect(plan.states).toHaveLength(1);
    expect(plan.items).toBe(6);
    expect(plan.event.unexpectedCodes).toBeUndefined();
    expect(plan.diversionChecks).toEqual([
      expect.objectContaining({ code: 'CODE-C', unitId: 'C', productId: 'P', quantity: 6, allocatedDealerId: 'D', observedOrg: wholesaler, actorUnionId: 'u-w' }),
    ]);
    w.store(plan);
    expect(w.custody('I6')).toMatchObject({ holderOrgId: 'W', inTransit: null });
  });

  it('never rejects an authentic code: goods not shipped to the receiver are accepted and recorded as unexpected', () => {
    const w = world();
    w.store(mustOk(planShip({ ...w.ctx(admin), from: brand, target: dealer, units: [w.unit('C')] })));
    const plan = mustOk(planReceive({ ...w.ctx(farClerk), receiver: farStore, units: [w.unit('B1')] }));
    expect(plan.event.unexpectedCodes).toEqual(['CODE-B1']);
    expect(plan.diversionChecks).toMatchObject([{ quantity: 3, allocatedDealerId: 'D', observedOrg: { id: 'S2' } }]);
    w.store(plan);
    expect(w.custody('I2').holderOrgId).toBe('S2');
    expect(w.custody('I4').holderOrgId).toBe(BRAND);
  });

  it('a repeated scan of goods already held changes nothing and checks nothing again', () => {
    const w = world();
    w.store(mustOk(planShip({ ...w.ctx(admin), from: brand, target: dealer, units: [w.unit('C')] })));
    w.store(mustOk(planReceive({ ...w.ctx(farClerk), receiver: farStore, units: [w.unit('C')] })));
    for (const units of [[w.unit('C')], [w.unit('I1'), w.unit('B2')]]) {
      const again = mustOk(planReceive({ ...w.ctx(farClerk), receiver: farStore, units }));
      expect(again.states).toEqual([]);
      expect(again.diversionChecks).toEqual([]);
      expect(again.event.alreadyHeldCodes).toEqual(units.map((u) => u.code));
    }
  });

  it('no check for unallocated goods, for the brand, or for the allocated dealer itself', () => {
    const w = world();
    expect(mustOk(planReceive({ ...w.ctx(storeClerk), receiver: store, units: [w.unit('I1')] })).diversionChecks).toEqual([]);
    w.store(mustOk(planShip({ ...w.ctx(admin), from: brand, target: dealer, units: [w.unit('C')] })));
    expect(mustOk(planReceive({ ...w.ctx(dealerClerk), receiver: dealer, units: [w.unit('C')] })).diversionChecks).toEqual([]);
    expect(mustOk(planReceive({ ...w.ctx(admin), receiver: brand, units: [w.unit('B2')] })).diversionChecks).toEqual([]);
  });

  it('only a member of the receiving org may receive for it (FORBIDDEN)', () => {
    const w = world();
    expect(planReceive({ ...w.ctx(storeClerk), receiver: farStore, units: [w.unit('C')] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('the holder scanning back goods it shipped out cancels the shipment', () => {
    const w = world();
    w.store(mustOk(planShip({ ...w.ctx(admin), from: brand, target: dealer, units: [w.unit('C')] })));
    const back = mustOk(planReceive({ ...w.ctx(admin), receiver: brand, units: [w.unit('C')] }));
    expect(back.states).toHaveLength(1);
    expect(back.event.unexpectedCodes).toBeUndefined();
    w.store(back);
    expect(w.custody('I1')).toMatchObject({ holderOrgId: BRAND, inTransit: null, allocatedDealerId: 'D' });
  });
});

describe('planPack and planUnpack', () => {
  it('unpacking keeps what each child inherited, with the original seqs, so later moves of inner units still win', () => {
    const w = world();
    w.store(mustOk(planShip({ ...w.ctx(admin), from: brand, target: dealer, units: [w.unit('C')] })));
    w.store(mustOk(planReceive({ ...w.ctx(farClerk), receiver: farStore, units: [w.unit('C')] })));
    // One item of B1 moves on its own later.
    w.store(mustOk(planReceive({ ...w.ctx(storeClerk), receiver: store, units: [w.unit('I1')] })));
    const plan = mustOk(planUnpack({ ...w.ctx(admin), parent: w.unit('C'), children: [w.unit('B1'), w.unit('B2')] }));
    expect(plan.unlinks).toEqual([
      { childUnitId: 'B1', parentUnitId: 'C' },
      { childUnitId: 'B2', parentUnitId: 'C' },
    ]);
    expect(plan.event).toMatchObject({ bizStep: 'unpacking', parentCode: 'CODE-C', quantity: 6, orgId: 'S2' });
    w.store(plan);
    w.parent.B1 = null;
    w.parent.B2 = null;
    expect(w.custody('B1')).toMatchObject({ holderOrgId: 'S2', allocatedDealerId: 'D' });
    expect(w.custody('I1').holderOrgId).toBe('S');
    expect(w.custody('I2').holderOrgId).toBe('S2');
  });

  it('snapshotState copies the latest facts of the chain onto the unit', () => {
    const s = snapshotState([
      { unitId: 'B1', level: 'box' },
      { unitId: 'C', level: 'case', holder: { orgId: 'X', seq: 9 }, allocation: { dealerId: 'D', seq: 2 } },
    ]);
    expect(s).toEqual({ unitId: 'B1', level: 'box', holder: { orgId: 'X', seq: 9 }, allocation: { dealerId: 'D', seq: 2 }, shipment: null });
  });

  it('packs children of a lower level held by the same org; a retried pack is a no-op', () => {
    const w = world();
    w.parent.B1 = null;
    const child = { ...w.unit('B1'), parentUnitId: null };
    const plan = mustOk(planPack({ ...w.ctx(admin), parent: w.unit('C2'), children: [child, child] }));
    expect(plan.links).toEqual([{ childUnitId: 'B1', parentUnitId: 'C2' }]);
    expect(plan.event).toMatchObject({ bizStep: 'packing', codes: ['CODE-B1'], parentCode: 'CODE-C2', orgId: BRAND });
    const retry = mustOk(planPack({ ...w.ctx(admin), parent: w.unit('C2'), children: [{ ...child, parentUnitId: 'C2' }] }));
    expect(retry.links).toEqual([]);
    expect(retry.alreadyPacked).toEqual(['CODE-B1']);
  });

  it('refuses a child of the wrong level or product, one still packed elsewhere, or one held by another org', () => {
    const w = world();
    const c2 = w.unit('C2');
    expect(planPack({ ...w.ctx(admin), parent: w.unit('B1'), children: [{ ...c2, parentUnitId: null }] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', field: 'children[0]' },
    });
    expect(planPack({ ...w.ctx(admin), parent: c2, children: [{ ...w.unit('B2'), productId: 'Q', parentUnitId: null }] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(planPack({ ...w.ctx(admin), parent: c2, children: [{ ...w.unit('B2'), parentUnitId: 'C' }] })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    w.store(mustOk(planReceive({ ...w.ctx(storeClerk), receiver: store, units: [w.unit('I1')] })));
    w.parent.I1 = null;
    expect(planPack({ ...w.ctx(admin), parent: w.unit('B2'), children: [{ ...w.unit('I1'), parentUnitId: null }] })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });
});
