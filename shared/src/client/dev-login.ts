/**
 * Local mode only: `POST /api/dev/login` stands in for the identity WeChat injects (docs/actions.md#local-gateway).
 * The h5 apps show a person picker; the tester chooses a seeded person and gets a token.
 */
import type { FetchLike } from './transports.js';
import { userMessage } from './messages.js';
import type { ClientResult } from './types.js';

export type AppName = 'admin' | 'dealer' | 'terminal' | 'consumer';

export interface DemoPerson {
  openId: string;
  /** What the picker shows, e.g. 「广东经销商 老板」. */
  label: string;
}

/**
 * The seeded demo people, per app. The seed creates exactly these openIds (unionId = openId).
 */
export const DEMO_PEOPLE: Readonly<Record<AppName, readonly DemoPerson[]>> = {
  admin: [
    { openId: 'demo-admin', label: '品牌管理员' },
    { openId: 'demo-inspector', label: '品牌稽查员' },
  ],
  dealer: [
    { openId: 'demo-dealer-gd', label: '广东经销商 老板' },
    { openId: 'demo-dealer-bj', label: '北京经销商 老板' },
    { openId: 'demo-wholesaler-fs', label: '佛山二批 老板' },
    { openId: 'demo-dealer-sh', label: '上海经销商 老板' },
  ],
  terminal: [
    { openId: 'demo-owner-gz', label: '广州天河便利店 店主' },
    { openId: 'demo-clerk-gz', label: '广州天河便利店 店员' },
    { openId: 'demo-clerk-bj', label: '北京朝阳超市 店员' },
  ],
  consumer: [
    { openId: 'demo-consumer-1', label: '消费者 小王（广州）' },
    { openId: 'demo-consumer-2', label: '消费者 小李（北京）' },
  ],
};

const OPEN_ID = /^[A-Za-z0-9_-]{1,64}$/;

export async function devLogin(options: {
  baseUrl: string;
  fetch: FetchLike;
  app: AppName;
  openId: string;
  timeout_ms?: number;
}): Promise<ClientResult<{ token: string }>> {
  if (!OPEN_ID.test(options.openId)) throw new Error(`devLogin: bad openId ${options.openId}`);
  const base = options.baseUrl.replace(/\/+$/, '');
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
  const timer = setTimeout(() => controller?.abort(), options.timeout_ms ?? 15_000);
  const fail = (code: 'NETWORK' | 'BAD_REPLY', message: string): ClientResult<{ token: string }> => ({
    ok: false,
    error: { code, message, userMessage: userMessage(code) },
  });
  try {
    const init: Parameters<FetchLike>[1] = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ app: options.app, openId: options.openId }),
    };
    if (controller !== undefined) init.signal = controller.signal;
    let res: Awaited<ReturnType<FetchLike>>;
    try {
      res = await options.fetch(`${base}/api/dev/login`, init);
    } catch (e) {
      return fail('NETWORK', `login failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(await res.text());
    } catch {
      return fail('BAD_REPLY', `HTTP ${res.status}, body is not JSON`);
    }
    const token = (body as { token?: unknown } | null)?.token;
    if (res.status !== 200 || typeof token !== 'string' || token === '') {
      return fail('BAD_REPLY', `HTTP ${res.status}, no token`);
    }
    return { ok: true, data: { token } };
  } finally {
    clearTimeout(timer);
  }
}
