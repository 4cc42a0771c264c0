import { describe, expect, it } from 'vitest';
import { orderNumber, parseOrderNumber, shardedSequence } from './order-number.js';

describe('order numbers', () => {
  it('goal: prefix, Asia/Shanghai date, six-digit sequence', () => {
    // 2026-12-03 17:00 UTC is already 2026-12-04 in Shanghai
    expect(orderNumber('SO', Date.UTC(2026, 11, 3, 17, 0), 123)).toBe('SO20261204-000123');
    expect(parseOrderNumber('SO20261204-000123')).toEqual({ prefix: 'SO', date: '20261204', seq: 123 });
    expect(() => orderNumber('so', 0, 1)).toThrow();
    expect(() => orderNumber('SO', 0, 0)).toThrow();
  });

  it('goal: sharded counters never hand out the same sequence twice', () => {
    const seen = new Set<number>();
    for (let shard = 0; shard < 8; shard++) for (let n = 1; n <= 50; n++) seen.add(shardedSequence(shard, 8, n));
    expect(seen.size).toBe(400);
  });
});
