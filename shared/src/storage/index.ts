export * from './limits.js';
export * from './cloud-path.js';
