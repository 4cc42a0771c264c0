// The `codes` cloud function. Thin on purpose: the actions live in server/src.
export { codesMain as main } from '@channel-router/server/functions/codes';
