import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buyerTargetKeys, policyTargetKeys, resolvePrice, type BuyerProfile, type PricePolicy } from './prices.js';

// Goal: the resolution order of docs/ordering.md holds scope by scope, and within a scope the
// priority / minimum quantity / latest-from rule picks the winner.

const T0 = 1_700_000_000_000;
const SELLER = 'dealer_gz';
const buyer: BuyerProfile = { orgId: 'store_a', kind: 'store', regionCode: '440106', level: 'A', groupIds: ['g1', 'g2'] };
const LIST = { dealer: 8000, wholesaler: 9000, store: 10000 };

let seq = 0;
function pol(scope: PricePolicy['scope'], targetIds: string[], price: number, extra: Partial<PricePolicy> & { minQuantity?: number; productId?: string } = {}): PricePolicy {
  const { minQuantity, productId, ...rest } = extra;
  return {
    id: `p${String(++seq).padStart(3, '0')}`,
    sellerOrgId: SELLER,
    scope,
    targetIds,
    items: [{ productId: productId ?? 'soy', price, ...(minQuantity === undefined ? {} : { minQuantity }) }],
    from: T0 - 1000,
    to: T0 + 1000,
    priority: 0,
    enabled: true,
    ...rest,
  };
}

function price(policies: PricePolicy[], quantity = 1, at_ms = T0, b: BuyerProfile = buyer) {
  return resolvePrice({ sellerOrgId: SELLER, buyer: b, productId: 'soy', quantity, at_ms, policies, listPrices: LIST });
}

describe('resolvePrice: scope order', () => {
  const customer = pol('customer', ['store_a'], 9100);
  const group = pol('group', ['g2'], 9200);
  const level = pol('level', ['A'], 9300);
  const county = pol('region', ['440106'], 9400);
  const city = pol('region', ['440100'], 9500);
  const province = pol('region', ['440000'], 9600);
  const all = pol('all', [], 9700);
  const every = [all, province, city, county, level, group, customer];
  const rows: Array<[string, PricePolicy[], number, string]> = [
    ['customer beats all others', every, 9100, 'customer'],
    ['group next', every.filter((p) => p !== customer), 9200, 'group'],
    ['level next', [all, province, city, county, level], 9300, 'level'],
    ['county before city', [all, province, city, county], 9400, 'region'],
    ['city before province', [all, province, city], 9500, 'region'],
    ['province before all', [all, province], 9600, 'region'],
    ['all before list', [all], 9700, 'all'],
    ['list price for the buyer kind', [], 10000, 'list'],
  ];
  for (const [goal, policies, unitPrice, scope] of rows) {
    it(goal, () => {
      const r = price(policies);
      expect(r?.unitPrice).toBe(unitPrice);
      expect(r?.source.scope).toBe(scope);
    });
  }

  it('a customer policy for another buyer, a group the buyer is not in, another level or region do not apply', () => {
    const r = price([pol('customer', ['store_b'], 1), pol('group', ['g9'], 2), pol('level', ['B'], 3), pol('region', ['110000'], 4), pol('region', ['440103'], 5)]);
    expect(r).toEqual({ unitPrice: 10000, source: { scope: 'list' } });
  });

  it('another seller\'s policies never apply', () => {
    expect(price([pol('all', [], 1, { sellerOrgId: 'other' })])?.unitPrice).toBe(10000);
  });

  it('no policy and no list price: null (NOT_ORDERABLE)', () => {
    expect(resolvePrice({ sellerOrgId: SELLER, buyer, productId: 'soy', quantity: 1, at_ms: T0, policies: [], listPrices: null })).toBeNull();
    expect(resolvePrice({ sellerOrgId: SELLER, buyer, productId: 'other', quantity: 1, at_ms: T0, policies: [pol('all', [], 5)], listPrices: null })).toBeNull();
  });

  it('a buyer without level or groups skips those scopes', () => {
    const plain: BuyerProfile = { ...buyer, level: null, groupIds: [] };
    expect(price([pol('level', ['A'], 1), pol('group', ['g1'], 2), pol('all', [], 3)], 1, T0, plain)?.unitPrice).toBe(3);
  });
});

describe('resolvePrice: within a scope', () => {
  it('higher priority wins over a lower price', () => {
    const hi = pol('all', [], 9000, { priority: 5 });
    const lo = pol('all', [], 8000, { priority: 1 });
    expect(price([lo, hi])).toEqual({ unitPrice: 9000, source: { scope: 'all', policyId: hi.id } });
  });

  it('same priority: the largest minimum quantity not above the quantity', () => {
    const q1 = pol('all', [], 9000);
    const q10 = pol('all', [], 8500, { minQuantity: 10 });
    const q50 = pol('all', [], 8000, { minQuantity: 50 });
    expect(price([q1, q10, q50], 9)?.unitPrice).toBe(9000);
    expect(price([q1, q10, q50], 10)?.unitPrice).toBe(8500);
    expect(price([q1, q10, q50], 49)?.unitPrice).toBe(8500);
    expect(price([q1, q10, q50], 50)?.unitPrice).toBe(8000);
  });

  it('a minimum quantity above the quantity falls through to the next scope', () => {
    expect(price([pol('customer', ['store_a'], 1, { minQuantity: 5 }), pol('all', [], 2)], 4)?.unitPrice).toBe(2);
  });

  it('same priority and minimum: the latest from', () => {
    const older = pol('all', [], 9000, { from: T0 - 500 });
    const newer = pol('all', [], 9500, { from: T0 - 100 });
    expect(price([newer, older])?.unitPrice).toBe(9500);
    expect(price([older, newer])?.unitPrice).toBe(9500);
  });

  it('in several groups: the lowest of each group\'s winner', () => {
    expect(price([pol('group', ['g1'], 9300), pol('group', ['g2'], 9100)])?.unitPrice).toBe(9100);
    // In g1 the priority rule picks 9600 over 8000; g2 offers 9200: the lowest winner is 9200.
    expect(price([pol('group', ['g1'], 9600, { priority: 2 }), pol('group', ['g1'], 8000), pol('group', ['g2'], 9200)])?.unitPrice).toBe(9200);
  });

  it('expired, not yet valid and disabled policies are ignored; to is exclusive, from inclusive', () => {
    const ended = pol('all', [], 1, { to: T0 });
    const future = pol('all', [], 2, { from: T0 + 1 });
    const off = pol('all', [], 3, { enabled: false });
    expect(price([ended, future, off])?.source.scope).toBe('list');
    expect(price([pol('all', [], 4, { from: T0 })])?.unitPrice).toBe(4);
  });
});

describe('target keys', () => {
  it('every policy that can reach a buyer is filed under one of the buyer\'s keys', () => {
    const keys = new Set(buyerTargetKeys(buyer));
    for (const p of [pol('customer', ['store_a'], 1), pol('group', ['g2'], 1), pol('level', ['A'], 1), pol('region', ['440000'], 1), pol('region', ['440106'], 1), pol('all', [], 1)]) {
      expect(policyTargetKeys(p).some((k) => keys.has(k))).toBe(true);
    }
    expect(policyTargetKeys(pol('region', ['110000'], 1)).some((k) => keys.has(k))).toBe(false);
  });
});

describe('resolvePrice: properties', () => {
  const scopeArb = fc.constantFrom('customer', 'group', 'level', 'region', 'all') as fc.Arbitrary<PricePolicy['scope']>;
  const targetsFor: Record<PricePolicy['scope'], string[]> = {
    customer: ['store_a', 'store_b'],
    group: ['g1', 'g2', 'g3'],
    level: ['A', 'B'],
    region: ['440106', '440100', '440000', '110000'],
    all: [],
  };
  const policiesArb = () => fc.array(policyArbOne, { maxLength: 25 }).map((ps) => ps.map((p, i) => ({ ...p, id: `q${String(i).padStart(2, '0')}` })));
  const policyArbOne = fc
    .record({
      scope: scopeArb,
      t: fc.nat(3),
      price: fc.integer({ min: 1, max: 20000 }),
      minQuantity: fc.integer({ min: 1, max: 20 }),
      priority: fc.integer({ min: 0, max: 3 }),
      from: fc.integer({ min: -2000, max: 0 }),
      to: fc.integer({ min: 1, max: 2000 }),
      enabled: fc.boolean(),
      seller: fc.constantFrom(SELLER, SELLER, 'other'),
    })
    .map((r): PricePolicy => {
      const ts = targetsFor[r.scope];
      return {
        id: '',
        sellerOrgId: r.seller,
        scope: r.scope,
        targetIds: ts.length === 0 ? [] : [ts[r.t % ts.length]!],
        items: [{ productId: 'soy', price: r.price, minQuantity: r.minQuantity }],
        from: T0 + r.from,
        to: T0 + r.to,
        priority: r.priority,
        enabled: r.enabled,
      };
    });

  it('the answer comes from a live, applicable policy of the seller (or the list price), and does not depend on order', () => {
    fc.assert(
      fc.property(policiesArb(), fc.integer({ min: 1, max: 25 }), (policies, quantity) => {
        const r = price(policies, quantity)!;
        const reversed = price([...policies].reverse(), quantity)!;
        expect(reversed).toEqual(r);
        const keys = new Set(buyerTargetKeys(buyer));
        if (r.source.scope === 'list') {
          expect(r.unitPrice).toBe(LIST.store);
          // No live applicable policy of the seller exists at all.
          for (const p of policies) {
            const applicable = p.sellerOrgId === SELLER && p.enabled && p.from <= T0 && T0 < p.to && policyTargetKeys(p).some((k) => keys.has(k)) && (p.items[0]!.minQuantity ?? 1) <= quantity;
            expect(applicable).toBe(false);
          }
        } else {
          const p = policies.find((x) => x.id === r.source.policyId)!;
          expect(p.sellerOrgId).toBe(SELLER);
          expect(p.enabled).toBe(true);
          expect(p.from <= T0 && T0 < p.to).toBe(true);
          expect(p.items[0]!.minQuantity! <= quantity).toBe(true);
          expect(policyTargetKeys(p).some((k) => keys.has(k))).toBe(true);
          expect(p.items[0]!.price).toBe(r.unitPrice);
        }
      }),
      { seed: 20261204, numRuns: 300 },
    );
  });

  it('resolving with only the policies filed under the buyer\'s keys gives the same answer (the indexed load is enough)', () => {
    fc.assert(
      fc.property(policiesArb(), fc.integer({ min: 1, max: 25 }), (policies, quantity) => {
        const keys = new Set(buyerTargetKeys(buyer));
        const loaded = policies.filter((p) => p.sellerOrgId === SELLER && policyTargetKeys(p).some((k) => keys.has(k)));
        expect(price(loaded, quantity)).toEqual(price(policies, quantity));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
