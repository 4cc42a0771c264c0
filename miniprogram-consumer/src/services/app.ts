/**
 * The consumer app's single client and stores. Taro-facing wiring lives here; the stores
 * themselves import no Taro (see stores/*.test.ts).
 */
import { approxLocation, confirm, createAppClient } from '@channel-router/ui';
import { createWallet } from '@channel-router/ui/kit';
import { formatFen } from '@channel-router/shared/money';
import { createClaimStore } from '../stores/claim';

export const client = createAppClient('consumer');

export const claimStore = createClaimStore({
  client,
  locate: () => approxLocation(),
  confirmRedeem: () =>
    confirm({
      title: '确认领取奖励？',
      content: '领取后此码即作废，奖励存入您的钱包。',
      confirmText: '领取',
    }),
});

export const walletStore = createWallet({
  client,
  confirmWithdraw: (fen) =>
    confirm({
      title: `提现 ${formatFen(fen)}？`,
      content: '提现到微信零钱，审核通过后到账。提交后金额会先冻结。',
      confirmText: '提现',
      danger: true,
    }),
});
