// The `order` cloud function. Thin on purpose: the actions live in server/src.
export { orderMain as main } from '@channel-router/server/functions/order';
