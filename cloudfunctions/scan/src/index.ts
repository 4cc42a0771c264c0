// The `scan` cloud function. Thin on purpose: the actions live in server/src.
export { scanMain as main } from '@channel-router/server/functions/scan';
