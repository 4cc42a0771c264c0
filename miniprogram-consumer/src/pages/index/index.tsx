import { View, Text } from '@tarojs/components';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { Amount, Button, Header, Loading, Page, Result, ScanButton, Tabs, useRequireLogin } from '@channel-router/ui';
import { claimStore } from '../../services/app';
import { go, PAGES } from '../../services/nav';
import { claimView } from '../../stores/claim-view';
import type { Mode } from '../../stores/claim';
import './index.css';

const MODES: ReadonlyArray<{ key: Mode; label: string }> = [
  { key: 'verify', label: '验真' },
  { key: 'redeem', label: '领奖' },
];

const HINT: Record<Mode, string> = {
  verify: '扫描包装外的二维码，查看是否为正品',
  redeem: '扫描瓶盖内（或包装内）的领奖码，领取扫码奖励',
};

export default function Home() {
  const ready = useRequireLogin('consumer');
  const mode = useStore(claimStore, (s) => s.mode);
  const phase = useStore(claimStore, (s) => s.phase);
  const pending = useStore(claimStore, (s) => s.pending);
  const { setMode, submit, retry, reset } = claimStore.getState();
  const view = claimView(phase, mode);
  const busy = phase.kind === 'verifying' || phase.kind === 'redeeming' || phase.kind === 'confirming';

  // A code the app was opened with is verified once a person is signed in (h5) or at once (weapp).
  useEffect(() => {
    if (ready && pending !== null) void claimStore.getState().openPending();
  }, [ready, pending]);

  if (!ready) return <Page testId='consumer-home'><Loading /></Page>;

  const goWallet = () => go(PAGES.wallet);

  return (
    <Page testId='consumer-home'>
      <Header
        title='扫码验真 · 领奖'
        subtitle='一物一码，正品保障'
        extra={
          <Text className='home__wallet-link' onClick={goWallet} data-testid='wallet-link'>
            我的钱包 ›
          </Text>
        }
      />
      <Tabs value={mode} options={MODES} onChange={setMode} />
      <Text className='home__hint'>{HINT[mode]}</Text>

      {phase.kind === 'verifying' ? <Loading text='正在验证…' testId='verifying' /> : null}
      {phase.kind === 'redeeming' ? <Loading text='正在领取…' testId='redeeming' /> : null}

      {view !== null ? (
        <Result status={view.status} title={view.title} testId={view.testId} description={
          <View className='home__result-desc'>
            {view.amountFen !== undefined ? <Amount fen={view.amountFen} size='huge' testId='reward-amount' /> : null}
            {view.description !== undefined ? <Text className='home__result-text'>{view.description}</Text> : null}
          </View>
        }>
          {view.actions.map((a) =>
            a === 'retry' ? (
              <Button key={a} block variant='primary' onClick={() => void retry()} testId='retry'>重试</Button>
            ) : a === 'wallet' ? (
              <Button key={a} block variant='primary' onClick={goWallet} testId='go-wallet'>查看钱包</Button>
            ) : a === 'redeem' ? (
              <Button key={a} block variant='primary' onClick={() => setMode('redeem')} testId='go-redeem'>去领奖（扫瓶盖码）</Button>
            ) : (
              <Button key={a} block onClick={reset} testId='again'>继续扫码</Button>
            )
          )}
        </Result>
      ) : null}

      {view === null && !busy ? (
        <ScanButton
          key={mode}
          text={mode === 'verify' ? '扫码验真' : '扫码领奖'}
          manualLabel={mode === 'verify' ? '或输入包装上的码' : '或输入瓶盖内的码'}
          onCode={(text) => void submit(text)}
          testId='scan'
        />
      ) : null}
    </Page>
  );
}
