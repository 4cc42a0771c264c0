/**
 * What a screen shows while it waits for data: loading, the data, or an error in plain words.
 */
import type { ClientError } from '@channel-router/shared/client';

export type Load<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: ClientError };

export const LOADING: Load<never> = { status: 'loading' };

/** Whether asking again may help: a lost or garbled reply, or a busy server. */
export function isRetryable(error: Pick<ClientError, 'code'>): boolean {
  return error.code === 'NETWORK' || error.code === 'BAD_REPLY' || error.code === 'INTERNAL';
}

/** An error made on the phone, before anything was sent (same shape as the client's). */
export function localError(userMessage: string, code: ClientError['code'] = 'INVALID_ARGUMENT'): ClientError {
  return { code, message: 'rejected before sending', userMessage };
}
