/**
 * The production shipping notices: WeChat mini-program server APIs called with the app's access
 * token. Tokens come from `POST /cgi-bin/stable_token` (the stable token: fetching it does not
 * invalidate the token other servers of the app hold) and are kept until 5 minutes before they
 * expire. A reply saying the token is invalid (40001, 42001) fetches a fresh one once and retries.
 * The token travels in the URL's query: it is never written to a log or an error message.
 *
 * Configuration (read by configured.ts): per app, APPID_<APP> with APPSECRET_<APP>.
 */
import { fetchHttp, type HttpCall } from '../http.js';
import { payErr, payOk, type PayResult } from '../provider.js';
import type { ShippingInfo, ShippingNoticeProvider, SubscribeMessage } from './provider.js';
import { shippingInfoBody, subscribeMessageBody } from './shapes.js';

export interface MiniProgramCredentials {
  appId: string;
  secret: string;
}

export interface WechatShippingConfig {
  apps: readonly MiniProgramCredentials[];
  baseUrl?: string;
  timeout_ms?: number;
}

export interface WechatShippingDeps {
  http?: HttpCall;
  now_ms?: () => number;
}

export const STABLE_TOKEN_PATH = '/cgi-bin/stable_token';
export const SUBSCRIBE_SEND_PATH = '/cgi-bin/message/subscribe/send';
export const UPLOAD_SHIPPING_INFO_PATH = '/wxa/sec/order/upload_shipping_info';

const TOKEN_REFRESH_BEFORE_MS = 5 * 60_000;
const TOKEN_INVALID = new Set([40001, 42001, 40014]);
/** -1 system busy, 45009 daily limit, 45011 too frequent: try again later. */
const RETRY_LATER = new Set([-1, 45009, 45011]);

type Reply = Record<string, unknown>;

export function wechatShippingProvider(cfg: WechatShippingConfig, deps: WechatShippingDeps = {}): ShippingNoticeProvider {
  if (cfg.apps.length === 0 || cfg.apps.length > 8) throw new Error('between 1 and 8 apps');
  const baseUrl = cfg.baseUrl ?? 'https://api.weixin.qq.com';
  const http = deps.http ?? fetchHttp(cfg.timeout_ms ?? 10_000);
  const now_ms = deps.now_ms ?? Date.now;
  const tokens = new Map<string, { token: string; refreshAt_ms: number }>();

  async function postJson(path: string, body: object, what: string): Promise<PayResult<Reply>> {
    const res = await http({ method: 'POST', url: baseUrl + path, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status === 0 || res.status >= 500) return payErr('PROVIDER_UNAVAILABLE', `${what}: ${res.status === 0 ? 'no reply' : `HTTP ${res.status}`}`);
    try {
      const reply: unknown = JSON.parse(res.body);
      if (typeof reply === 'object' && reply !== null && !Array.isArray(reply)) return payOk(reply as Reply);
    } catch {
      // fall through: not JSON
    }
    return payErr('PROVIDER_UNAVAILABLE', `${what}: HTTP ${res.status}, the reply is not JSON`);
  }

  async function accessToken(appId: string, force: boolean): Promise<PayResult<string>> {
    const app = cfg.apps.find((a) => a.appId === appId);
    if (!app) return payErr('INVALID_REQUEST', `no credentials for app ${appId}`, { field: 'appId' });
    const cached = tokens.get(appId);
    if (!force && cached && now_ms() < cached.refreshAt_ms) return payOk(cached.token);
    const r = await postJson(STABLE_TOKEN_PATH, { grant_type: 'client_credential', appid: app.appId, secret: app.secret, force_refresh: force }, 'stable_token');
    if (!r.ok) return r;
    const { access_token, expires_in, errcode, errmsg } = r.data;
    if (typeof access_token !== 'string' || access_token.length === 0 || !Number.isInteger(expires_in)) {
      return payErr(RETRY_LATER.has(errcode as number) ? 'PROVIDER_UNAVAILABLE' : 'PROVIDER_REJECTED', `stable_token: ${String(errcode)} ${String(errmsg ?? '')}`.trim(), { providerCode: String(errcode) });
    }
    tokens.set(appId, { token: access_token, refreshAt_ms: now_ms() + (expires_in as number) * 1000 - TOKEN_REFRESH_BEFORE_MS });
    return payOk(access_token);
  }

  /** One call with the app's token; an invalid token is replaced once. */
  async function call(appId: string, path: string, body: object, what: string): Promise<PayResult<true>> {
    for (const force of [false, true]) {
      const token = await accessToken(appId, force);
      if (!token.ok) return token;
      const r = await postJson(`${path}?access_token=${encodeURIComponent(token.data)}`, body, what);
      if (!r.ok) return r;
      const errcode = r.data.errcode ?? 0;
      if (errcode === 0) return payOk(true);
      if (TOKEN_INVALID.has(errcode as number) && !force) {
        tokens.delete(appId);
        continue;
      }
      const message = `${what}: ${String(errcode)} ${String(r.data.errmsg ?? '')}`.trim();
      return payErr(RETRY_LATER.has(errcode as number) ? 'PROVIDER_UNAVAILABLE' : 'PROVIDER_REJECTED', message, { providerCode: String(errcode) });
    }
    return payErr('PROVIDER_UNAVAILABLE', `${what}: the access token stays invalid`);
  }

  return {
    name: 'wechat',
    async sendSubscribeMessage(m: SubscribeMessage): Promise<PayResult<{ sent: true }>> {
      const body = subscribeMessageBody(m);
      if (!body.ok) return body;
      const r = await call(m.appId, SUBSCRIBE_SEND_PATH, body.data, 'subscribe/send');
      return r.ok ? payOk({ sent: true }) : r;
    },
    async uploadShippingInfo(s: ShippingInfo): Promise<PayResult<{ uploaded: true }>> {
      const body = shippingInfoBody(s);
      if (!body.ok) return body;
      const r = await call(s.appId, UPLOAD_SHIPPING_INFO_PATH, body.data, 'upload_shipping_info');
      return r.ok ? payOk({ uploaded: true }) : r;
    },
  };
}
