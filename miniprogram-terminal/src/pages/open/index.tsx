/**
 * Mark a case (or box) opened: scan → what it is → confirm → opened.
 * testIds: open, open-scan (ScanButton: scan-button, manual-submit; input `.cr-field--code input`),
 *   identifying, open-info, open-confirm, open-cancel, open-blocked-item | open-blocked-hidden |
 *   open-blocked-not_here, open-go-receive, open-done, open-again, open-failed, open-retry
 *   (from StoreGate) me-loading, me-error, me-retry, no-store, go-join
 */
import { View, Text } from '@tarojs/components';
import { useStore } from 'zustand';
import { useDidShow } from '@tarojs/taro';
import { Button, Card, Cell, Header, List, Loading, Page, Result, ScanButton } from '@channel-router/ui';
import type { IdentifyRes } from '@channel-router/shared/api';
import { openStore } from '../../services/app';
import { StoreGate } from '../../components/store-gate';
import { go, onBackIfH5, PAGES } from '../../services/nav';
import { BLOCK_WORDS } from '../../stores/open';
import { codeTail, groupCode, packLabel } from '../../stores/labels';

function UnitInfo({ info }: { info: IdentifyRes }) {
  return (
    <List testId='open-info'>
      <Cell title='商品' value={info.productName || '未知商品'} />
      <Cell title='包装' value={packLabel(info.level, info.items)} />
      <Cell title='码' value={<Text className='t-code'>{groupCode(info.code)}</Text>} />
      {info.holderName ? <Cell title='当前登记在' value={info.holderName} /> : null}
    </List>
  );
}

function OpenScreen() {
  const phase = useStore(openStore, (s) => s.phase);
  const { submit, openIt, retry, reset } = openStore.getState();

  switch (phase.kind) {
    case 'idle':
      return (
        <View>
          <Card>
            <Text className='t-hint t-hint--flush'>拆开整箱（整盒）准备上架前，扫一下箱外的码，系统会记录这箱货已拆开，便于按件核对。</Text>
          </Card>
          <ScanButton onCode={(t) => void submit(t)} text='扫描箱码' manualLabel='或输入箱（盒）外的码' testId='open-scan' />
        </View>
      );
    case 'identifying':
      return <Loading text='正在查询这个码…' testId='identifying' />;
    case 'identified':
    case 'confirming':
    case 'opening': {
      const block = phase.kind === 'identified' ? phase.block : null;
      return (
        <View>
          <UnitInfo info={phase.info} />
          {block !== null ? (
            <Result status='warning' title={BLOCK_WORDS[block].title} description={BLOCK_WORDS[block].description} testId={`open-blocked-${block}`}>
              {block === 'not_here' ? <Button block variant='primary' onClick={() => { reset(); go(PAGES.receive); }} testId='open-go-receive'>去扫码入库</Button> : null}
              <Button block onClick={reset} testId='open-cancel'>扫描其他箱</Button>
            </Result>
          ) : (
            <View className='t-actions'>
              <Button block variant='primary' size='large' loading={phase.kind !== 'identified'} onClick={() => void openIt()} testId='open-confirm'>
                {phase.kind === 'opening' ? '正在提交…' : '确认拆箱'}
              </Button>
              <Button block onClick={reset} disabled={phase.kind !== 'identified'} testId='open-cancel'>取消</Button>
            </View>
          )}
        </View>
      );
    }
    case 'opened':
      return (
        <Result status='success' title='已标记拆箱' description={`${phase.info.productName || '这箱货'}（码 ${codeTail(phase.code)}）已记录为拆开，箱内 ${phase.items} 件。`} testId='open-done'>
          <Button block variant='primary' onClick={reset} testId='open-again'>继续拆箱</Button>
        </Result>
      );
    case 'failed':
      return (
        <View>
          {phase.info !== undefined ? <UnitInfo info={phase.info} /> : null}
          <Result status='fail' title={phase.action === 'open' ? '拆箱没有完成' : '没有查到这个码'} description={phase.error.userMessage} testId='open-failed'>
            {phase.retryable ? <Button block variant='primary' onClick={() => void retry()} testId='open-retry'>重试</Button> : null}
            <Button block onClick={reset} testId='open-again'>重新扫码</Button>
          </Result>
        </View>
      );
  }
}

export default function Open() {
  // A finished or blocked scan from an earlier visit is not what the person comes back for.
  useDidShow(() => {
    const k = openStore.getState().phase.kind;
    if (k === 'opened' || k === 'failed') openStore.getState().reset();
  });
  return (
    <Page testId='open'>
      <Header title='拆箱' subtitle='标记整箱（整盒）已拆开' onBack={onBackIfH5} />
      <StoreGate>{() => <OpenScreen />}</StoreGate>
    </Page>
  );
}

