export * from './geocoder.js';
export * from './offline-geocoder.js';
