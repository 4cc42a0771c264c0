/** The `wallet` cloud function: budget, wallets, withdrawals, penalty settlement. */
import { defineFunction } from '../runtime/define.js';
import { listWithdrawals, approveWithdrawal, balance, fund, history, rejectWithdrawal, settlePenalty, withdraw } from '../wallet/service.js';

export const walletMain = defineFunction('wallet', {
  fund: { run: fund },
  balance: { run: balance },
  history: { run: history },
  withdraw: { run: withdraw },
  approveWithdrawal: { run: approveWithdrawal },
  rejectWithdrawal: { run: rejectWithdrawal },
  settlePenalty: { run: settlePenalty },
  listWithdrawals: { run: listWithdrawals },
});
