/**
 * Price floors (控价, docs/trade.md#prices): the brand may set, per product, the
 * lowest unit price any seller may charge each kind of buyer. A seller's price is checked on save
 * against the floor of every buyer kind it can reach: a price for named customers reaches their
 * kinds; any other scope reaches every kind the seller may sell to.
 */
import { UPSTREAM_KINDS, type ChannelOrgKind, type OrgKind } from '../model.js';
import { err, ok, type Result } from '../result.js';
import { BUYER_KINDS, type PolicyItem } from './prices.js';

export type KindFloors = Partial<Record<ChannelOrgKind, number>>;

/**
 * The kinds of buyer an org of `sellerKind` may sell to: those whose upstream may be of its kind.
 * The brand also supplies any org by a direct relation, so it reaches every kind.
 */
export function kindsSoldTo(sellerKind: OrgKind): ChannelOrgKind[] {
  if (sellerKind === 'brand') return [...BUYER_KINDS];
  return BUYER_KINDS.filter((k) => UPSTREAM_KINDS[k].includes(sellerKind));
}

/**
 * PRICE_BELOW_FLOOR naming `items[i].price` for the first item priced below the floor of a kind
 * in `kinds`; a product without floors is free.
 */
export function checkFloors(items: readonly Pick<PolicyItem, 'productId' | 'price'>[], kinds: readonly ChannelOrgKind[], floorsOf: (productId: string) => KindFloors | null): Result<true> {
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const floors = floorsOf(it.productId);
    if (floors === null) continue;
    for (const k of kinds) {
      const floor = floors[k];
      if (floor !== undefined && it.price < floor) {
        return err('PRICE_BELOW_FLOOR', `${it.price} fen is below the brand's floor of ${floor} fen for ${k}s`, `items[${i}].price`);
      }
    }
  }
  return ok(true);
}
