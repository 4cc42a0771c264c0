/**
 * An org's stock: the units it received itself and has not shipped on (one indexed read), with
 * the items inside them. Parts of a received case moved on separately are not subtracted, and
 * redeemed items are not either: this is a receiving record, not a shelf count.
 */
import { encodeCode, err, ok, resolveCustody, type ActionRes, type Result, type StockReq, type UnitLevel } from '@channel-router/shared';
import { hasBrandRole, membershipsOf } from '../channel/access.js';
import { BRAND_ORG_ID } from '../channel/model.js';
import { batchesByNo } from '../codes/batches.js';
import { keyringForBatch } from '../codes/service.js';
import { itemCountOf, type UnitDoc } from '../custody/units.js';
import { C } from '../db/collections.js';
import type { AuthedContext } from '../runtime/action.js';

const STOCK_UNITS_MAX = 1000;

export async function stock(ctx: AuthedContext, input: StockReq): Promise<Result<ActionRes<'report', 'stock'>>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  if (!ms.some((m) => m.orgId === input.orgId) && !hasBrandRole(ms, ['admin', 'inspector'])) return err('FORBIDDEN', 'you are not a member of this organisation', 'orgId');
  const res = await ctx.db.collection(C.units).where({ 'holder.orgId': input.orgId }).limit(STOCK_UNITS_MAX).get();
  const docs = res.data as UnitDoc[];
  const batches = await batchesByNo(ctx.db, docs.map((d) => d.batchNo));
  const units: ActionRes<'report', 'stock'>['units'] = [];
  let items = 0;
  for (const d of docs) {
    const b = batches.get(d.batchNo);
    if (!b) continue;
    // A unit's own holder fact may be outdated by a later scan of its parent; only its own chain
    // knows, and its parent (if any) was read with it when scanned: keep what it says itself.
    const custody = resolveCustody([{ unitId: d._id, level: d.level as UnitLevel, holder: d.holder ?? null, allocation: d.allocation ?? null, shipment: d.shipment ?? null }], BRAND_ORG_ID);
    if (custody.holderOrgId !== input.orgId || custody.inTransit !== null) continue;
    const n = Math.max(0, itemCountOf(d.level as UnitLevel, d.index, b) + (d.itemDelta ?? 0));
    items += n;
    units.push({
      code: encodeCode({ batchNo: b.batchNo, level: d.level as UnitLevel, kind: 'visible', index: d.index }, keyringForBatch(b)),
      level: d.level as UnitLevel,
      productId: b.productId,
      items: n,
      receivedAt: Math.floor((d.holder?.seq ?? 0) / 1000),
    });
  }
  units.sort((a, b) => b.receivedAt - a.receivedAt);
  return ok({ items, units });
}
