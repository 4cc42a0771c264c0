/**
 * The shipping notice provider of this deployment: WeChat's APIs for the apps whose secret is
 * configured (APPID_<APP> with APPSECRET_<APP>), else the simulated one (harmless: it sends
 * nothing). The subscribe template of the shipping notice is chosen per app in the WeChat
 * console (订阅消息 → 选用模板); its id is SHIPPING_TEMPLATE_<APP>.
 */
import type { ShippingNoticeProvider } from './provider.js';
import { simulatedShippingProvider, type SimulatedShippingProvider } from './simulated.js';
import { wechatShippingProvider, type MiniProgramCredentials } from './wechat.js';

type Env = Record<string, string | undefined>;

const APPS = ['ADMIN', 'DEALER', 'TERMINAL', 'CONSUMER'] as const;

export function miniProgramCredentials(env: Env): MiniProgramCredentials[] {
  return APPS.flatMap((app) => {
    const appId = env[`APPID_${app}`];
    const secret = env[`APPSECRET_${app}`];
    return appId && secret ? [{ appId, secret }] : [];
  });
}

/** The shipping notice template id of the app with this AppID, if configured. */
export function shippingTemplateId(env: Env, appId: string): string | null {
  const app = APPS.find((a) => env[`APPID_${a}`] === appId);
  return (app && env[`SHIPPING_TEMPLATE_${app}`]) || null;
}

let simulated: SimulatedShippingProvider | null = null;
let production: { fingerprint: string; provider: ShippingNoticeProvider } | null = null;

export function localSimulatedShippingProvider(): SimulatedShippingProvider {
  simulated ??= simulatedShippingProvider();
  return simulated;
}

export function shippingNoticeProvider(env: Env): ShippingNoticeProvider {
  const apps = miniProgramCredentials(env);
  if (apps.length === 0) return localSimulatedShippingProvider();
  // One provider per configuration: it holds the access tokens, which are rate-limited per day.
  const fingerprint = apps.map((a) => `${a.appId}:${a.secret}`).join(',');
  if (production?.fingerprint !== fingerprint) production = { fingerprint, provider: wechatShippingProvider({ apps }) };
  return production.provider;
}
