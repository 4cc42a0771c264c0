/**
 * Request schemas for every action of spec §6 (plus the added ones). A violation answers
 * INVALID_ARGUMENT naming the field, before anything is read or written (spec §7).
 *
 * What needs the database (an org exists, a region code is in the region table, the caller's
 * memberships) is checked by the function afterwards.
 */
import type { ActionName, ActionReq, CreateOrgReq, FunctionName } from '../api/actions.js';
import { ALERT_KINDS } from '../model.js';
import { POSTING_KINDS } from '../wallet/ledger.js';
import type { Result } from '../result.js';
import { err } from '../result.js';
import {
  code,
  codes,
  cursor,
  fen,
  gtin,
  id,
  inviteCode,
  location,
  name,
  note,
  packaging,
  pageSize,
  policy,
  regionCode,
  requestId,
  role,
  sku,
  territory,
  MAX_CASES_PER_BATCH,
  MAX_CODES_PER_CALL,
} from './fields.js';
import { int, map, object, oneOf, optional, refine, str, validate, type Infer, type Schema } from './schema.js';
import { ORDER_SCHEMAS } from './order-requests.js';

const createOrg: Schema<CreateOrgReq> = map(
  refine(
    object({
      kind: oneOf(['dealer', 'wholesaler', 'store'] as const),
      name: name(),
      upstreamId: id(),
      regionCode: regionCode(),
      territory: optional(territory()),
      requestId: optional(requestId()),
    }),
    (o) => (o.kind !== 'store' && o.territory === undefined ? { field: 'territory', message: `is required for a ${o.kind}` } : null),
  ),
  // A store sells where it stands: it has no territory, so one sent by a client is dropped.
  (o): CreateOrgReq => {
    if (o.kind !== 'store') return o;
    const { territory: _dropped, ...rest } = o;
    return rest;
  },
);

const schemas = {
  channel: {
    bootstrap: object({ brandName: name() }),
    createOrg,
    invite: object({ orgId: id(), role: role() }),
    join: object({ inviteCode: inviteCode() }),
    me: object({}),
    createProduct: object({
      sku: sku(),
      name: name(),
      gtin: optional(gtin()),
      packaging: packaging(),
      policy: policy(),
      requestId: optional(requestId()),
    }),
    listOrgs: object({ kind: optional(oneOf(['dealer', 'wholesaler', 'store'] as const)), upstreamId: optional(id()) }),
    listProducts: object({}),
  },
  codes: {
    createBatch: object({ productId: id(), cases: int({ min: 1, max: MAX_CASES_PER_BATCH }), requestId: optional(requestId()) }),
    exportBatch: object({ batchId: id() }),
    pack: object({ parent: code(), children: codes(MAX_CODES_PER_CALL) }),
    unpack: object({ parent: code() }),
    listBatches: object({ productId: optional(id()) }),
  },
  scan: {
    ship: object({
      codes: codes(),
      toOrgId: id(),
      fromOrgId: optional(id()),
      location: optional(location()),
      requestId: optional(requestId()),
      orderId: optional(id()),
      returnId: optional(id()),
      carrier: optional(str({ max: 32 })),
      trackingNo: optional(str({ max: 64, pattern: /^[A-Za-z0-9-]+$/, patternMessage: 'letters, digits and -' })),
    }),
    receive: object({ codes: codes(), orgId: optional(id()), location: optional(location()) }),
    redeem: object({ code: code(), location: optional(location()), requestId: optional(requestId()) }),
    verify: object({ code: code(), location: optional(location()) }),
    inspect: object({ code: code(), orgId: optional(id()) }),
    identify: object({ code: code(), orgId: optional(id()) }),
    open: object({ code: code(), orgId: optional(id()) }),
  },
  wallet: {
    fund: object({ amount: fen(1), requestId: optional(requestId()) }),
    balance: object({ orgId: optional(id()) }),
    history: object({ orgId: optional(id()), kind: optional(oneOf(POSTING_KINDS)), cursor: optional(cursor()), limit: optional(pageSize()) }),
    withdraw: object({ amount: fen(1), requestId: requestId(), orgId: optional(id()) }),
    approveWithdrawal: object({ withdrawalId: id() }),
    rejectWithdrawal: object({ withdrawalId: id(), reason: optional(note()) }),
    settlePenalty: object({ penaltyId: id(), resolution: oneOf(['deduct', 'offline', 'waive'] as const), note: optional(note()) }),
    listWithdrawals: object({ status: optional(oneOf(['requested', 'approved', 'rejected', 'paid', 'failed'] as const)), orgId: optional(id()) }),
  },
  order: ORDER_SCHEMAS,
  report: {
    alerts: object({ kind: optional(oneOf(ALERT_KINDS)), dealerId: optional(id()), cursor: optional(cursor()), limit: optional(pageSize()) }),
    penalties: object({
      dealerId: optional(id()),
      status: optional(oneOf(['pending', 'settled', 'waived'] as const)),
      cursor: optional(cursor()),
      limit: optional(pageSize()),
    }),
    stock: object({ orgId: id() }),
    diversion: object({ since: optional(int({ min: 0, max: 8_640_000_000_000 })) }),
    dashboard: object({ days: optional(int({ min: 1, max: 90 })) }),
  },
};

/** Strict type identity (optional keys and all). */
type Same<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
type Mismatches = {
  [F in FunctionName]: {
    [A in ActionName<F>]: A extends keyof (typeof schemas)[F] ? (Same<Infer<(typeof schemas)[F][A]>, ActionReq<F, A>> extends true ? never : `${F}.${A}`) : `${F}.${A}`;
  }[ActionName<F>];
}[FunctionName];
/** Compile-time proof that each schema parses exactly its request type of the typed contract. */
const exact: [Mismatches] extends [never] ? true : Mismatches = true;
void exact;

export const REQUEST_SCHEMAS: { [F in FunctionName]: { [A in ActionName<F>]: Schema<ActionReq<F, A>> } } = schemas;

/**
 * Validates the request of `fn.action` (the event's other fields, `action` itself is ignored).
 * Use as an action's `parse`: `parse: requestParser('scan', 'ship')`.
 */
export function parseRequest<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, raw: unknown): Result<ActionReq<F, A>> {
  const actions = REQUEST_SCHEMAS[fn] as Record<string, Schema<unknown>>;
  const schema = Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined;
  if (schema === undefined) return err('INVALID_ARGUMENT', `${fn} has no action "${action}"`, 'action');
  return validate(schema, raw) as Result<ActionReq<F, A>>;
}

export function requestParser<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A): (raw: unknown) => Result<ActionReq<F, A>> {
  return (raw) => parseRequest(fn, action, raw);
}
