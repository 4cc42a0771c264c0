export * from './types.js';
export * from './validate.js';
export * from './eligibility.js';
export * from './apportion.js';
export * from './tiers.js';
export * from './layer1.js';
export * from './apply.js';
