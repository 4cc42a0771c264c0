export * from './regions.js';
export * from './names.js';
