/**
 * The `report` function: alerts, penalties, stock, the diversion tables and the dashboard. Each
 * action's request, reply, callers, retry class and error codes, declared once (docs/actions.md).
 */
import { ALERT_KINDS, type Alert, type AlertKind, type UnitLevel } from '../../model.js';
import { cursor, id, pageSize } from '../../validation/fields.js';
import { int, object, oneOf, optional } from '../../validation/schema.js';
import { REPORT_KINDS, type ReportKind, type ReportTable } from '../../ordering/reports.js';
import { declareAction, declareFunction } from '../declare.js';
import { PENALTY_STATUSES, type PenaltyStatus } from './wallet.js';

export interface AlertsReq {
  kind?: AlertKind;
  /** Alerts about one dealer's goods (a dealer's owner may list its own). */
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

export interface StockReq {
  orgId: string;
}
export interface StockRes {
  /** Items held by the org now (units it received last, items inside them; redeemed items not subtracted). */
  items: number;
  units: Array<{ code: string; level: UnitLevel; productId: string; items: number; receivedAt: number }>;
}

export interface StockCheckReq {
  orgId: string;
}
export interface StockCheckRow {
  productId: string;
  productName: string;
  /** Items in stock, and items held by custody (the scans). */
  onHand: number;
  custody: number;
  /** Items reserved in stock, and items of open reservations. */
  reserved: number;
  openReservations: number;
}
export interface StockCheckDifference {
  productId: string;
  productName: string;
  field: 'onHand' | 'reserved';
  stock: number;
  expected: number;
  /** stock − expected. */
  difference: number;
}
export interface StockCheckRes {
  orgId: string;
  at: number;
  products: StockCheckRow[];
  /** Empty when stock agrees with custody and reservations. */
  differences: StockCheckDifference[];
}

export interface OrderingReportReq {
  kind: ReportKind;
  /** One seller's report; omitted: the brand's report across the channel (brand staff). */
  sellerOrgId?: string;
  /** Period of the orders (ms, half-open [from, to)); default: the last 30 days. At most 366 days. */
  from?: number;
  to?: number;
  /** Rankings: how many rows (default 20). */
  limit?: number;
  /** `csv`: also the CSV (UTF-8 with BOM, money in yuan) and a file name. */
  format?: 'json' | 'csv';
}
export interface OrderingReportRes extends ReportTable {
  kind: ReportKind;
  sellerOrgId: string | null;
  from: number;
  to: number;
  at: number;
  csv?: string;
  filename?: string;
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

/** Latest time a `since` may name (ms): the largest a JavaScript date can hold. */
const MAX_TIME_MS = 8_640_000_000_000;
const MAX_DASHBOARD_DAYS = 90;
const BRAND_STAFF = 'brand admins and inspectors';

export const REPORT = declareFunction('report', {
  alerts: declareAction<AlertsReq, AlertsRes>()({
    schema: object({ kind: optional(oneOf(ALERT_KINDS)), dealerId: optional(id()), cursor: optional(cursor()), limit: optional(pageSize()) }),
    who: `${BRAND_STAFF}; a dealer's owner, about its own goods`,
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
  penalties: declareAction<PenaltiesReq, PenaltiesRes>()({
    schema: object({ dealerId: optional(id()), status: optional(oneOf(PENALTY_STATUSES)), cursor: optional(cursor()), limit: optional(pageSize()) }),
    who: "a brand admin; a dealer's owner, its own penalties",
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
  stock: declareAction<StockReq, StockRes>()({
    schema: object({ orgId: id() }),
    who: 'members of the org, and brand staff',
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
  stockCheck: declareAction<StockCheckReq, StockCheckRes>()({
    schema: object({ orgId: id() }),
    who: 'members of the org; brand admins and inspectors for any org',
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
  ordering: declareAction<OrderingReportReq, OrderingReportRes>()({
    schema: object({
      kind: oneOf(REPORT_KINDS),
      sellerOrgId: optional(id()),
      from: optional(int({ min: 0, max: MAX_TIME_MS })),
      to: optional(int({ min: 0, max: MAX_TIME_MS })),
      limit: optional(pageSize()),
      format: optional(oneOf(['json', 'csv'] as const)),
    }),
    who: "members of the seller org, for its reports; brand staff for any seller's and the channel's",
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
  diversion: declareAction<DiversionReq, DiversionRes>()({
    schema: object({ since: optional(int({ min: 0, max: MAX_TIME_MS })) }),
    who: BRAND_STAFF,
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
  dashboard: declareAction<DashboardReq, DashboardRes>()({
    schema: object({ days: optional(int({ min: 1, max: MAX_DASHBOARD_DAYS })) }),
    who: BRAND_STAFF,
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
});
