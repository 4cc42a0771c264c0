/**
 * The `report` cloud function: alerts and penalties.
 * What each action does; its request, callers, apps and errors are declared in
 * shared/src/api/functions/report.ts.
 */
import { dashboard, diversion } from '../report/diversion.js';
import { stock } from '../report/stock.js';
import { alerts, penalties } from '../report/service.js';
import { defineFunction } from '../runtime/define.js';
import { stockCheck } from '../stock/check.js';
import { ordering } from '../report/ordering.js';

export const reportMain = defineFunction('report', {
  alerts,
  penalties,
  stock,
  stockCheck,
  ordering,
  diversion,
  dashboard,
});
