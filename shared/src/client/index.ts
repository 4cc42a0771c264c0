/**
 * The apps' way to the cloud functions: `createClient(transport)` with a gateway transport (h5)
 * or a cloud transport (weapp), idempotency intents and plain-language errors.
 */
export * from './types.js';
export * from './messages.js';
export * from './intent.js';
export * from './transports.js';
export * from './client.js';
export * from './dev-login.js';
export * from './uploads.js';
