export * from './cipher.js';
export * from './crockford.js';
export * from './codec.js';
export * from './parse.js';
export * from './layout.js';
export * from './print-rows.js';
