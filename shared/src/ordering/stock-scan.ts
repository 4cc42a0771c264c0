/**
 * What a custody scan does to stock (docs/stock.md): stock follows custody. An org's onHand of a
 * product is the items it holds (received, or the brand's produced goods stocked in) and has not
 * shipped. So a ship posts `ship` at the shipper; a receive posts `receive` at the receiver
 * (`return_in` when the goods come back from one of its customers), and, when the goods were
 * taken from an org that never shipped them, an `adjust` down at that org. Nothing here reads or
 * writes.
 */
import { resolveCustody, type UnitState } from '../custody/state.js';

export interface ScanStockUnit {
  unitId: string;
  productId: string;
  /** Items inside the unit. */
  itemCount: number;
  /** [own state, parent's, ...] as loaded before the scan. */
  chain: readonly UnitState[];
  /**
   * Items of the unit in the brand's stock while the brand holds it without ever having received
   * it (its produced goods): the items stocked in by a production stock-in (0..itemCount).
   */
  brandStockedItems: number;
}

export interface ScanStockInput {
  kind: 'ship' | 'receive';
  brandId: string;
  /** The shipper (ship) or the receiver (receive). */
  orgId: string;
  /** The units the scan kept (not repeated, not inside another scanned unit). */
  units: readonly ScanStockUnit[];
  /** Receive: orgs whose shipments to the receiver are goods coming back (its customers). */
  customersOfReceiver?: ReadonlySet<string>;
}

export type ScanMoveType = 'production_in' | 'receive' | 'return_in' | 'ship' | 'adjust';

export interface ScanStockMove {
  orgId: string;
  productId: string;
  type: ScanMoveType;
  /** Positive, except `adjust`: the signed change. */
  items: number;
}

function add(out: Map<string, ScanStockMove>, orgId: string, productId: string, type: ScanMoveType, items: number): void {
  if (items === 0) return;
  const k = `${orgId}|${productId}|${type}`;
  const m = out.get(k);
  if (m) m.items += items;
  else out.set(k, { orgId, productId, type, items });
}

/** The stock moves of a scan, summed per org, product and type; goods in first. */
export function scanStockMoves(input: ScanStockInput): ScanStockMove[] {
  const out = new Map<string, ScanStockMove>();
  for (const u of input.units) {
    if (!(Number.isSafeInteger(u.itemCount) && u.itemCount >= 0)) throw new Error(`bad itemCount for ${u.unitId}`);
    if (!(Number.isSafeInteger(u.brandStockedItems) && u.brandStockedItems >= 0 && u.brandStockedItems <= u.itemCount)) throw new Error(`bad brandStockedItems for ${u.unitId}`);
    const c = resolveCustody(u.chain, input.brandId);
    const n = u.itemCount;
    const implicitBrand = c.holderOrgId === input.brandId && c.holderSeq === 0;
    if (input.kind === 'ship') {
      if (c.holderOrgId === input.orgId) {
        if (c.inTransit !== null) continue; // shipped before and not received since: already out
        // The brand's produced goods never stocked in are stocked in as they leave.
        if (implicitBrand) add(out, input.orgId, u.productId, 'production_in', n - u.brandStockedItems);
        add(out, input.orgId, u.productId, 'ship', n);
      } else if (c.inTransit?.toOrgId === input.orgId) {
        // Shipped on without being scanned in: an implicit receipt, then the ship.
        add(out, input.orgId, u.productId, 'receive', n);
        add(out, input.orgId, u.productId, 'ship', n);
      }
      continue;
    }
    // receive
    if (c.holderOrgId === input.orgId && c.inTransit === null) continue; // already held
    if (c.inTransit !== null) {
      const back = input.customersOfReceiver?.has(c.inTransit.fromOrgId) ?? false;
      add(out, input.orgId, u.productId, back ? 'return_in' : 'receive', n);
      continue;
    }
    // Taken from an org that never shipped it: that org's stock goes down.
    const lost = implicitBrand ? u.brandStockedItems : n;
    add(out, c.holderOrgId, u.productId, 'adjust', -lost);
    add(out, input.orgId, u.productId, 'receive', n);
  }
  // Goods in before goods out, so an implicit receipt covers the ship that follows it.
  const rank: Record<ScanMoveType, number> = { production_in: 0, receive: 1, return_in: 2, adjust: 3, ship: 4 };
  return [...out.values()].filter((m) => m.items !== 0).sort((a, b) => rank[a.type] - rank[b.type]);
}

/**
 * Items of [first, first + count) inside the union of `ranges` (item index ranges of a batch):
 * how much of a unit a set of stock-in marks covers.
 */
export function coveredItems(first: number, count: number, ranges: ReadonlyArray<{ first: number; count: number }>): number {
  const parts = ranges
    .map((r) => ({ a: Math.max(first, r.first), b: Math.min(first + count, r.first + r.count) }))
    .filter((p) => p.b > p.a)
    .sort((x, y) => x.a - y.a);
  let covered = 0;
  let end = first;
  for (const p of parts) {
    const a = Math.max(p.a, end);
    if (p.b > a) {
      covered += p.b - a;
      end = p.b;
    }
  }
  return covered;
}
