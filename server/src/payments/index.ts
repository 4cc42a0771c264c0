/**
 * WeChat Pay and shipping notices for the order module (docs/payments.md).
 */
export * from './provider.js';
export { checkProfitSharing, profitSharingBody, encryptSensitive, PROFIT_SHARING_PATH, type ProfitSharingBody, type ProfitSharingResult } from './profit-sharing.js';
export { paymentProvider, localSimulatedPaymentProvider, wechatPayConfigFromEnv, WXPAY_REQUIRED_ENV } from './configured.js';
export { simulatedPaymentNotice, simulatedRefundNotice, type SimulatedPaymentProvider } from './simulated.js';
export { noticeKey } from './notice-key.js';
export { rawNoticeFromHttpEvent, noticeReply, type HttpTriggerEvent, type HttpTriggerReply } from './notify-http.js';
export { asAppError } from './app-error.js';
export * from './shipping/provider.js';
export { shippingNoticeProvider, shippingTemplateId, localSimulatedShippingProvider } from './shipping/configured.js';
export { clipTemplateValue } from './shipping/shapes.js';
