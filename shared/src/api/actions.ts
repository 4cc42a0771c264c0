/**
 * The typed contract between the apps and the cloud functions (spec §6): for every function and
 * action, the request fields and the reply's `data`. Field names in the spec's table are fixed;
 * fields marked "added" extend it. Amounts are integer fen; times are milliseconds since the epoch.
 */
import type { PostingKind } from '../wallet/ledger.js';
import { ORDER_ACTIONS, type OrderActionMap } from './order-actions.js';
export * from './order-actions.js';
import type { Alert, AlertKind, BizStep, Location, OrgKind, RewardPolicy, Role, UnitLevel } from '../model.js';

// ---------------------------------------------------------------------------------------------
// channel

export interface BootstrapReq {
  brandName: string;
}
export interface BootstrapRes {
  brandId: string;
}

export interface CreateOrgReq {
  kind: 'dealer' | 'wholesaler' | 'store';
  name: string;
  upstreamId: string;
  regionCode: string;
  /** Required for a dealer and a wholesaler (where it may sell); ignored (dropped) for a store. */
  territory?: string[];
  /** Added: an idempotency key; a retry with the same key answers the first attempt's reply and creates nothing more. */
  requestId?: string;
}
export interface CreateOrgRes {
  orgId: string;
}

export interface InviteReq {
  orgId: string;
  role: Role;
}
export interface InviteRes {
  inviteCode: string;
  /** Added: when the invite stops working. */
  expiresAt?: number;
}

export interface JoinReq {
  inviteCode: string;
}
export interface JoinRes {
  orgId: string;
  role: Role;
}

/** No fields: the caller is the subject. */
export type MeReq = Record<never, never>;
export interface MeRes {
  unionId: string;
  memberships: Array<{ orgId: string; kind: OrgKind; role: Role; orgName?: string }>;
}

export interface CreateProductReq {
  sku: string;
  name: string;
  gtin?: string;
  packaging: { itemsPerBox: number; boxesPerCase: number };
  policy: RewardPolicy;
  /** Added: an idempotency key; a retry with the same key answers the first attempt's reply and creates nothing more. */
  requestId?: string;
}
export interface CreateProductRes {
  productId: string;
}

// ---------------------------------------------------------------------------------------------
// codes

export interface CreateBatchReq {
  productId: string;
  cases: number;
  /** Added: an idempotency key; a retry with the same key answers the first attempt's reply and creates nothing more. */
  requestId?: string;
}
export interface CreateBatchRes {
  batchId: string;
  counts: { case: number; box: number; item: number };
}

export interface ExportBatchReq {
  batchId: string;
}
export interface ExportedCase {
  code: string;
  boxes: Array<{ code: string; items: Array<{ code: string; hiddenCode: string }> }>;
}
export interface ExportBatchRes {
  /** Inline for batches up to 100 cases. */
  cases?: ExportedCase[];
  /** Added: larger batches go to a streamed print file. */
  file?: { url: string; rows: number };
}

export interface PackReq {
  parent: string;
  children: string[];
}
export interface PackRes {
  parent: string;
  /** Added: children packed by this call. */
  packed?: number;
}

export interface UnpackReq {
  parent: string;
}
export interface UnpackRes {
  parent: string;
  /** Added: children released by this call. */
  unpacked?: number;
}

// ---------------------------------------------------------------------------------------------
// scan

export interface ShipReq {
  codes: string[];
  toOrgId: string;
  /** Added: the org shipping, for a person who belongs to several; default: the holder. */
  fromOrgId?: string;
  location?: Location;
  /** Added: an idempotency key; a retry with the same key answers the first attempt's reply and creates nothing more. */
  requestId?: string;
  /** Added (ordering): ship this order; the codes decide which products and how many. */
  orderId?: string;
  /** Added (ordering): ship a return's goods back to the seller (upstream). */
  returnId?: string;
  carrier?: string;
  trackingNo?: string;
}
export interface ShipRes {
  /** Items inside the shipped units. */
  items: number;
  /** Added. */
  eventId?: string;
  /** Added (ordering): the shipment made for `orderId` or `returnId`. */
  shipmentId?: string;
  /** Added (ordering): the order's state after this shipment. */
  status?: string;
}

export interface ReceiveReq {
  codes: string[];
  /** Added: the receiving org, for a person who belongs to several. */
  orgId?: string;
  location?: Location;
}
export interface ReceiveRes {
  items: number;
  alerts: Alert[];
  /** Added. */
  eventId?: string;
}

export interface RedeemReq {
  code: string;
  location?: Location;
  /**
   * Added: the claim's idempotency key. A retry of the same claim (a lost reply) with the same key
   * gets the original reply; any other second redeem of the code fails with ALREADY_REDEEMED.
   */
  requestId?: string;
}
export type RewardNotPaidReason = 'CHANNEL_MEMBER' | 'BUDGET_EXHAUSTED';
export interface RedeemRes {
  /** Fen credited to the consumer's wallet by this redeem (0 when nothing was paid). */
  reward: number;
  productId: string;
  alerts: Alert[];
  /** Added: the product's name, for the result screen. */
  productName?: string;
  /** Added: why the consumer was not paid, when a reward was due but not paid. */
  reasonNotPaid?: RewardNotPaidReason;
}

export interface VerifyReq {
  code: string;
  location?: Location;
}
export interface VerifyRes {
  genuine: boolean;
  productId?: string;
  /** Added: the product's name, for the result screen. */
  productName?: string;
  level?: UnitLevel;
  /** How many times this code has been verified, this one included. */
  verifications: number;
}

export interface InspectReq {
  code: string;
  orgId?: string;
}
export interface EventView {
  eventId: string;
  bizStep: BizStep;
  at: number;
  orgId: string | null;
  toOrgId?: string | null;
  unionId: string | null;
  regionCode: string | null;
}
export type Verdict = 'in_territory' | 'diverted' | 'unallocated';
export interface InspectRes {
  productId: string;
  allocatedDealerId: string | null;
  holderOrgId: string;
  events: EventView[];
  verdict: Verdict;
  /** Added: the alert raised when the verdict is `diverted`. */
  alerts?: Alert[];
}

// ---------------------------------------------------------------------------------------------
// wallet

export interface FundReq {
  amount: number;
  /** Added: a retried fund with the same requestId credits once. */
  requestId?: string;
}
export interface FundRes {
  budget: number;
}

export interface BalanceReq {
  orgId?: string;
}
export interface BalanceRes {
  balance: number;
  /** Added: fen reserved by pending withdrawals (not in `balance`). */
  reserved?: number;
}

export interface HistoryReq {
  orgId?: string;
  /** Added: only entries of this posting kind (e.g. `store_reward`). */
  kind?: PostingKind;
  cursor?: string;
  /** Added: page size, 1..100. */
  limit?: number;
}
export interface LedgerEntryView {
  key: string;
  kind: string;
  /** Signed, from the account's point of view: positive in, negative out. */
  amount: number;
  ref: string;
  at: number;
}
export interface HistoryRes {
  entries: LedgerEntryView[];
  /** Pass back to get the next page; null at the end. */
  cursor: string | null;
}

export interface WithdrawReq {
  amount: number;
  requestId: string;
  orgId?: string;
}
export type WithdrawalStatus = 'requested' | 'approved' | 'rejected' | 'paid' | 'failed';
export interface WithdrawRes {
  withdrawalId: string;
  status: WithdrawalStatus;
}

export interface ApproveWithdrawalReq {
  withdrawalId: string;
}
export interface ApproveWithdrawalRes {
  status: WithdrawalStatus;
}

/** Added action. */
export interface RejectWithdrawalReq {
  withdrawalId: string;
  reason?: string;
}
export interface RejectWithdrawalRes {
  status: WithdrawalStatus;
}

/** Added action: a brand admin settles a pending penalty. */
export interface SettlePenaltyReq {
  penaltyId: string;
  /**
   * `deduct`: take the amount from the dealer's org wallet into the brand budget;
   * `offline`: settled outside the system (no money moves); `waive`: forgiven.
   */
  resolution: PenaltyResolution;
  note?: string;
}
export type PenaltyResolution = 'deduct' | 'offline' | 'waive';
export type PenaltyStatus = 'pending' | 'settled' | 'waived';
export interface SettlePenaltyRes {
  status: PenaltyStatus;
}

// ---------------------------------------------------------------------------------------------
// report

export interface AlertsReq {
  kind?: AlertKind;
  /** Added: alerts about one dealer's goods (a dealer's owner may list its own). */
  dealerId?: string;
  cursor?: string;
  limit?: number;
}
export interface AlertView extends Omit<Alert, 'key'> {
  id: string;
}
export interface AlertsRes {
  alerts: AlertView[];
  cursor?: string | null;
}

export interface PenaltiesReq {
  dealerId?: string;
  /** Added filter. */
  status?: PenaltyStatus;
  cursor?: string;
  limit?: number;
}
export interface PenaltyView {
  id: string;
  dealerId: string;
  quantity: number;
  amount: number;
  status: PenaltyStatus;
  code: string;
  alertId: string;
  at: number;
}
export interface PenaltiesRes {
  penalties: PenaltyView[];
  cursor?: string | null;
}


// ---------------------------------------------------------------------------------------------
// Added actions the four apps need (lists, the channel router, dashboards)

export interface OrgView {
  id: string;
  kind: OrgKind;
  name: string;
  upstreamId: string | null;
  regionCode: string;
  territory: string[];
}
/** Added: brand staff list any orgs; a channel member lists the orgs it supplies directly. */
export interface ListOrgsReq {
  kind?: 'dealer' | 'wholesaler' | 'store';
  upstreamId?: string;
}
export interface ListOrgsRes {
  orgs: OrgView[];
}

export interface ProductView {
  id: string;
  sku: string;
  name: string;
  gtin: string | null;
  packaging: { itemsPerBox: number; boxesPerCase: number };
  /** Brand staff only. */
  policy?: RewardPolicy;
}
export type ListProductsReq = Record<never, never>;
export interface ListProductsRes {
  products: ProductView[];
}

export interface BatchView {
  id: string;
  batchNo: number;
  productId: string;
  cases: number;
  counts: { case: number; box: number; item: number };
  createdAt: number;
}
export interface ListBatchesReq {
  productId?: string;
}
export interface ListBatchesRes {
  batches: BatchView[];
}

/** What a person may do with a scanned code, in the app they use (the channel router). */
export type CodeAction = 'verify' | 'redeem' | 'receive' | 'ship' | 'open' | 'inspect';
export interface IdentifyReq {
  code: string;
  /** Added: the org the person acts for (a person in several stores); default: all of theirs. */
  orgId?: string;
}
export interface IdentifyRes {
  code: string;
  level: UnitLevel;
  kind: 'visible' | 'hidden';
  productId: string;
  productName: string;
  items: number;
  /** Custody, for channel members and brand staff (null for consumers). */
  holderOrgId: string | null;
  holderName: string | null;
  allocatedDealerId: string | null;
  inTransitTo: string | null;
  /** For a hidden code: whether it was redeemed already. */
  redeemed: boolean | null;
  actions: CodeAction[];
  /**
   * For a member of a store or wholesaler: the goods were allocated to a dealer other than the
   * one that supplies this org (a stock-in would raise a diversion alert if outside its territory).
   */
  notFromYourDealer?: boolean;
}

export interface OpenReq {
  code: string;
  orgId?: string;
}
export interface OpenRes {
  items: number;
}

export interface WithdrawalView {
  id: string;
  owner: string;
  requestedBy: string;
  amount: number;
  status: WithdrawalStatus;
  requestedAt: number;
  reason: string | null;
}
/** Added: a brand admin lists any withdrawals; others their own (or their org's with orgId). */
export interface ListWithdrawalsReq {
  status?: WithdrawalStatus;
  orgId?: string;
}
export interface ListWithdrawalsRes {
  withdrawals: WithdrawalView[];
}

export interface StockReq {
  orgId: string;
}
export interface StockRes {
  /** Items held by the org now (units it received last, items inside them; redeemed items not subtracted). */
  items: number;
  units: Array<{ code: string; level: UnitLevel; productId: string; items: number; receivedAt: number }>;
}

export interface DiversionReq {
  /** Only alerts at or after this time (ms). */
  since?: number;
}
export interface DiversionRow {
  key: string;
  name: string;
  alerts: number;
  quantity: number;
}
export interface DiversionRes {
  byDealer: DiversionRow[];
  byRegion: DiversionRow[];
}

export interface DashboardReq {
  days?: number;
}
export interface DashboardRes {
  totals: { budget: number; paid: number; scans: number; redeems: number; diversionAlerts: number; pendingWithdrawals: number };
  daily: Array<{ day: string; scans: number; redeems: number }>;
  diversion: DiversionRes;
}

// ---------------------------------------------------------------------------------------------
// The map: function → action → { req, res }

export interface ActionMap {
  channel: {
    bootstrap: { req: BootstrapReq; res: BootstrapRes };
    createOrg: { req: CreateOrgReq; res: CreateOrgRes };
    invite: { req: InviteReq; res: InviteRes };
    join: { req: JoinReq; res: JoinRes };
    me: { req: MeReq; res: MeRes };
    createProduct: { req: CreateProductReq; res: CreateProductRes };
    listOrgs: { req: ListOrgsReq; res: ListOrgsRes };
    listProducts: { req: ListProductsReq; res: ListProductsRes };
  };
  codes: {
    createBatch: { req: CreateBatchReq; res: CreateBatchRes };
    exportBatch: { req: ExportBatchReq; res: ExportBatchRes };
    pack: { req: PackReq; res: PackRes };
    unpack: { req: UnpackReq; res: UnpackRes };
    listBatches: { req: ListBatchesReq; res: ListBatchesRes };
  };
  scan: {
    ship: { req: ShipReq; res: ShipRes };
    receive: { req: ReceiveReq; res: ReceiveRes };
    redeem: { req: RedeemReq; res: RedeemRes };
    verify: { req: VerifyReq; res: VerifyRes };
    inspect: { req: InspectReq; res: InspectRes };
    identify: { req: IdentifyReq; res: IdentifyRes };
    open: { req: OpenReq; res: OpenRes };
  };
  wallet: {
    fund: { req: FundReq; res: FundRes };
    balance: { req: BalanceReq; res: BalanceRes };
    history: { req: HistoryReq; res: HistoryRes };
    withdraw: { req: WithdrawReq; res: WithdrawRes };
    approveWithdrawal: { req: ApproveWithdrawalReq; res: ApproveWithdrawalRes };
    rejectWithdrawal: { req: RejectWithdrawalReq; res: RejectWithdrawalRes };
    settlePenalty: { req: SettlePenaltyReq; res: SettlePenaltyRes };
    listWithdrawals: { req: ListWithdrawalsReq; res: ListWithdrawalsRes };
  };
  order: OrderActionMap;
  report: {
    alerts: { req: AlertsReq; res: AlertsRes };
    penalties: { req: PenaltiesReq; res: PenaltiesRes };
    stock: { req: StockReq; res: StockRes };
    diversion: { req: DiversionReq; res: DiversionRes };
    dashboard: { req: DashboardReq; res: DashboardRes };
  };
}

export type FunctionName = keyof ActionMap;
export type ActionName<F extends FunctionName> = keyof ActionMap[F] & string;
export type ActionReq<F extends FunctionName, A extends ActionName<F>> = ActionMap[F][A] extends { req: infer R } ? R : never;
export type ActionRes<F extends FunctionName, A extends ActionName<F>> = ActionMap[F][A] extends { res: infer R } ? R : never;
/** The event a client sends: `{ action, ...request }`. */
export type ActionEvent<F extends FunctionName, A extends ActionName<F>> = { action: A } & ActionReq<F, A>;

export const FUNCTION_ACTIONS = {
  channel: ['bootstrap', 'createOrg', 'invite', 'join', 'me', 'createProduct', 'listOrgs', 'listProducts'],
  codes: ['createBatch', 'exportBatch', 'pack', 'unpack', 'listBatches'],
  scan: ['ship', 'receive', 'redeem', 'verify', 'inspect', 'identify', 'open'],
  wallet: ['fund', 'balance', 'history', 'withdraw', 'approveWithdrawal', 'rejectWithdrawal', 'settlePenalty', 'listWithdrawals'],
  report: ['alerts', 'penalties', 'stock', 'diversion', 'dashboard'],
  order: ORDER_ACTIONS,
} as const satisfies { [F in FunctionName]: ReadonlyArray<ActionName<F>> };
