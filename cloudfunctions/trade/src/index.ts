// The `trade` cloud function. Thin on purpose: the actions live in server/src.
export { tradeMain as main } from '@channel-router/server/functions/trade';
