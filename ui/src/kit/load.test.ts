import { describe, expect, it } from 'vitest';
import { isRetryable, latest, localError, valueOf } from './load';

// Goal: screens agree on when asking again may help, and a slow old reply never wins.
describe('loading', () => {
  it('retries only what a retry can fix: a lost or garbled reply, a busy server', () => {
    for (const code of ['NETWORK', 'BAD_REPLY', 'INTERNAL'] as const) expect(isRetryable({ code })).toBe(true);
    for (const code of ['FORBIDDEN', 'INVALID_ARGUMENT', 'CONFLICT', 'NOT_FOUND'] as const) expect(isRetryable({ code })).toBe(false);
  });

  it('keeps only the newest of overlapping requests', () => {
    const gen = latest();
    const first = gen.next();
    const second = gen.next();
    expect([gen.isLatest(first), gen.isLatest(second)]).toEqual([false, true]);
  });

  it('reads a value only when ready, and makes a phone-side error in the client’s shape', () => {
    expect(valueOf({ status: 'ready', value: 3 })).toBe(3);
    expect(valueOf({ status: 'loading' })).toBeNull();
    expect(localError('请填写金额')).toEqual({ code: 'INVALID_ARGUMENT', message: 'rejected before sending', userMessage: '请填写金额' });
  });
});

describe('time on screen', () => {
  it('shows a moment as year-month-day hour:minute in the phone’s time zone', async () => {
    const { timeText } = await import('./labels');
    const at = new Date(2025, 2, 8, 14, 5).getTime();
    expect(timeText(at)).toBe('2025-03-08 14:05');
  });
});
