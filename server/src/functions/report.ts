/** The `report` cloud function: alerts and penalties. */
import { dashboard, diversion } from '../report/diversion.js';
import { stock } from '../report/stock.js';
import { alerts, penalties } from '../report/service.js';
import { defineFunction } from '../runtime/define.js';

export const reportMain = defineFunction('report', {
  alerts: { run: alerts },
  penalties: { run: penalties },
  stock: { run: stock },
  diversion: { run: diversion },
  dashboard: { run: dashboard },
});
