/**
 * What the client and its transports exchange. A transport turns one call into a reply; it never
 * throws for anything that can happen on a phone (no network, a timeout, a gateway error page):
 * those become `NETWORK` or `BAD_REPLY` errors, so pages handle every failure as a value.
 */
import type { AppError, ErrorCode, Ok } from '../result.js';

/**
 * Failures seen only by a client: `NETWORK` — no reply arrived (offline, timeout, the platform's
 * call failed); `BAD_REPLY` — something answered, but not a function reply (an HTTP error page,
 * a malformed body). Both may be retried with the same idempotency key.
 */
export const CLIENT_ERROR_CODES = ['NETWORK', 'BAD_REPLY'] as const;
export type ClientOnlyErrorCode = (typeof CLIENT_ERROR_CODES)[number];
export type ClientErrorCode = ErrorCode | ClientOnlyErrorCode;

export interface ClientError {
  code: ClientErrorCode;
  /** The server's message (for logs and developers; pages show `userMessage`). */
  message: string;
  /** The request field at fault, for INVALID_ARGUMENT. */
  field?: string;
  /** Plain Chinese words for the person holding the phone (see messages.ts). */
  userMessage: string;
  /** What the server attached for the caller's next step (a CSV import's bad rows: `errors`). */
  details?: Record<string, unknown>;
}

export type ClientErr = { ok: false; error: ClientError };
export type ClientResult<T> = Ok<T> | ClientErr;

/** A reply as a transport hands it over, before the client adds the user's words. */
export type RawReply = { ok: true; data: unknown } | { ok: false; error: Omit<AppError, 'code'> & { code: ClientErrorCode } };

export interface TransportCallOptions {
  /** Give up waiting after this long; the reply, if it comes later, is ignored. */
  timeout_ms: number;
}

/**
 * Sends `event` (`{ action, ...request }`) to cloud function `fn` and returns its reply.
 * Must not throw: failures are `NETWORK` / `BAD_REPLY` replies.
 */
export type Transport = (fn: string, event: Record<string, unknown>, options: TransportCallOptions) => Promise<RawReply>;
