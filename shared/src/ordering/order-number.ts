/**
 * Order numbers that read well: seller prefix, the Asia/Shanghai date, a sequence —
 * `SO20261204-000123`.
 */
import { shanghaiDate } from './receivables.js';

export const ORDER_SEQUENCE_MAX = 999_999;
const PREFIX_PATTERN = /^[A-Z]{1,4}$/;

export function orderNumber(prefix: string, at_ms: number, seq: number): string {
  if (!PREFIX_PATTERN.test(prefix)) throw new Error(`orderNumber: bad prefix ${prefix}`);
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > ORDER_SEQUENCE_MAX) throw new Error(`orderNumber: bad sequence ${seq}`);
  return `${prefix}${shanghaiDate(at_ms)}-${String(seq).padStart(6, '0')}`;
}

export function parseOrderNumber(no: string): { prefix: string; date: string; seq: number } | null {
  const m = /^([A-Z]{1,4})(\d{8})-(\d{6})$/.exec(no);
  if (!m) return null;
  return { prefix: m[1]!, date: m[2]!, seq: Number(m[3]) };
}

/**
 * The sequence of the n-th order (n ≥ 1) taken from counter shard `shard` of `shards`.
 * Why shards: one counter document per seller and day would make every submit to that seller
 * queue on it. Shard k hands out k+1, k+1+shards, ...: numbers stay unique and short, though not
 * gap-free across shards.
 */
export function shardedSequence(shard: number, shards: number, n: number): number {
  if (!Number.isInteger(shard) || shard < 0 || shard >= shards) throw new Error(`shardedSequence: bad shard ${shard}`);
  if (!Number.isInteger(n) || n < 1) throw new Error(`shardedSequence: bad n ${n}`);
  return (n - 1) * shards + shard + 1;
}
