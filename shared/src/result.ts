/**
 * Business outcomes are values, never exceptions: every action answers `Ok<T>` or `Err`.
 * Only bugs throw. The error codes below are part of the public contract (docs/actions.md#errors).
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'INVALID_CODE',
  'ALREADY_REDEEMED',
  'INSUFFICIENT_FUNDS',
  'CONFLICT',
  'RATE_LIMITED',
  // Ordering (docs/ordering.md)
  'NOT_ORDERABLE',
  'OUT_OF_STOCK',
  'QUOTE_CHANGED',
  'CREDIT_EXCEEDED',
  'CREDIT_OVERDUE',
  'INVALID_STATE',
  'OVER_SHIPMENT',
  'PRICE_BELOW_FLOOR',
  'RETURN_WINDOW_CLOSED',
  /** A bug or an infrastructure failure; the client may retry with the same idempotency key. */
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  /** The request field at fault, for INVALID_ARGUMENT (dotted path, e.g. `packaging.itemsPerBox`). */
  field?: string;
  /** Added for errors that carry what the caller needs next (QUOTE_CHANGED: the new quote). */
  details?: Record<string, unknown>;
}

export type Ok<T> = { ok: true; data: T };
export type Err = { ok: false; error: AppError };
export type Result<T> = Ok<T> | Err;

export function ok<T>(data: T): Ok<T> {
  return { ok: true, data };
}

export function err(code: ErrorCode, message: string, field?: string): Err {
  const error: AppError = field === undefined ? { code, message } : { code, message, field };
  return { ok: false, error };
}

/** An error with details for the caller (e.g. QUOTE_CHANGED with the new quote). */
export function errWith(code: ErrorCode, message: string, details: Record<string, unknown>, field?: string): Err {
  const e = err(code, message, field);
  e.error.details = details;
  return e;
}
