/**
 * The org wallet (rebates): balance, withdrawing (owner, with confirmation; a retry sends the same
 * key), withdrawals in progress, and the history, paged.
 * Test ids: rebates, balance-loading, balance, reserved, balance-error, balance-error-retry,
 * and the kit wallet's (amount field, withdraw, withdrawals, history, …; see ui/src/wallet).
 * Before the org is known: the gate's ids (components/org-gate.tsx).
 */
import { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import { Header, Page, WalletPanel } from '@channel-router/ui';
import { walletStore } from '../../services/app';
import { OrgGate } from '../../components/org-gate';
import { onBackH5 } from '../../components/nav';
import type { OrgMembership } from '../../stores/org';

function Wallet({ m }: { m: OrgMembership }) {
  const reload = () => void walletStore.getState().load(m.orgId);
  useEffect(reload, [m.orgId]);
  useDidShow(() => {
    if (walletStore.getState().orgId === m.orgId) reload();
  });
  return (
    <WalletPanel
      store={walletStore}
      orgId={m.orgId}
      balanceTitle='可提现返利'
      balanceNote='门店每卖出一件本单位供应的货（消费者扫码领奖），品牌按商品政策给本单位返利。'
      doneText='将在品牌审核通过后转入单位的微信零钱。'
      submitText='提现'
      emptyHistoryTitle='还没有返利记录'
      emptyHistoryText='下游门店的货被消费者扫码领奖后，返利会出现在这里'
    />
  );
}

export default function RebatesPage() {
  return (
    <Page testId='rebates'>
      <OrgGate title='返利' need='wallet'>
        {(m) => (
          <>
            <Header title='返利' subtitle={`${m.orgName} · 单位账户`} onBack={onBackH5} />
            <Wallet m={m} />
          </>
        )}
      </OrgGate>
    </Page>
  );
}
