/**
 * The withdrawal policy on its own (no ledger code with it), so that an app can read the minimum
 * it checks a typed amount against from the same place the server enforces it
 * (withdrawal-machine.ts `requestWithdrawal`).
 */
export interface WithdrawalPolicy {
  minAmount_fen: number;
  /** Total requested per owner account per day (rejected ones do not count). */
  dailyLimit_fen: number;
  maxRequestsPerDay: number;
}

/** Minimum 10 fen (fixed by the product); 5,000 yuan and 10 requests a day by default, configurable per deployment. */
export const DEFAULT_WITHDRAWAL_POLICY: WithdrawalPolicy = {
  minAmount_fen: 10,
  dailyLimit_fen: 500_000,
  maxRequestsPerDay: 10,
};
