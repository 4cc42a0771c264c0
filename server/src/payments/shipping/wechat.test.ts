/**
 * Shipping notices against recorded request shapes of WeChat's mini-program server APIs: the
 * stable access token, the subscribe message body, the shipping-info upload body (field names and
 * codes as documented), token reuse and replacement, and the mapping of errcodes. Also: the
 * simulated provider records the same bodies after the same checks.
 */
import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse } from '../http.js';
import { miniProgramCredentials, shippingNoticeProvider, shippingTemplateId } from './configured.js';
import type { ShippingInfo, SubscribeMessage } from './provider.js';
import { clipTemplateValue } from './shapes.js';
import { simulatedShippingProvider } from './simulated.js';
import { wechatShippingProvider } from './wechat.js';

const T0 = Date.parse('2026-12-04T13:29:35.120+08:00');
const APP = { appId: 'wxterminal0000001', secret: 'terminal-app-secret' };

function recorder(replies: Reply[]) {
  const sent: HttpRequest[] = [];
  let now = T0;
  const http = async (req: HttpRequest): Promise<HttpResponse> => {
    sent.push(req);
    const r = replies.shift();
    if (!r) throw new Error('no more recorded replies');
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(r) };
  };
  return { sent, provider: wechatShippingProvider({ apps: [APP] }, { http, now_ms: () => now }), advance: (ms: number) => (now += ms) };
}
type Reply = Record<string, unknown>;

const TOKEN = { access_token: 'ACCESS_TOKEN_1', expires_in: 7200 };
const OK = { errcode: 0, errmsg: 'ok' };

const MESSAGE: SubscribeMessage = {
  appId: APP.appId,
  toOpenId: 'oStoreOwner0001',
  templateId: 'bDmywsp2oEHjwAadTGKkUHpC0RgBVPvfAbIc_WaSLbo',
  page: 'pages/orders/detail?id=ord_1',
  data: { character_string1: 'SO20261204-000123', thing2: '精酿啤酒 330ml×24 等3件商品，由经销商发出', time3: '2026-12-04 13:29', thing4: '顺丰速运', character_string5: 'SF1234567890123' },
};

const SHIPPING: ShippingInfo = {
  appId: APP.appId,
  order: { transactionId: '4200000985202612047304614321' },
  logisticsType: 'express',
  deliveryMode: 'split',
  isAllDelivered: false,
  parcels: [{ trackingNo: 'SF1234567890123', expressCompany: 'SF', itemDesc: '精酿啤酒 330ml×24 ×2', receiverContact: '189****1234' }],
  uploadedAt_ms: T0,
  payerOpenId: 'oStoreOwner0001',
};

describe('WeChat shipping notices', () => {
  it('fetches a stable token, then sends the documented subscribe message body with the token in the query', async () => {
    const { sent, provider } = recorder([TOKEN, OK]);
    expect(await provider.sendSubscribeMessage(MESSAGE)).toEqual({ ok: true, data: { sent: true } });
    expect(sent[0]!.url).toBe('https://api.weixin.qq.com/cgi-bin/stable_token');
    expect(JSON.parse(sent[0]!.body!)).toEqual({ grant_type: 'client_credential', appid: APP.appId, secret: APP.secret, force_refresh: false });
    expect(sent[1]!.url).toBe('https://api.weixin.qq.com/cgi-bin/message/subscribe/send?access_token=ACCESS_TOKEN_1');
    expect(JSON.parse(sent[1]!.body!)).toEqual({
      touser: 'oStoreOwner0001',
      template_id: 'bDmywsp2oEHjwAadTGKkUHpC0RgBVPvfAbIc_WaSLbo',
      page: 'pages/orders/detail?id=ord_1',
      data: {
        character_string1: { value: 'SO20261204-000123' },
        thing2: { value: '精酿啤酒 330ml×24 等3件商品…' }, // a thing holds 20 characters: 19 and the ellipsis
        time3: { value: '2026-12-04 13:29' },
        thing4: { value: '顺丰速运' },
        character_string5: { value: 'SF1234567890123' },
      },
      miniprogram_state: 'formal',
      lang: 'zh_CN',
    });
  });

  it('uploads the documented shipping info body and reuses the token until 5 minutes before it expires', async () => {
    const { sent, provider, advance } = recorder([TOKEN, OK, OK, { access_token: 'ACCESS_TOKEN_2', expires_in: 7200 }, OK]);
    expect(await provider.uploadShippingInfo(SHIPPING)).toEqual({ ok: true, data: { uploaded: true } });
    expect(sent[1]!.url).toBe('https://api.weixin.qq.com/wxa/sec/order/upload_shipping_info?access_token=ACCESS_TOKEN_1');
    expect(JSON.parse(sent[1]!.body!)).toEqual({
      order_key: { order_number_type: 2, transaction_id: '4200000985202612047304614321' },
      logistics_type: 1,
      delivery_mode: 2,
      is_all_delivered: false,
      shipping_list: [{ tracking_no: 'SF1234567890123', express_company: 'SF', item_desc: '精酿啤酒 330ml×24 ×2', contact: { receiver_contact: '189****1234' } }],
      upload_time: '2026-12-04T13:29:35.120+08:00',
      payer: { openid: 'oStoreOwner0001' },
    });
    advance(7200_000 - 5 * 60_000 - 1);
    await provider.uploadShippingInfo({ ...SHIPPING, order: { mchId: '1900006891', outTradeNo: 'pay_SO20261204000123wx' }, deliveryMode: 'unified' });
    expect(sent).toHaveLength(3); // same token, no new token request
    expect(JSON.parse(sent[2]!.body!)).toMatchObject({ order_key: { order_number_type: 1, mchid: '1900006891', out_trade_no: 'pay_SO20261204000123wx' }, delivery_mode: 1 });
    expect(JSON.parse(sent[2]!.body!)).not.toHaveProperty('is_all_delivered');
    advance(1);
    await provider.uploadShippingInfo(SHIPPING);
    expect(sent[3]!.url).toBe('https://api.weixin.qq.com/cgi-bin/stable_token');
    expect(sent[4]!.url).toContain('access_token=ACCESS_TOKEN_2');
  });

  it('replaces an invalid token once (force_refresh) and retries; maps errcodes', async () => {
    const { sent, provider } = recorder([TOKEN, { errcode: 40001, errmsg: 'invalid credential' }, { access_token: 'ACCESS_TOKEN_2', expires_in: 7200 }, OK]);
    expect((await provider.sendSubscribeMessage(MESSAGE)).ok).toBe(true);
    expect(JSON.parse(sent[2]!.body!)).toMatchObject({ force_refresh: true });
    expect(sent[3]!.url).toContain('access_token=ACCESS_TOKEN_2');

    const r = recorder([TOKEN, { errcode: 43101, errmsg: 'user refuse to accept the msg' }, { errcode: -1, errmsg: 'system error' }, { errcode: 10060001, errmsg: '支付单不存在' }]);
    expect(await r.provider.sendSubscribeMessage(MESSAGE)).toMatchObject({ ok: false, error: { code: 'PROVIDER_REJECTED', providerCode: '43101', retryable: false } });
    expect(await r.provider.sendSubscribeMessage(MESSAGE)).toMatchObject({ ok: false, error: { code: 'PROVIDER_UNAVAILABLE', providerCode: '-1', retryable: true } });
    expect(await r.provider.uploadShippingInfo(SHIPPING)).toMatchObject({ ok: false, error: { code: 'PROVIDER_REJECTED', providerCode: '10060001' } });
    const bad = recorder([{ errcode: 40125, errmsg: 'invalid appsecret' }]);
    const e = await bad.provider.sendSubscribeMessage(MESSAGE);
    expect(e).toMatchObject({ ok: false, error: { code: 'PROVIDER_REJECTED', providerCode: '40125' } });
    expect(JSON.stringify(e)).not.toContain(APP.secret);
  });

  it('refuses bad input naming the field and sends nothing; unknown apps too', async () => {
    const cases: [() => Promise<{ ok: boolean; error?: { field?: string } }>, string][] = [];
    const { sent, provider } = recorder([]);
    cases.push([() => provider.sendSubscribeMessage({ ...MESSAGE, toOpenId: '' }), 'toOpenId']);
    cases.push([() => provider.sendSubscribeMessage({ ...MESSAGE, templateId: 'bad id' }), 'templateId']);
    cases.push([() => provider.sendSubscribeMessage({ ...MESSAGE, page: '/pages/x' }), 'page']);
    cases.push([() => provider.sendSubscribeMessage({ ...MESSAGE, data: {} }), 'data']);
    cases.push([() => provider.sendSubscribeMessage({ ...MESSAGE, data: { thing2: '' } }), 'data.thing2']);
    cases.push([() => provider.sendSubscribeMessage({ ...MESSAGE, appId: 'wxunknown' }), 'appId']);
    cases.push([() => provider.uploadShippingInfo({ ...SHIPPING, order: { transactionId: '' } }), 'order']);
    cases.push([() => provider.uploadShippingInfo({ ...SHIPPING, isAllDelivered: undefined }), 'isAllDelivered']);
    cases.push([() => provider.uploadShippingInfo({ ...SHIPPING, parcels: [] }), 'parcels']);
    cases.push([() => provider.uploadShippingInfo({ ...SHIPPING, parcels: Array(16).fill(SHIPPING.parcels[0]) }), 'parcels']);
    cases.push([() => provider.uploadShippingInfo({ ...SHIPPING, parcels: [{ itemDesc: '啤酒', expressCompany: 'SF' }] }), 'parcels[0].trackingNo']);
    cases.push([() => provider.uploadShippingInfo({ ...SHIPPING, parcels: [{ itemDesc: '' }], logisticsType: 'pickup' }), 'parcels[0].itemDesc']);
    cases.push([() => provider.uploadShippingInfo({ ...SHIPPING, payerOpenId: 'has space' }), 'payerOpenId']);
    for (const [run, field] of cases) {
      const r = await run();
      expect(r.ok, field).toBe(false);
      expect(r.error?.field, field).toBe(field);
    }
    expect(sent).toHaveLength(0);
    // Self-pickup needs no carrier.
    const pickup = recorder([TOKEN, OK]);
    expect((await pickup.provider.uploadShippingInfo({ ...SHIPPING, logisticsType: 'pickup', parcels: [{ itemDesc: '门店自提' }] })).ok).toBe(true);
    expect(JSON.parse(pickup.sent[1]!.body!)).toMatchObject({ logistics_type: 4, shipping_list: [{ item_desc: '门店自提' }] });
  });

  it('cuts template values by their type', () => {
    expect(clipTemplateValue('thing12', 'x'.repeat(21))).toBe('x'.repeat(19) + '…');
    expect(clipTemplateValue('thing1', 'x'.repeat(20))).toBe('x'.repeat(20));
    expect(clipTemplateValue('character_string3', 'A'.repeat(40))).toBe('A'.repeat(32));
    expect(clipTemplateValue('phrase2', '已发货待签收')).toBe('已发货待签');
  });
});

describe('simulated shipping notices and selection', () => {
  it('records the production bodies after the same checks', async () => {
    const sim = simulatedShippingProvider();
    expect(await sim.sendSubscribeMessage(MESSAGE)).toEqual({ ok: true, data: { sent: true } });
    expect(await sim.uploadShippingInfo(SHIPPING)).toEqual({ ok: true, data: { uploaded: true } });
    expect(await sim.uploadShippingInfo({ ...SHIPPING, parcels: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', field: 'parcels' } });
    const [m, s] = sim.records();
    expect(sim.records()).toHaveLength(2);
    expect(m).toMatchObject({ kind: 'subscribe_message', appId: APP.appId, body: { touser: 'oStoreOwner0001', template_id: MESSAGE.templateId } });
    expect(s).toMatchObject({ kind: 'shipping_info', body: { order_key: { order_number_type: 2 }, logistics_type: 1 } });
  });

  it('uses WeChat for the apps with a secret, else the simulated provider; template ids per app', () => {
    expect(shippingNoticeProvider({ APPID_DEALER: 'wxdealer' }).name).toBe('simulated');
    const env = { APPID_DEALER: 'wxdealer', APPSECRET_DEALER: 's1', APPID_TERMINAL: 'wxterminal', SHIPPING_TEMPLATE_TERMINAL: 'tpl-terminal' };
    expect(shippingNoticeProvider(env).name).toBe('wechat');
    expect(shippingNoticeProvider(env)).toBe(shippingNoticeProvider({ ...env })); // one per configuration: it holds the tokens
    expect(miniProgramCredentials(env)).toEqual([{ appId: 'wxdealer', secret: 's1' }]);
    expect(shippingTemplateId(env, 'wxterminal')).toBe('tpl-terminal');
    expect(shippingTemplateId(env, 'wxdealer')).toBeNull();
  });
});
