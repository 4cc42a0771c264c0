/**
 * The WeChat Pay provider of this deployment:
 * - the WeChat Pay API v3 JSAPI provider when its whole configuration is present;
 * - else, under the local cloud (TCB_SOURCE=local-cloud) or where WXPAY_SIMULATED=1 says so,
 *   the simulated provider (one per process: it remembers its prepays);
 * - else none (null): WeChat Pay is unavailable. Unlike simulated payouts, which pay nothing
 *   real, a simulated payment would let anyone mark an order paid with the published simulated
 *   key, so it is never a silent production default.
 * The variables are listed in docs/payments.md and the README's deploy section.
 */
import type { PaymentProvider } from './provider.js';
import { simulatedPaymentProvider, type SimulatedPaymentProvider } from './simulated.js';
import { wechatPayJsapiProvider, type WechatPayJsapiConfig } from './wechat-pay-jsapi.js';

type Env = Record<string, string | undefined>;

export const WXPAY_REQUIRED_ENV = [
  'WXPAY_MCHID',
  'WXPAY_APPID',
  'WXPAY_SERIAL_NO',
  'WXPAY_PRIVATE_KEY',
  'WXPAY_APIV3_KEY',
  'WXPAY_PLATFORM_PUBLIC_KEY',
  'WXPAY_PLATFORM_SERIAL',
  'WXPAY_NOTIFY_URL',
] as const;

/** Set only for payments (the merchant id, app and key are shared with merchant-transfer payouts). */
const PAYMENT_ONLY_ENV = ['WXPAY_APIV3_KEY', 'WXPAY_PLATFORM_PUBLIC_KEY', 'WXPAY_PLATFORM_SERIAL', 'WXPAY_NOTIFY_URL'] as const;

/** The apps whose payers may pay, besides WXPAY_APPID (each must be bound to the merchant). */
const APP_ID_ENV = ['APPID_ADMIN', 'APPID_DEALER', 'APPID_TERMINAL', 'APPID_CONSUMER'] as const;

/** PEMs pasted into a console's single-line field often arrive with literal `\n`. */
function pem(v: string): string {
  return v.includes('\\n') ? v.replace(/\\n/g, '\n') : v;
}

export function wechatPayConfigFromEnv(env: Env): WechatPayJsapiConfig | null {
  if (WXPAY_REQUIRED_ENV.some((k) => !env[k])) return null;
  const appId = env.WXPAY_APPID!;
  const otherAppIds = [...new Set(APP_ID_ENV.map((k) => env[k]).filter((v): v is string => !!v && v !== appId))];
  return {
    mchId: env.WXPAY_MCHID!,
    appId,
    otherAppIds,
    serialNo: env.WXPAY_SERIAL_NO!,
    privateKeyPem: pem(env.WXPAY_PRIVATE_KEY!),
    apiV3Key: env.WXPAY_APIV3_KEY!,
    platformPublicKeyPem: pem(env.WXPAY_PLATFORM_PUBLIC_KEY!),
    platformSerial: env.WXPAY_PLATFORM_SERIAL!,
    notifyUrl: env.WXPAY_NOTIFY_URL!,
    ...(env.WXPAY_REFUND_NOTIFY_URL ? { refundNotifyUrl: env.WXPAY_REFUND_NOTIFY_URL } : {}),
  };
}

let simulated: SimulatedPaymentProvider | null = null;
let production: { fingerprint: string; provider: PaymentProvider } | null = null;
let warnedPartial = false;

/** The process's simulated provider (also what tests and the local gateway pay with). */
export function localSimulatedPaymentProvider(): SimulatedPaymentProvider {
  simulated ??= simulatedPaymentProvider();
  return simulated;
}

export function paymentProvider(env: Env): PaymentProvider | null {
  const cfg = wechatPayConfigFromEnv(env);
  if (cfg !== null) {
    // Keys are parsed once per configuration, not per request.
    const fingerprint = WXPAY_REQUIRED_ENV.map((k) => env[k]).join('\u0000') + (env.WXPAY_REFUND_NOTIFY_URL ?? '');
    if (production?.fingerprint !== fingerprint) production = { fingerprint, provider: wechatPayJsapiProvider(cfg) };
    return production.provider;
  }
  if (env.TCB_SOURCE === 'local-cloud' || env.WXPAY_SIMULATED === '1') return localSimulatedPaymentProvider();
  if (!warnedPartial && PAYMENT_ONLY_ENV.some((k) => env[k])) {
    warnedPartial = true;
    console.error(`[payments] WeChat Pay is half configured; missing: ${WXPAY_REQUIRED_ENV.filter((k) => !env[k]).join(', ')}`);
  }
  return null;
}
