/**
 * The payout provider of this deployment: WeChat Pay merchant transfer when its merchant
 * configuration is present (see wechat-pay-transfer.ts), else the simulated provider.
 */
import type { Database } from '../../runtime/cloud.js';
import type { PayoutProvider } from './provider.js';
import { simulatedPayoutProvider } from './simulated.js';
import { wechatPayTransferProvider } from './wechat-pay-transfer.js';

export function payoutProvider(db: Database, env: Record<string, string | undefined>): PayoutProvider {
  const { WXPAY_MCHID, WXPAY_APPID, WXPAY_SERIAL_NO, WXPAY_PRIVATE_KEY, WXPAY_SCENE_ID } = env;
  if (WXPAY_MCHID && WXPAY_APPID && WXPAY_SERIAL_NO && WXPAY_PRIVATE_KEY && WXPAY_SCENE_ID) {
    return wechatPayTransferProvider({ mchId: WXPAY_MCHID, appId: WXPAY_APPID, serialNo: WXPAY_SERIAL_NO, privateKeyPem: WXPAY_PRIVATE_KEY, sceneId: WXPAY_SCENE_ID });
  }
  return simulatedPayoutProvider(db);
}
