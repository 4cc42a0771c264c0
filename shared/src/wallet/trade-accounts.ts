/**
 * The trade ledger's accounts (docs/ordering.md), beside the reward ledger's in `ledger.ts`:
 *
 * - `deposit:<sellerId>:<buyerId>`  the buyer's prepaid balance with the seller (预存款)
 * - `rebate:<sellerId>:<buyerId>`   the buyer's rebate balance with the seller (返利)
 * - `credit:<sellerId>:<buyerId>`   the buyer's credit with the seller: starts at 0, goes down by
 *                                    what is used (to minus the credit line's limit, no further),
 *                                    back up by refunds and repayments; minus its balance is the
 *                                    credit in use
 * - `hold:order:<orderId>`          what an order has been paid, held until completion or refund
 * - `sales:<sellerId>`              what the seller has been paid out for completed orders
 * - `external:bank`                 money in and out by bank transfer
 * - `external:wechat_pay`           money in and out by WeChat Pay
 * - `external:rebate`               rebate granted by sellers (their promise, outside the system)
 *
 * Account policy: external accounts have no floor; a `credit` account's floor is minus its
 * limit (given per posting call by the credit line in force); every other account's floor is 0.
 */
import type { AccountId } from './ledger.js';

export const BANK_ACCOUNT = 'external:bank';
export const WECHAT_PAY_ACCOUNT = 'external:wechat_pay';
export const REBATE_GRANT_ACCOUNT = 'external:rebate';

const ORG = '[^\\s:]{1,64}';
const TRADE_ACCOUNT_PATTERN = new RegExp(
  `^(?:external:(?:bank|wechat_pay|rebate)|(?:deposit|rebate|credit):${ORG}:${ORG}|hold:order:${ORG}|sales:${ORG})$`,
);

export function isTradeAccount(id: string): boolean {
  return TRADE_ACCOUNT_PATTERN.test(id);
}

function pair(kind: 'deposit' | 'rebate' | 'credit', sellerId: string, buyerId: string): AccountId {
  if (sellerId.includes(':') || buyerId.includes(':')) throw new Error(`bad org id in ${kind} account`);
  return `${kind}:${sellerId}:${buyerId}`;
}
export const depositAccount = (sellerId: string, buyerId: string): AccountId => pair('deposit', sellerId, buyerId);
export const rebateAccount = (sellerId: string, buyerId: string): AccountId => pair('rebate', sellerId, buyerId);
export const creditAccount = (sellerId: string, buyerId: string): AccountId => pair('credit', sellerId, buyerId);
export const orderHoldAccount = (orderId: string): AccountId => `hold:order:${orderId}`;
export const salesAccount = (sellerId: string): AccountId => `sales:${sellerId}`;

export function isCreditAccount(id: AccountId): boolean {
  return id.startsWith('credit:');
}

/**
 * The lowest balance an account may reach. `creditLimits` gives the limit of each credit account
 * a call may debit (absent: no credit, floor 0).
 */
export function accountFloor(id: AccountId, creditLimits: ReadonlyMap<AccountId, number> = new Map()): number {
  if (id.startsWith('external:')) return Number.NEGATIVE_INFINITY;
  if (isCreditAccount(id)) return -(creditLimits.get(id) ?? 0);
  return 0;
}
