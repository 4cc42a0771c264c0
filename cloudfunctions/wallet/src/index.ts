// The `wallet` cloud function. Thin on purpose: the actions live in server/src.
export { walletMain as main } from '@channel-router/server/functions/wallet';
