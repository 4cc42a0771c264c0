/**
 * The `wallet` cloud function: budget, wallets, withdrawals, penalty settlement.
 * What each action does; its request, callers, apps and errors are declared in
 * shared/src/api/functions/wallet.ts.
 */
import { defineFunction } from '../runtime/define.js';
import { listWithdrawals, approveWithdrawal, balance, fund, history, rejectWithdrawal, settlePenalty, withdraw } from '../wallet/service.js';

export const walletMain = defineFunction('wallet', {
  fund,
  balance,
  history,
  withdraw,
  approveWithdrawal,
  rejectWithdrawal,
  settlePenalty,
  listWithdrawals,
});
