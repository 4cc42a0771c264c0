/** Promotions, rebate programs, statements and settlement documents on the apps: logic free of Taro, tested in Node. */
export * from './api';
export * from '../shanghai-dates';
export * from './words';
export * from './form';
export * from './preview';
export * from './status';
export * from './rebate-form';
export * from './statements';
export * from './settlements';
export * from './routes';
