/**
 * Batches (print runs), their export, and repacking. A batch stores its layout and key slot,
 * never its codes: every code is derived from the batch number, the level, the index and the key.
 */
import {
  batchCodeTree,
  childrenRange,
  encodeCode,
  type Person,
  err,
  layoutCounts,
  MAX_TREE_CASES,
  ok,
  planPack,
  planUnpack,
  validateLayout,
  type ActionRes,
  type CodeKeyring,
  type CreateBatchReq,
  type ExportBatchReq,
  type PackReq,
  type Result,
  type UnpackReq,
} from '@channel-router/shared';
import { loadPerson } from '../channel/person.js';
import { derivedId, newId } from '../channel/ids.js';
import { BRAND_ORG_ID, type ProductDoc } from '../channel/model.js';
import { storeEvent, storeParents } from '../custody/store.js';
import { adjustItemCounts, loadUnits, nextSeq, stateOf, verifyCodes, type LoadedUnit, type UnitDoc } from '../custody/units.js';
import { C } from '../db/collections.js';
import { getById } from '../db/ops.js';
import { transact, txGet } from '../db/transact.js';
import type { AuthedContext } from '../runtime/action.js';
import { cloudApp } from '../runtime/cloud.js';
import { exportPrintFile } from './export-file.js';
import { keyring } from './keyring.js';
import { layoutOf } from './batches.js';
import type { BatchDoc } from './model.js';


const BATCH_COUNTER_ID = 'batchCounter';

function isAdmin(p: Person): boolean {
  return p.memberships.some((m) => m.orgId === BRAND_ORG_ID && m.role === 'admin');
}

/** The keyring with the batch's own key slot active: its codes stay the same after a rotation. */
export function keyringForBatch(b: BatchDoc): CodeKeyring {
  const kr = keyring();
  return { activeSlot: b.keySlot as CodeKeyring['activeSlot'], slots: kr.slots };
}

export async function createBatch(ctx: AuthedContext, input: CreateBatchReq): Promise<Result<ActionRes<'codes', 'createBatch'>>> {
  const person = await loadPerson(ctx.db, ctx.caller.unionId);
  if (!isAdmin(person)) return err('FORBIDDEN', 'only a brand admin can create code batches');
  const product = await getById<ProductDoc>(ctx.db, C.products, input.productId);
  if (product === null) return err('NOT_FOUND', 'product not found', 'productId');
  const probe = validateLayout({ batchNo: 0, cases: input.cases, ...product.packaging });
  if (!probe.ok) return probe;
  const counts = layoutCounts(probe.data);
  // With a requestId the batch id is derived from it: a retry finds the first attempt's batch.
  const batchId = input.requestId === undefined ? newId('bat') : derivedId('bat', 'createBatch', input.requestId);
  const slot = keyring().activeSlot;
  // The batch number is allocated and the batch stored in one transaction: numbers are never reused.
  const created = await transact<BatchDoc>(ctx.db, async (tx) => {
    if (input.requestId !== undefined) {
      const first = await txGet<Omit<BatchDoc, '_id'>>(tx, C.batches, batchId);
      if (first !== null) {
        const same = first.productId === product._id && first.cases === input.cases;
        return same ? ok({ ...first, _id: batchId }) : err('CONFLICT', 'this requestId was already used for another batch', 'requestId');
      }
    }
    const counter = await txGet<{ next: number }>(tx, C.meta, BATCH_COUNTER_ID);
    const batchNo = counter?.next ?? 1;
    const batch: BatchDoc = {
      _id: batchId,
      batchNo,
      productId: product._id,
      cases: input.cases,
      itemsPerBox: product.packaging.itemsPerBox,
      boxesPerCase: product.packaging.boxesPerCase,
      counts: { case: counts.case, box: counts.box, item: counts.item },
      keySlot: slot,
      createdAt: ctx.now_ms,
      createdBy: ctx.caller.unionId,
    };
    await tx.collection(C.meta).doc(BATCH_COUNTER_ID).set({ next: batchNo + 1 });
    const { _id, ...fields } = batch;
    await tx.collection(C.batches).doc(_id).set(fields);
    return ok(batch);
  });
  if (!created.ok) return created;
  return ok({ batchId, counts: created.data.counts });
}

export async function exportBatch(ctx: AuthedContext, input: ExportBatchReq): Promise<Result<ActionRes<'codes', 'exportBatch'>>> {
  const person = await loadPerson(ctx.db, ctx.caller.unionId);
  if (!isAdmin(person)) return err('FORBIDDEN', 'only a brand admin can export code batches');
  const batch = await getById<BatchDoc>(ctx.db, C.batches, input.batchId);
  if (batch === null) return err('NOT_FOUND', 'batch not found', 'batchId');
  if (batch.cases > MAX_TREE_CASES) {
    // Too large to answer inline: the print file goes to cloud storage and the reply links to it.
    const batchId = batch._id ?? input.batchId;
    const file = await exportPrintFile(cloudApp(), { batchId, layout: layoutOf({ ...batch, _id: batchId }), keyring: keyringForBatch(batch), now_ms: ctx.now_ms });
    return file.ok ? ok({ file: file.data }) : file;
  }
  return ok({ cases: batchCodeTree(layoutOf({ ...batch, _id: batch._id ?? input.batchId }), keyringForBatch(batch)).cases });
}

export async function pack(ctx: AuthedContext, input: PackReq): Promise<Result<ActionRes<'codes', 'pack'>>> {
  const parentV = verifyCodes([input.parent], () => 'parent', { visibleOnly: true });
  if (!parentV.ok) return parentV;
  const childrenV = verifyCodes(input.children, (i) => `children[${i}]`, { visibleOnly: true });
  if (!childrenV.ok) return childrenV;
  const person = await loadPerson(ctx.db, ctx.caller.unionId);
  if (!isAdmin(person)) return err('FORBIDDEN', 'only a brand admin can repack');
  const loaded = await loadUnits(ctx.db, [...parentV.data, ...childrenV.data], (i) => (i === 0 ? 'parent' : `children[${i - 1}]`));
  if (!loaded.ok) return loaded;
  const [parent, ...children] = loaded.data as [LoadedUnit, ...LoadedUnit[]];
  const plan = planPack({
    eventId: newId('evt'),
    seq: nextSeq(ctx.now_ms),
    at: ctx.now_ms,
    actor: person,
    brandId: BRAND_ORG_ID,
    parent,
    children: children.map((c) => ({ ...c, parentUnitId: c.parentUnitId })),
  });
  if (!plan.ok) return plan;
  const byId = new Map(children.map((c) => [c.unitId, c]));
  // The child keeps its custody facts; only its parent changes (recorded by the event).
  await storeParents(
    ctx.db,
    plan.data.links.map((l) => {
      const child = byId.get(l.childUnitId)!;
      return { unit: child, state: stateOf(child.unitId, child.docs), parentUnitId: l.parentUnitId };
    }),
  );
  const packedItems = plan.data.links.reduce((n, l) => n + byId.get(l.childUnitId)!.itemCount, 0);
  await adjustItemCounts(ctx.db, parent, parent.chain.map((s) => s.unitId), packedItems);
  await storeEvent(ctx.db, plan.data.event, new Map(loaded.data.map((u) => [u.unitId, u.productId])));
  return ok({ parent: parent.code, packed: plan.data.links.length });
}

const UNPACK_CHILDREN_MAX = 10_000;

export async function unpack(ctx: AuthedContext, input: UnpackReq): Promise<Result<ActionRes<'codes', 'unpack'>>> {
  const parentV = verifyCodes([input.parent], () => 'parent');
  if (!parentV.ok) return parentV;
  const person = await loadPerson(ctx.db, ctx.caller.unionId);
  if (!isAdmin(person)) return err('FORBIDDEN', 'only a brand admin can unpack');
  const loaded = await loadUnits(ctx.db, parentV.data, () => 'parent');
  if (!loaded.ok) return loaded;
  const parent = loaded.data[0]!;
  // Direct children: those the layout put in the parent and that were not moved out since, plus
  // those packed into it later.
  const range = childrenRange(parent.level, parent.verified.index, layoutOf(parent.batch));
  const kr = keyringForBatch(parent.batch);
  const implied = range ? Array.from({ length: Math.min(range.count, UNPACK_CHILDREN_MAX) }, (_, i) => encodeCode({ batchNo: parent.batch.batchNo, level: range.level, kind: 'visible', index: range.first + i }, kr)) : [];
  const packedIn = await ctx.db.collection(C.units).where({ parentUnitId: parent.unitId }).limit(1000).get();
  const extra = (packedIn.data as UnitDoc[]).map((d) => encodeCode({ batchNo: d.batchNo, level: d.level as 'item', kind: 'visible', index: d.index }, kr));
  const childCodes = verifyCodes([...implied, ...extra], (i) => `children[${i}]`);
  if (!childCodes.ok) throw new Error('derived child codes do not verify');
  const kids = await loadUnits(ctx.db, childCodes.data, (i) => `children[${i}]`);
  if (!kids.ok) return kids;
  const children = kids.data.filter((c) => c.parentUnitId === parent.unitId);
  const plan = planUnpack({ eventId: newId('evt'), seq: nextSeq(ctx.now_ms), at: ctx.now_ms, actor: person, brandId: BRAND_ORG_ID, parent, children });
  if (!plan.ok) return plan;
  const byId = new Map(children.map((c) => [c.unitId, c]));
  await storeParents(
    ctx.db,
    plan.data.states.map((s) => ({ unit: byId.get(s.unitId)!, state: s, parentUnitId: null })),
  );
  const released = children.reduce((n, c) => n + c.itemCount, 0);
  await adjustItemCounts(ctx.db, parent, parent.chain.map((s) => s.unitId), -released);
  await storeEvent(ctx.db, plan.data.event, new Map(children.map((u) => [u.unitId, u.productId])));
  return ok({ parent: parent.code, unpacked: children.length });
}
