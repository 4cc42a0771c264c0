/**
 * Goal: a page of `order.returns` never holds more photos than one storage request signs, yet
 * always holds at least one row, and its cursor is `<requestedAt>/<returnId>` of its last row.
 */
import { describe, expect, it } from 'vitest';
import { RETURNS_CURSOR, RETURNS_PAGE_PHOTOS_MAX } from '@channel-router/shared';
import { pageWithin, returnsCursor } from './return-requests.js';

const rows = (...photos: number[]) => photos.map((n, i) => ({ id: i, photos: Array.from({ length: n }, (_, k) => `cloud://e.b/p/${i}-${k}.png`) }));

describe('pageWithin', () => {
  it('takes up to the limit while the photos fit in one storage request', () => {
    expect(RETURNS_PAGE_PHOTOS_MAX).toBe(50);
    expect(pageWithin(rows(0, 1, 2), 2).map((r) => r.id)).toEqual([0, 1]);
    // 9 × 5 = 45 photos fit; a sixth row of 9 would make 54.
    expect(pageWithin(rows(9, 9, 9, 9, 9, 9, 0), 20).map((r) => r.id)).toEqual([0, 1, 2, 3, 4]);
    expect(pageWithin(rows(9, 9, 9, 9, 9, 5, 0), 20).map((r) => r.id)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // A first row is always taken.
    expect(pageWithin(rows(9, 1), 20, 4).map((r) => r.id)).toEqual([0]);
    expect(pageWithin([], 20)).toEqual([]);
  });

  it('makes a cursor of the form the schema accepts', () => {
    const c = returnsCursor({ _id: 'ret_abc-1', requestedAt: 1_767_225_600_000 });
    expect(c).toBe('1767225600000/ret_abc-1');
    expect(RETURNS_CURSOR.test(c)).toBe(true);
  });
});
