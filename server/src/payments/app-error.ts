/**
 * A provider's error as the app's error (shared/src/result.ts codes), for actions that pass a
 * payment failure on to their caller. The provider's own code stays in the message.
 */
import { err, type Err, type ErrorCode } from '@channel-router/shared';
import type { PaymentError, PaymentErrorCode } from './provider.js';

const APP_CODE: Record<PaymentErrorCode, ErrorCode> = {
  INVALID_REQUEST: 'INVALID_ARGUMENT',
  SIGNATURE_INVALID: 'FORBIDDEN',
  UNKNOWN_SERIAL: 'FORBIDDEN',
  NOTICE_STALE: 'FORBIDDEN',
  NOTICE_FOREIGN: 'FORBIDDEN',
  NOTICE_MALFORMED: 'INVALID_ARGUMENT',
  NOT_FOUND: 'NOT_FOUND',
  PROVIDER_REJECTED: 'CONFLICT',
  // The client may retry with the same idempotency key: exactly what INTERNAL promises.
  PROVIDER_UNAVAILABLE: 'INTERNAL',
};

export function asAppError(e: PaymentError): Err {
  const message = `WeChat Pay: ${e.code}${e.providerCode ? ` (${e.providerCode})` : ''}: ${e.message}`;
  return err(APP_CODE[e.code], message, e.field);
}
