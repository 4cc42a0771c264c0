import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buyerKeys, policyKeys, resolveLines, resolvePrice, type BuyerForPricing, type PricePolicy } from './prices.js';
import { checkFloors, kindsSoldTo } from './floors.js';

const T = 1_000_000;
const buyer: BuyerForPricing = { buyerOrgId: 'store_1', kind: 'store', level: 'A', groupIds: ['g1', 'g2'], regionCode: '440106' };

let n = 0;
function policy(p: Partial<PricePolicy> & Pick<PricePolicy, 'scope'> & { price: number; minQuantity?: number; productId?: string }): PricePolicy {
  n++;
  return {
    policyId: p.policyId ?? `pp_${String(n).padStart(4, '0')}`,
    scope: p.scope,
    targetIds: p.targetIds ?? [],
    items: [{ productId: p.productId ?? 'p1', price: p.price, ...(p.minQuantity !== undefined ? { minQuantity: p.minQuantity } : {}) }],
    from_ms: p.from_ms ?? 0,
    to_ms: p.to_ms ?? 2 * T,
    priority: p.priority ?? 0,
    enabled: p.enabled ?? true,
  };
}

describe('resolvePrice: the first scope with a price wins', () => {
  // Goal: each scope beats every scope after it, and the list price is the last resort.
  const cust = policy({ scope: 'customer', targetIds: ['store_1'], price: 100, policyId: 'c' });
  const grp = policy({ scope: 'group', targetIds: ['g2'], price: 200, policyId: 'g' });
  const lvl = policy({ scope: 'level', targetIds: ['A'], price: 300, policyId: 'l' });
  const county = policy({ scope: 'region', targetIds: ['440106'], price: 400, policyId: 'r1' });
  const city = policy({ scope: 'region', targetIds: ['440100'], price: 410, policyId: 'r2' });
  const province = policy({ scope: 'region', targetIds: ['440000'], price: 420, policyId: 'r3' });
  const all = policy({ scope: 'all', price: 500, policyId: 'a' });
  const order = [cust, grp, lvl, county, city, province, all];
  const rows: Array<[string, PricePolicy[], number, string]> = [
    ['customer first', order, 100, 'customer'],
    ['then group', order.slice(1), 200, 'group'],
    ['then level', order.slice(2), 300, 'level'],
    ['then the county', order.slice(3), 400, 'region'],
    ['then the city', order.slice(4), 410, 'region'],
    ['then the province', order.slice(5), 420, 'region'],
    ['then all', order.slice(6), 500, 'all'],
    ['then the list price', [], 999, 'list'],
  ];
  for (const [name, ps, price, scope] of rows) {
    it(name, () => {
      const r = resolvePrice(ps, buyer, 'p1', 1, T, 999);
      expect(r).toMatchObject({ unitPrice: price, source: { scope } });
    });
  }
  it('a policy for another customer, group, level or region does not apply', () => {
    const others = [
      policy({ scope: 'customer', targetIds: ['store_2'], price: 1 }),
      policy({ scope: 'group', targetIds: ['g9'], price: 2 }),
      policy({ scope: 'level', targetIds: ['B'], price: 3 }),
      policy({ scope: 'region', targetIds: ['110000'], price: 4 }),
      policy({ scope: 'all', price: 5, productId: 'p2' }),
    ];
    expect(resolvePrice(others, buyer, 'p1', 1, T, 999)).toEqual({ unitPrice: 999, source: { scope: 'list' } });
  });
  it('no policy and no list price: null; resolveLines names the line', () => {
    expect(resolvePrice([], buyer, 'p1', 1, T, null)).toBeNull();
    const r = resolveLines([], buyer, [{ productId: 'p0', quantity: 1 }, { productId: 'p1', quantity: 1 }], (id) => (id === 'p0' ? 5 : null), T);
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_ORDERABLE', field: 'lines[1].productId' } });
  });
});

describe('resolvePrice within a scope', () => {
  // Goal: priority, then the largest minimum quantity reached, then the latest from.
  it('the higher priority wins over a lower price', () => {
    const ps = [policy({ scope: 'all', price: 100, priority: 0 }), policy({ scope: 'all', price: 150, priority: 5, policyId: 'hi' })];
    expect(resolvePrice(ps, buyer, 'p1', 1, T, 999)?.source.policyId).toBe('hi');
  });
  it('the largest minimum quantity not above the quantity', () => {
    const ps = [policy({ scope: 'all', price: 100, policyId: 'm1' }), policy({ scope: 'all', price: 90, minQuantity: 10, policyId: 'm10' }), policy({ scope: 'all', price: 80, minQuantity: 50, policyId: 'm50' })];
    expect(resolvePrice(ps, buyer, 'p1', 9, T, 999)?.source.policyId).toBe('m1');
    expect(resolvePrice(ps, buyer, 'p1', 10, T, 999)?.source.policyId).toBe('m10');
    expect(resolvePrice(ps, buyer, 'p1', 49, T, 999)?.source.policyId).toBe('m10');
    expect(resolvePrice(ps, buyer, 'p1', 50, T, 999)?.source.policyId).toBe('m50');
  });
  it('then the latest from', () => {
    const ps = [policy({ scope: 'all', price: 100, from_ms: 10, policyId: 'old' }), policy({ scope: 'all', price: 120, from_ms: 20, policyId: 'new' })];
    expect(resolvePrice(ps, buyer, 'p1', 1, T, 999)?.source.policyId).toBe('new');
  });
  it('expired, not yet valid and disabled policies are ignored; windows are half-open', () => {
    const ps = [
      policy({ scope: 'customer', targetIds: ['store_1'], price: 1, to_ms: T }),
      policy({ scope: 'customer', targetIds: ['store_1'], price: 2, from_ms: T + 1 }),
      policy({ scope: 'customer', targetIds: ['store_1'], price: 3, enabled: false }),
      policy({ scope: 'all', price: 500, from_ms: T, policyId: 'ok' }),
    ];
    expect(resolvePrice(ps, buyer, 'p1', 1, T, 999)).toEqual({ unitPrice: 500, source: { scope: 'all', policyId: 'ok' } });
  });
  it('in several groups: the lowest of the groups', () => {
    const ps = [policy({ scope: 'group', targetIds: ['g1'], price: 300 }), policy({ scope: 'group', targetIds: ['g2'], price: 250, policyId: 'low' })];
    expect(resolvePrice(ps, buyer, 'p1', 1, T, 999)?.source.policyId).toBe('low');
  });
});

describe('resolvePrice: properties', () => {
  // Goal: over random policies, the answer comes from the first scope that has any live matching
  // item, is a price of such an item (or the list price), and a policy that cannot reach the buyer
  // never changes the answer.
  const scopeArb = fc.constantFrom('customer', 'group', 'level', 'region', 'all') as fc.Arbitrary<PricePolicy['scope']>;
  const targetFor: Record<PricePolicy['scope'], string[]> = { customer: ['store_1', 'store_2'], group: ['g1', 'g2', 'g3'], level: ['A', 'B'], region: ['440106', '440100', '440000', '110000'], all: [] };
  const policyArb = fc
    .record({ scope: scopeArb, t: fc.nat(3), price: fc.integer({ min: 1, max: 10_000 }), minQuantity: fc.integer({ min: 1, max: 20 }), from_ms: fc.integer({ min: 0, max: 2 * T }), len: fc.integer({ min: 1, max: 2 * T }), priority: fc.integer({ min: 0, max: 3 }), enabled: fc.boolean(), product: fc.constantFrom('p1', 'p2') })
    .map((r) => policy({ scope: r.scope, targetIds: r.scope === 'all' ? [] : [targetFor[r.scope][r.t % targetFor[r.scope].length]!], price: r.price, minQuantity: r.minQuantity, from_ms: r.from_ms, to_ms: r.from_ms + r.len, priority: r.priority, enabled: r.enabled, productId: r.product }));
  const keys = new Set(buyerKeys(buyer));
  const reaches = (p: PricePolicy) => policyKeys(p.scope, p.targetIds).some((k) => keys.has(k));

  it('answers from the first scope with a live item, with a price of that scope', () => {
    fc.assert(
      fc.property(fc.array(policyArb, { maxLength: 25 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 3 * T }), (ps, q, at) => {
        const r = resolvePrice(ps, buyer, 'p1', q, at, 777)!;
        const usable = ps.filter((p) => reaches(p) && p.enabled && p.from_ms <= at && at < p.to_ms && p.items.some((i) => i.productId === 'p1' && (i.minQuantity ?? 1) <= q));
        if (usable.length === 0) return r.unitPrice === 777 && r.source.scope === 'list';
        const rank = (s: string) => ['customer', 'group', 'level', 'region', 'all'].indexOf(s);
        const first = Math.min(...usable.map((p) => rank(p.scope)));
        const chosen = usable.find((p) => p.policyId === r.source.policyId);
        return chosen !== undefined && rank(chosen.scope) === first && chosen.items.some((i) => i.price === r.unitPrice);
      }),
      { seed: 20261204, numRuns: 500 },
    );
  });
  it('policies that cannot reach the buyer change nothing', () => {
    fc.assert(
      fc.property(fc.array(policyArb, { maxLength: 20 }), fc.integer({ min: 1, max: 30 }), (ps, q) => {
        const reaching = ps.filter(reaches);
        expect(resolvePrice(ps, buyer, 'p1', q, T, 777)).toEqual(resolvePrice(reaching, buyer, 'p1', q, T, 777));
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('floors', () => {
  // Goal: a price below the floor of any kind it reaches is refused, naming the item.
  it('kinds a seller reaches', () => {
    expect(kindsSoldTo('brand')).toEqual(['dealer', 'wholesaler', 'store']);
    expect(kindsSoldTo('dealer')).toEqual(['wholesaler', 'store']);
    expect(kindsSoldTo('wholesaler')).toEqual(['store']);
    expect(kindsSoldTo('store')).toEqual([]);
  });
  it('below the floor of a reached kind: PRICE_BELOW_FLOOR naming items[i].price', () => {
    const floors = (id: string) => (id === 'p1' ? { wholesaler: 1_000, store: 1_200 } : null);
    expect(checkFloors([{ productId: 'p2', price: 1 }, { productId: 'p1', price: 1_100 }], ['wholesaler'], floors)).toEqual({ ok: true, data: true });
    expect(checkFloors([{ productId: 'p2', price: 1 }, { productId: 'p1', price: 1_100 }], ['wholesaler', 'store'], floors)).toMatchObject({ ok: false, error: { code: 'PRICE_BELOW_FLOOR', field: 'items[1].price' } });
    expect(checkFloors([{ productId: 'p1', price: 1_200 }], ['store'], floors).ok).toBe(true);
  });
});
