/**
 * The promotions backend as the app screens see it: every request and reply shape the screens
 * assume about the `trade` actions of promotions, rebate programs, statements and settlement
 * documents (docs/promotions.md#promotions), in this ONE file. The calls go through the client's
 * untyped `call`, so nothing here depends on the actions' declarations; when those are merged,
 * align the shapes below with them (and nothing else changes).
 *
 * Retry keys: a save carries `requestId` (one per confirmed save, resent by 重试), written into
 * the request itself because `call` only attaches an intent to actions it knows as keyed.
 */
import type { Client, ClientResult, Intent } from '@channel-router/shared/client';
import type {
  PromotionDefinition,
  Promotion,
  RebateProgram,
  RebateProgramDefinition,
  RebateStatementFigures,
  SettlementDocument,
  StatementApproval,
  StatementHistoryEntry,
  StatementState,
  OrderUnit,
} from '@channel-router/shared';
import type { ChannelOrgKind } from '@channel-router/shared/model';

const FN = 'trade';

// ---------------------------------------------------------------------------------------------
// Request and reply shapes (assumed; see the header).

/** `trade.savePromotion`: the definition as shared/src/promotions/validate.ts checks it, plus the envelope. */
export type SavePromotionReq = PromotionDefinition & { promotionId?: string; sellerOrgId?: string; version?: number; requestId?: string };
export interface SavePromotionRes {
  promotionId: string;
  version: number;
}
/** A listed promotion: the stored one plus what the server knows of its use. */
export type PromotionView = Promotion & {
  /** Budget left (fen or gift units); null without a budget. */
  budgetLeft: number | null;
  running?: boolean;
  label?: string;
  version: number;
  updatedAt?: number;
};
export interface ListPromotionsRes {
  promotions: PromotionView[];
}
export interface SetPromotionEnabledRes {
  promotionId: string;
  version: number;
  enabled: boolean;
}

export type SaveRebateProgramReq = RebateProgramDefinition & { programId?: string; sellerOrgId?: string; version?: number; requestId?: string };
export interface SaveRebateProgramRes {
  programId: string;
  version: number;
}
export type RebateProgramView = RebateProgram & { version: number; updatedAt?: number };
export interface ListRebateProgramsRes {
  programs: RebateProgramView[];
}

export interface StatementView extends RebateStatementFigures {
  statementId: string;
  sellerOrgId: string;
  status: StatementState;
  chain: string[];
  step: number;
  approvals: StatementApproval[];
  history: StatementHistoryEntry[];
  reason: string | null;
  version: number;
  computedAt: number;
  postedAt: number | null;
}
export interface ListStatementsReq {
  sellerOrgId?: string;
  buyerOrgId?: string;
  programId?: string;
  periodKey?: string;
  status?: StatementState;
}
export interface ListStatementsRes {
  statements: StatementView[];
}
export interface ComputeRebatesRes {
  periodKey: string;
  final: boolean;
  buyers: number;
  created: number;
  unchanged: number;
  rebate_fen: number;
  /** On demand for a running period: the figures so far (nothing stored). */
  previews: RebateStatementFigures[];
}
export interface StatementStepRes {
  statementId: string;
  status: StatementState;
  version: number;
  posted_fen: number;
}

export interface ListSettlementsReq {
  sellerOrgId?: string;
  from: number;
  to: number;
}
export interface ListSettlementsRes {
  documents: SettlementDocument[];
  goods_fen: number;
  truncated: boolean;
}
export interface ExportSettlementsRes {
  filename: string;
  csv: string;
  rows: number;
}

/** A product the seller can put in a sample cart or a promotion (`channel.listProducts`). */
export interface ProductRef {
  id: string;
  name: string;
}
/** The brand's list prices per buyer kind (`trade.listListPrices`), for the preview's sample cart. */
export interface ListPriceRef {
  productId: string;
  unit: OrderUnit;
  listPrices: Record<ChannelOrgKind, number>;
}
/** A seller's customer (`trade.listCustomers`), for targeting and the preview's sample buyer. */
export interface CustomerRef {
  buyerOrgId: string;
  buyerName: string;
  buyerKind: ChannelOrgKind;
  regionCode: string;
  level: string | null;
  groupIds: string[];
}
/** A buyer's balances with one seller (`order.balances`): the rebate account among them. */
export interface RebateBalance {
  sellerOrgId: string;
  rebate: number;
}

// ---------------------------------------------------------------------------------------------
// The calls.

function withKey<T extends object>(req: T, intent: Intent | undefined): T & { requestId?: string } {
  return intent === undefined ? req : { ...req, requestId: intent };
}

export function createPromotionsApi(client: Client) {
  const call = <T>(action: string, req: object): Promise<ClientResult<T>> => client.call<T>(FN, action, req as Record<string, unknown>);
  return {
    savePromotion: (req: SavePromotionReq, intent?: Intent) => call<SavePromotionRes>('savePromotion', withKey(req, intent)),
    listPromotions: (sellerOrgId: string) => call<ListPromotionsRes>('listPromotions', { sellerOrgId }),
    setPromotionEnabled: (promotionId: string, enabled: boolean, version?: number) =>
      call<SetPromotionEnabledRes>('setPromotionEnabled', version === undefined ? { promotionId, enabled } : { promotionId, enabled, version }),
    saveRebateProgram: (req: SaveRebateProgramReq, intent?: Intent) => call<SaveRebateProgramRes>('saveRebateProgram', withKey(req, intent)),
    listRebatePrograms: (sellerOrgId: string) => call<ListRebateProgramsRes>('listRebatePrograms', { sellerOrgId }),
    computeRebates: (programId: string, periodKey?: string) => call<ComputeRebatesRes>('computeRebates', periodKey === undefined ? { programId } : { programId, periodKey }),
    listStatements: (req: ListStatementsReq) => call<ListStatementsRes>('listStatements', req),
    approveStatement: (statementId: string, version?: number) => call<StatementStepRes>('approveStatement', version === undefined ? { statementId } : { statementId, version }),
    rejectStatement: (statementId: string, reason: string, version?: number) =>
      call<StatementStepRes>('rejectStatement', version === undefined ? { statementId, reason } : { statementId, reason, version }),
    listSettlements: (req: ListSettlementsReq) => call<ListSettlementsRes>('listSettlements', req),
    exportSettlements: (req: ListSettlementsReq) => call<ExportSettlementsRes>('exportSettlements', req),
    // Reference lists the editors and the preview use.
    listProducts: async (): Promise<ClientResult<ProductRef[]>> => {
      const r = await client.channel.listProducts({});
      return r.ok ? { ok: true, data: r.data.products.map((p) => ({ id: p.id, name: p.name })) } : r;
    },
    listListPrices: async (): Promise<ClientResult<ListPriceRef[]>> => {
      const r = await call<{ prices: ListPriceRef[] }>('listListPrices', {});
      return r.ok ? { ok: true, data: r.data.prices } : r;
    },
    listCustomers: async (sellerOrgId: string): Promise<ClientResult<CustomerRef[]>> => {
      const r = await client.trade.listCustomers({ sellerOrgId });
      return r.ok ? { ok: true, data: r.data.customers } : r;
    },
    rebateBalance: async (buyerOrgId: string, sellerOrgId: string): Promise<ClientResult<RebateBalance>> => {
      const r = await client.order.balances({ buyerOrgId, sellerOrgId });
      return r.ok ? { ok: true, data: { sellerOrgId, rebate: r.data.rebate } } : r;
    },
  };
}

export type PromotionsApi = ReturnType<typeof createPromotionsApi>;
