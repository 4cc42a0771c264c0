/**
 * The `trade` cloud function (docs/trade.md#trade): trade relations, customer
 * profiles, list prices and floors, price policies with CSV import and export, seller terms and
 * credit lines, rebate adjustments; promotions, rebate programs and settlement documents. The use
 * cases live in server/src/trade/ and server/src/promotions/, which own their collections (a rebate
 * adjustment's posting is written by the wallet module).
 */
import { defineFunction } from '../runtime/define.js';
import { listCreditLines, setCreditLine } from '../trade/credit-lines.js';
import { listCustomers, saveCustomer } from '../trade/customers.js';
import { adjustRebate } from '../trade/rebates.js';
import { listListPrices, setListPrices } from '../trade/list-prices.js';
import { exportPricePolicies, importPricePolicies, listPricePolicies, savePricePolicy, setPolicyEnabled } from '../trade/policies.js';
import { addRelation, listRelations, reassignSeller } from '../trade/relations.js';
import { getTerms, setTerms } from '../trade/terms.js';
import { listPromotions, savePromotion, setPromotionEnabled } from '../promotions/promotions.js';
import { approveStatement, computeRebates, listRebatePrograms, listStatements, rejectStatement, saveRebateProgram } from '../promotions/rebates.js';
import { exportSettlements, listSettlements } from '../promotions/settlements.js';

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
  // Promotions, rebate programs and settlement documents: server/src/promotions/ (docs/promotions.md#promotions).
  savePromotion,
  listPromotions,
  setPromotionEnabled,
  saveRebateProgram,
  listRebatePrograms,
  computeRebates,
  listStatements,
  approveStatement,
  rejectStatement,
  listSettlements,
  exportSettlements,
});
