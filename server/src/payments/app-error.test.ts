/**
 * A provider error passed on to an app keeps its meaning: a bad field stays INVALID_ARGUMENT with
 * the field, a forged notice is FORBIDDEN, an outage INTERNAL (retry with the same key).
 */
import { expect, it } from 'vitest';
import { asAppError } from './app-error.js';
import { payErr } from './provider.js';

it('maps provider codes to the app codes, keeping the field and the provider code in the message', () => {
  expect(asAppError(payErr('INVALID_REQUEST', 'bad', { field: 'outTradeNo' }).error)).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'WeChat Pay: INVALID_REQUEST: bad', field: 'outTradeNo' } });
  expect(asAppError(payErr('SIGNATURE_INVALID', 'x').error).error.code).toBe('FORBIDDEN');
  expect(asAppError(payErr('NOT_FOUND', 'x').error).error.code).toBe('NOT_FOUND');
  const rejected = asAppError(payErr('PROVIDER_REJECTED', 'paid', { providerCode: 'ORDERPAID' }).error).error;
  expect(rejected).toEqual({ code: 'CONFLICT', message: 'WeChat Pay: PROVIDER_REJECTED (ORDERPAID): paid' });
  expect(asAppError(payErr('PROVIDER_UNAVAILABLE', 'timeout').error).error.code).toBe('INTERNAL');
});
