/**
 * The `trade` cloud function (docs/trade.md#trade): trade relations, customer
 * profiles, list prices and floors, price policies with CSV import and export, seller terms and
 * credit lines, rebate adjustments. The use cases live in server/src/trade/, which owns their
 * collections (a rebate adjustment's posting is written by the wallet module).
 */
import { defineFunction } from '../runtime/define.js';
import { listCreditLines, setCreditLine } from '../trade/credit-lines.js';
import { listCustomers, saveCustomer } from '../trade/customers.js';
import { adjustRebate } from '../trade/rebates.js';
import { listListPrices, setListPrices } from '../trade/list-prices.js';
import { exportPricePolicies, importPricePolicies, listPricePolicies, savePricePolicy, setPolicyEnabled } from '../trade/policies.js';
import { addRelation, listRelations, reassignSeller } from '../trade/relations.js';
import { getTerms, setTerms } from '../trade/terms.js';

export const tradeMain = defineFunction('trade', {
  setListPrices,
  listListPrices,
  savePricePolicy,
  listPricePolicies,
  setPolicyEnabled,
  importPricePolicies,
  exportPricePolicies,
  saveCustomer,
  listCustomers,
  setTerms,
  getTerms,
  addRelation,
  reassignSeller,
  listRelations,
  setCreditLine,
  listCreditLines,
  adjustRebate,
});
