/**
 * Rate limits scale with `RATE_LIMIT_MULTIPLIER` (default 1): a load test from one address sets
 * it high; production leaves it unset.
 */
const MULTIPLIER_MAX = 1_000_000;

export function rateLimitMultiplier(env: Record<string, string | undefined>): number {
  const n = Number(env.RATE_LIMIT_MULTIPLIER ?? '1');
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MULTIPLIER_MAX) : 1;
}
