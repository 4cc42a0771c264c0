/**
 * Price floors (控价, docs/ordering.md): the brand may set, per product and buyer kind, the lowest
 * unit price any seller may charge. Every price a seller sets is checked on save against the floor
 * of each buyer kind the price can reach.
 */
import type { OrgKind } from '../model.js';
import type { BuyerKind, PolicyItem, PriceScope } from './prices.js';

export type Floors = Partial<Record<BuyerKind, number>>;

/**
 * The buyer kinds a seller of `sellerKind` can sell to. The brand can reach every kind (a direct
 * relation may make any store its customer); a dealer supplies wholesalers and stores; a
 * wholesaler stores; a store sells to no org.
 */
export function kindsSoldTo(sellerKind: OrgKind): BuyerKind[] {
  switch (sellerKind) {
    case 'brand':
      return ['dealer', 'wholesaler', 'store'];
    case 'dealer':
      return ['wholesaler', 'store'];
    case 'wholesaler':
      return ['store'];
    case 'store':
      return [];
  }
}

/**
 * The kinds a policy can reach: for `customer`, the kinds of the named buyers; for any other
 * scope, every kind the seller sells to (a group, level or region may gain a buyer of any kind
 * later, so the strictest floor among them applies).
 */
export function kindsReached(sellerKind: OrgKind, scope: PriceScope, customerKinds: readonly BuyerKind[]): BuyerKind[] {
  const sold = kindsSoldTo(sellerKind);
  if (scope !== 'customer') return sold;
  return sold.filter((k) => customerKinds.includes(k));
}

export interface FloorBreach {
  index: number;
  productId: string;
  kind: BuyerKind;
  floor: number;
  price: number;
}

/** The first item priced below the floor of a kind it can reach, or null when all are at or above. */
export function firstFloorBreach(
  items: readonly PolicyItem[],
  kinds: readonly BuyerKind[],
  floorsOf: (productId: string) => Floors | null,
): FloorBreach | null {
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const floors = floorsOf(it.productId);
    if (floors === null) continue;
    for (const kind of kinds) {
      const floor = floors[kind];
      if (floor !== undefined && it.price < floor) return { index: i, productId: it.productId, kind, floor, price: it.price };
    }
  }
  return null;
}
