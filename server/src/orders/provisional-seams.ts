/**
 * PROVISIONAL, replaced when the stock module lands (server/src/stock/): the order module's stock
 * seams with their planned signatures, backed by `meta` documents. The order module imports only
 * `./seams.js`, which switches to the real module on merge. (The trade seams are real:
 * server/src/trade/.)
 */
import { err, ok, type Result } from '@channel-router/shared';
import { C } from '../db/collections.js';
import { txGet, type Tx } from '../db/transact.js';

interface StockDoc {
  onHand: number;
  reserved: number;
}
type StockOp = { orgId: string; ref: string; key: string; lines: ReadonlyArray<{ productId: string; items: number }>; at_ms: number };

const stockId = (orgId: string, productId: string) => `stock:${orgId}:${productId}`;

async function apply(tx: Tx, op: StockOp, f: (s: StockDoc, items: number, i: number) => Result<StockDoc>): Promise<Result<true>> {
  const byProduct = new Map<string, { items: number; first: number }>();
  op.lines.forEach((l, i) => {
    const cur = byProduct.get(l.productId);
    byProduct.set(l.productId, { items: (cur?.items ?? 0) + l.items, first: cur?.first ?? i });
  });
  const writes: Array<[string, StockDoc]> = [];
  for (const [productId, { items, first }] of byProduct) {
    const id = stockId(op.orgId, productId);
    const s = (await txGet<StockDoc>(tx, C.meta, id)) ?? { onHand: 0, reserved: 0 };
    const next = f({ onHand: s.onHand, reserved: s.reserved }, items, first);
    if (!next.ok) return next;
    writes.push([id, next.data]);
  }
  for (const [id, s] of writes) await tx.collection(C.meta).doc(id).set({ ...s, updatedAt: op.at_ms });
  return ok(true);
}

export function reserveInTx(tx: Tx, op: StockOp): Promise<Result<true>> {
  return apply(tx, op, (s, items, i) => (s.onHand - s.reserved < items ? err('OUT_OF_STOCK', `only ${s.onHand - s.reserved} items available`, `lines[${i}]`) : ok({ ...s, reserved: s.reserved + items })));
}

export function releaseInTx(tx: Tx, op: StockOp): Promise<Result<true>> {
  return apply(tx, op, (s, items) => ok({ ...s, reserved: s.reserved - items }));
}

export function consumeReservationInTx(tx: Tx, op: StockOp): Promise<Result<true>> {
  return apply(tx, op, (s, items) => ok({ onHand: s.onHand - items, reserved: s.reserved - items }));
}
