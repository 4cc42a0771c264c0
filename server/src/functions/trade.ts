/**
 * The `trade` cloud function (docs/trade.md#trade): trade relations, customer
 * profiles, list prices and floors, price policies with CSV import and export, seller terms and
 * credit lines. The use cases live in server/src/trade/, which owns their collections.
 */
import { defineFunction } from '../runtime/define.js';
import { listCreditLines, setCreditLine } from '../trade/credit-lines.js';
import { listCustomers, saveCustomer } from '../trade/customers.js';
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
});
