/**
 * The `order` cloud function: here its stock actions (server/src/stock/).
 * What each action does; its request, callers, apps and errors are declared in
 * shared/src/api/functions/order.ts.
 */
import { defineFunction } from '../runtime/define.js';
import { setSafetyStock, stock, stockMoves } from '../stock/actions.js';

export const orderMain = defineFunction('order', {
  stock,
  stockMoves,
  setSafetyStock,
});
