/**
 * The store wallet (owner only): the kit's wallet screen for the store.
 * testIds: wallet, the kit wallet's (balance, withdraw, withdrawals, history, …; see
 *   ui/src/wallet), wallet-go-rewards;
 *   (from StoreGate) me-loading, me-error, me-retry, no-store, go-join, owner-only
 */
import { View } from '@tarojs/components';
import { useEffect } from 'react';
import { Button, Header, Page, WalletPanel } from '@channel-router/ui';
import { walletStore } from '../../services/app';
import { StoreGate } from '../../components/store-gate';
import { go, onBackIfH5, PAGES } from '../../services/nav';
import type { StoreMembership } from '../../stores/session';

function WalletScreen({ store }: { store: StoreMembership }) {
  useEffect(() => void walletStore.getState().load(store.orgId), [store.orgId]);
  return (
    <WalletPanel
      store={walletStore}
      orgId={store.orgId}
      balanceTitle={`${store.orgName} · 可提现余额`}
      doneText='已冻结，品牌方审核通过后转入店主微信零钱。'
      submitText='提现到微信零钱'
      emptyHistoryTitle='还没有收支记录'
      emptyHistoryText='消费者扫码领奖后，门店奖励会记到这里'
      footer={
        <View className='t-more'>
          <Button variant='plain' onClick={() => go(PAGES.rewards)} testId='wallet-go-rewards'>只看门店奖励 ›</Button>
        </View>
      }
    />
  );
}

export default function Wallet() {
  return (
    <Page testId='wallet'>
      <Header title='门店钱包' subtitle='门店奖励存在这里，店主可提现' onBack={onBackIfH5} />
      <StoreGate ownerOnly>{(store) => <WalletScreen store={store} />}</StoreGate>
    </Page>
  );
}
