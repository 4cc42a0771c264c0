/**
 * Stores of the channel screens in the `pages-channel/` subpackage (alerts, inspection): they
 * name regions, and the region tables (~70 KB) then load with that subpackage instead of the
 * main package. Imported only by those pages.
 */
import { createAlertsStore } from '../stores/alerts';
import { createInspectStore } from '../stores/inspect';
import { client } from './app';

export const alertsStore = createAlertsStore({ client });
export const inspectStore = createInspectStore({ client });
