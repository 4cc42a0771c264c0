/** The batches list (admin app). */
import { err, ok, type ActionRes, type ListBatchesReq, type Result } from '@channel-router/shared';
import { hasBrandRole, membershipsOf } from '../channel/access.js';
import { C } from '../db/collections.js';
import type { AuthedContext } from '../runtime/action.js';
import type { BatchDoc } from './model.js';

const LIST_MAX = 500;

export async function listBatches(ctx: AuthedContext, input: ListBatchesReq): Promise<Result<ActionRes<'codes', 'listBatches'>>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  if (!hasBrandRole(ms, ['admin'])) return err('FORBIDDEN', 'only a brand admin can list batches');
  const where = input.productId ? { productId: input.productId } : {};
  const res = await ctx.db.collection(C.batches).where(where).orderBy('batchNo', 'desc').limit(LIST_MAX).get();
  return ok({
    batches: (res.data as BatchDoc[]).map((b) => ({ id: b._id, batchNo: b.batchNo, productId: b.productId, cases: b.cases, counts: b.counts, createdAt: b.createdAt })),
  });
}
