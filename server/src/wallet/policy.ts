/** Withdrawal limits, configurable per deployment through the functions' environment. */
import { DEFAULT_WITHDRAWAL_POLICY, type WithdrawalPolicy } from '@channel-router/shared';

function intFrom(v: string | undefined, fallback: number, max: number): number {
  const n = Number(v);
  return v !== undefined && Number.isSafeInteger(n) && n > 0 && n <= max ? n : fallback;
}

export function withdrawalPolicy(env: Record<string, string | undefined>): WithdrawalPolicy {
  return {
    minAmount_fen: DEFAULT_WITHDRAWAL_POLICY.minAmount_fen, // fixed by the product: 10 fen
    dailyLimit_fen: intFrom(env.WITHDRAWAL_DAILY_LIMIT_FEN, DEFAULT_WITHDRAWAL_POLICY.dailyLimit_fen, 100_000_000),
    maxRequestsPerDay: intFrom(env.WITHDRAWAL_DAILY_COUNT, DEFAULT_WITHDRAWAL_POLICY.maxRequestsPerDay, 1000),
  };
}
