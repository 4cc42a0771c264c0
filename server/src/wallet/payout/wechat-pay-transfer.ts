/**
 * WeChat Pay merchant transfer (商家转账, API v3 `POST /v3/fund-app/mch-transfer/transfer-bills`).
 *
 * Configuration (function environment variables in CloudBase, never in the repository):
 *   WXPAY_MCHID            merchant id
 *   WXPAY_APPID            the AppID of the consumer mini-program (payees' openIds belong to it)
 *   WXPAY_SERIAL_NO        serial number of the merchant API certificate
 *   WXPAY_PRIVATE_KEY      PEM of the merchant API private key (apiclient_key.pem)
 *   WXPAY_SCENE_ID         transfer scene id approved for the merchant (e.g. 1000 现金营销)
 * `out_bill_no` is our withdrawal's bill number: WeChat Pay rejects a second bill with the same
 * number, which makes retries safe. Amounts over 2,000 yuan need the payee's real name (not used
 * here: withdrawals are capped well below). The reply's `state` is mapped to our outcome;
 * `WAIT_USER_CONFIRM` means the payee confirms in WeChat (package_info is passed to the app).
 */
import { createSign, randomBytes } from 'node:crypto';
import type { PayoutOutcome, PayoutProvider, PayoutRequest } from './provider.js';

export interface WeChatPayConfig {
  mchId: string;
  appId: string;
  serialNo: string;
  privateKeyPem: string;
  sceneId: string;
  baseUrl?: string;
  timeout_ms?: number;
}

const PATH = '/v3/fund-app/mch-transfer/transfer-bills';

/** The `Authorization` header of WeChat Pay API v3 (WECHATPAY2-SHA256-RSA2048). */
export function authorization(cfg: WeChatPayConfig, method: string, path: string, body: string, timestamp_s: number, nonce: string): string {
  const message = `${method}\n${path}\n${timestamp_s}\n${nonce}\n${body}\n`;
  const signature = createSign('RSA-SHA256').update(message).sign(cfg.privateKeyPem, 'base64');
  return `WECHATPAY2-SHA256-RSA2048 mchid="${cfg.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp_s}",serial_no="${cfg.serialNo}"`;
}

export function wechatPayTransferProvider(cfg: WeChatPayConfig): PayoutProvider {
  const baseUrl = cfg.baseUrl ?? 'https://api.mch.weixin.qq.com';
  const timeout_ms = cfg.timeout_ms ?? 10_000;
  return {
    name: 'wechat-pay-transfer',
    async transfer(req: PayoutRequest): Promise<PayoutOutcome> {
      const body = JSON.stringify({
        appid: cfg.appId,
        out_bill_no: req.billNo,
        transfer_scene_id: cfg.sceneId,
        openid: req.openId,
        transfer_amount: req.amount_fen,
        transfer_remark: req.remark.slice(0, 32),
        transfer_scene_report_infos: [
          { info_type: '活动名称', info_content: '扫码领奖' },
          { info_type: '奖励说明', info_content: '一物一码扫码奖励提现' },
        ],
      });
      const nonce = randomBytes(16).toString('hex');
      const timestamp_s = Math.floor(Date.now() / 1000);
      const res = await fetch(baseUrl + PATH, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          Authorization: authorization(cfg, 'POST', PATH, body, timestamp_s, nonce),
        },
        body,
        signal: AbortSignal.timeout(timeout_ms),
      });
      const reply = (await res.json().catch(() => ({}))) as { state?: string; transfer_bill_no?: string; code?: string; message?: string };
      if (!res.ok) return { status: 'failed', reason: `${reply.code ?? res.status}: ${reply.message ?? ''}` };
      const providerRef = reply.transfer_bill_no ?? req.billNo;
      if (reply.state === 'SUCCESS') return { status: 'paid', providerRef };
      if (reply.state === 'FAIL' || reply.state === 'CANCELLED') return { status: 'failed', reason: reply.state };
      return { status: 'processing', providerRef };
    },
  };
}
