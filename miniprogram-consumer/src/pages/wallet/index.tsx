/*
 * The person's wallet: the kit's wallet screen (balance, withdrawing, the withdrawals and where
 * each stands, the history).
 * data-testids: wallet (page) and the kit wallet's (see ui/src/wallet).
 */
import { useDidShow } from '@tarojs/taro';
import { Header, Loading, Page, useRequireLogin, WalletPanel } from '@channel-router/ui';
import { back, onBackH5 } from '../../services/nav';
import { walletStore } from '../../services/app';

export default function Wallet() {
  const ready = useRequireLogin('consumer');
  useDidShow(() => {
    if (ready) void walletStore.getState().load(null);
  });

  if (!ready) return <Page testId='wallet'><Loading /></Page>;

  return (
    <Page testId='wallet'>
      <Header title='我的钱包' subtitle='扫码奖励存在这里，可提现到微信零钱' onBack={onBackH5 === undefined ? undefined : back} />
      <WalletPanel
        store={walletStore}
        orgId={null}
        balanceTitle='可提现余额'
        doneText='将在审核通过后转入微信零钱。'
        submitText='提现'
        emptyHistoryTitle='还没有收支记录'
        emptyHistoryText='扫码领奖后，奖励会出现在这里'
      />
    </Page>
  );
}
