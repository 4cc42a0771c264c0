import { describe, expect, it } from 'vitest';
import { ageing, ageingBucket, daysOverdue, dueAt_ms, overdue_fen, shanghaiDate } from './receivables.js';

// 2026-12-04 10:00 Asia/Shanghai = 02:00 UTC
const RECEIVED = Date.UTC(2026, 11, 4, 2, 0);
const DAY = 86_400_000;

describe('receivables', () => {
  it('goal: due at the end of the Shanghai day receipt + termDays', () => {
    const due = dueAt_ms(RECEIVED, 30);
    // 2027-01-03 24:00 Shanghai = 2027-01-03 16:00 UTC
    expect(due).toBe(Date.UTC(2027, 0, 3, 16, 0));
    expect(shanghaiDate(due - 1)).toBe('20270103');
    expect(daysOverdue(due, due - 1)).toBe(0);
    expect(daysOverdue(due, due)).toBe(1);
  });

  it('goal: ageing buckets: not due, 1–30, 31–60, over 60 days overdue', () => {
    const due = dueAt_ms(RECEIVED, 0);
    expect(ageingBucket(due, due - 1)).toBe('not_due');
    expect(ageingBucket(due, due + 29 * DAY)).toBe('d1_30');
    expect(ageingBucket(due, due + 30 * DAY)).toBe('d31_60');
    expect(ageingBucket(due, due + 60 * DAY)).toBe('over_60');
    const rs = [
      { outstanding_fen: 100, due_ms: due },
      { outstanding_fen: 50, due_ms: due + 100 * DAY },
      { outstanding_fen: 0, due_ms: due - 100 * DAY },
    ];
    expect(ageing(rs, due + DAY)).toEqual({ not_due: 50, d1_30: 100, d31_60: 0, over_60: 0 });
    expect(overdue_fen(rs, due + DAY)).toBe(100);
  });
});
