/**
 * The promotions backend as the app screens see it: the `trade` actions of promotions, rebate
 * programs, statements and settlement documents (docs/promotions.md#promotions), called through
 * the typed client, so every request and reply shape below IS the action's declaration
 * (`@channel-router/shared/api`); a change there fails the kit's typecheck here.
 *
 * Retry keys: a save carries an intent (one per confirmed save, resent by 重试); the client sends
 * it as `requestId` because both saves are declared `retry: 'keyed'`.
 */
import type { Client, ClientResult, Intent } from '@channel-router/shared/client';
import type { ActionReq, ActionRes, CustomerView, ListPriceView } from '@channel-router/shared/api';

// ---------------------------------------------------------------------------------------------
// Request and reply shapes: the declared ones, under the names the kit and the screens use.

export type SavePromotionReq = ActionReq<'trade', 'savePromotion'>;
export type SavePromotionRes = ActionRes<'trade', 'savePromotion'>;
export type ListPromotionsRes = ActionRes<'trade', 'listPromotions'>;
/** A listed promotion: the stored one plus budget left, running flag, badge and version. */
export type PromotionView = ListPromotionsRes['promotions'][number];
export type SetPromotionEnabledRes = ActionRes<'trade', 'setPromotionEnabled'>;

export type SaveRebateProgramReq = ActionReq<'trade', 'saveRebateProgram'>;
export type SaveRebateProgramRes = ActionRes<'trade', 'saveRebateProgram'>;
export type ListRebateProgramsRes = ActionRes<'trade', 'listRebatePrograms'>;
export type RebateProgramView = ListRebateProgramsRes['programs'][number];

export type ListStatementsReq = ActionReq<'trade', 'listStatements'>;
export type ListStatementsRes = ActionRes<'trade', 'listStatements'>;
export type StatementView = ListStatementsRes['statements'][number];
export type ComputeRebatesRes = ActionRes<'trade', 'computeRebates'>;
export type StatementStepRes = ActionRes<'trade', 'approveStatement'>;

export type ListSettlementsReq = ActionReq<'trade', 'listSettlements'>;
export type ListSettlementsRes = ActionRes<'trade', 'listSettlements'>;
export type ExportSettlementsRes = ActionRes<'trade', 'exportSettlements'>;

/** A product the seller can put in a sample cart or a promotion (`channel.listProducts`, narrowed). */
export interface ProductRef {
  id: string;
  name: string;
}
/** The brand's list prices per buyer kind (`trade.listListPrices`), for the preview's sample cart. */
export type ListPriceRef = Pick<ListPriceView, 'productId' | 'unit' | 'listPrices'>;
/** A seller's customer (`trade.listCustomers`), for targeting and the preview's sample buyer. */
export type CustomerRef = Pick<CustomerView, 'buyerOrgId' | 'buyerName' | 'buyerKind' | 'regionCode' | 'level' | 'groupIds'>;
/** A buyer's rebate account with one seller (`order.balances`). */
export interface RebateBalance {
  sellerOrgId: string;
  rebate: number;
}

// ---------------------------------------------------------------------------------------------
// The calls.

const keyed = (intent: Intent | undefined) => (intent === undefined ? undefined : { intent });

export function createPromotionsApi(client: Client) {
  const t = client.trade;
  return {
    savePromotion: (req: SavePromotionReq, intent?: Intent) => t.savePromotion(withoutKey(req), keyed(intent)),
    listPromotions: (sellerOrgId: string) => t.listPromotions({ sellerOrgId }),
    setPromotionEnabled: (promotionId: string, enabled: boolean, version?: number) =>
      t.setPromotionEnabled(version === undefined ? { promotionId, enabled } : { promotionId, enabled, version }),
    saveRebateProgram: (req: SaveRebateProgramReq, intent?: Intent) => t.saveRebateProgram(withoutKey(req), keyed(intent)),
    listRebatePrograms: (sellerOrgId: string) => t.listRebatePrograms({ sellerOrgId }),
    computeRebates: (programId: string, periodKey?: string) => t.computeRebates(periodKey === undefined ? { programId } : { programId, periodKey }),
    listStatements: (req: ListStatementsReq) => t.listStatements(req),
    approveStatement: (statementId: string, version?: number) => t.approveStatement(version === undefined ? { statementId } : { statementId, version }),
    rejectStatement: (statementId: string, reason: string, version?: number) =>
      t.rejectStatement(version === undefined ? { statementId, reason } : { statementId, reason, version }),
    listSettlements: (req: ListSettlementsReq) => t.listSettlements(req),
    exportSettlements: (req: ListSettlementsReq) => t.exportSettlements(req),
    // Reference lists the editors and the preview use.
    listProducts: async (): Promise<ClientResult<ProductRef[]>> => {
      const r = await client.channel.listProducts({});
      return r.ok ? { ok: true, data: r.data.products.map((p) => ({ id: p.id, name: p.name })) } : r;
    },
    listListPrices: async (): Promise<ClientResult<ListPriceRef[]>> => {
      const r = await t.listListPrices({});
      return r.ok ? { ok: true, data: r.data.prices } : r;
    },
    listCustomers: async (sellerOrgId: string): Promise<ClientResult<CustomerRef[]>> => {
      const r = await t.listCustomers({ sellerOrgId });
      return r.ok ? { ok: true, data: r.data.customers } : r;
    },
    rebateBalance: async (buyerOrgId: string, sellerOrgId: string): Promise<ClientResult<RebateBalance>> => {
      const r = await client.order.balances({ buyerOrgId, sellerOrgId });
      return r.ok ? { ok: true, data: { sellerOrgId, rebate: r.data.rebate } } : r;
    },
  };
}

/** The retry key travels as the call's intent, never inside the request (the client owns `requestId`). */
function withoutKey<T extends { requestId?: string }>(req: T): Omit<T, 'requestId'> {
  const { requestId: _dropped, ...rest } = req;
  return rest;
}

export type PromotionsApi = ReturnType<typeof createPromotionsApi>;
