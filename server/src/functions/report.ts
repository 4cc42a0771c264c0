/** The `report` cloud function: alerts and penalties. */
import { alerts, penalties } from '../report/service.js';
import { defineFunction } from '../runtime/define.js';

export const reportMain = defineFunction('report', {
  alerts: { run: alerts },
  penalties: { run: penalties },
});
