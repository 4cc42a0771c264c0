/**
 * Stock-in: continuous scanning into a running list, one submit, the result with its alerts.
 * testIds: receive, scan-continuous, the code field and manual-submit (the kit's ScanInput; the
 *   input is `.cr-field--code input`), receive-summary, foreign-warning, receive-list,
 *   entry-<code>, remove-<code>, tag-checking | tag-ok | tag-expected | tag-foreign | tag-unchecked
 *   | tag-in-stock | tag-rejected, remove-rejected, recheck, clear-list, submit-receive,
 *   receive-problem, receive-failed, receive-retry, receive-done (data-status success|warning),
 *   receive-alerts, receive-again, receive-go-stock, receive-empty
 *   (from StoreGate) me-loading, me-error, me-retry, no-store, go-join
 */
import { View, Text } from '@tarojs/components';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { Button, Cell, confirm, Empty, Header, List, Page, Result, ScanInput, Tag } from '@channel-router/ui';
import { isRetryable, summarize } from '@channel-router/ui/kit';
import { receiveStore } from '../../services/app';
import { StoreGate } from '../../components/store-gate';
import { go, onBackIfH5, PAGES } from '../../services/nav';
import { alertRows, entryView, outcomeView, submitLabel, summaryLine } from '../../stores/receive-view';
import type { StoreMembership } from '../../stores/session';

function ReceiveScreen({ store }: { store: StoreMembership }) {
  useEffect(() => receiveStore.getState().bind(store.orgId), [store.orgId]);
  const entries = useStore(receiveStore, (s) => s.entries);
  const phase = useStore(receiveStore, (s) => s.submit);
  const { scan, remove, recheck, submitList, retry, dismiss: finish } = receiveStore.getState();
  const summary = summarize(entries);
  const busy = phase.status === 'submitting' || phase.status === 'confirming';
  // A problem found on the phone (nothing was sent): said above the submit button.
  const problem = phase.status !== 'failed' ? phase.message : null;

  if (phase.status === 'done' && phase.result !== null) {
    const outcome = phase.result;
    const v = outcomeView(outcome);
    return (
      <View>
        <Result status={v.status} title={v.title} testId='receive-done' description={
          <View className='t-lines'>
            {v.lines.map((l) => <Text key={l} className='t-line'>{l}</Text>)}
          </View>
        }>
          <Button block variant='primary' onClick={finish} testId='receive-again'>继续入库</Button>
          <Button block onClick={() => { finish(); go(PAGES.stock); }} testId='receive-go-stock'>查看库存</Button>
        </Result>
        {outcome.alerts.length > 0 ? (
          <List title='窜货提醒' testId='receive-alerts'>
            {alertRows(outcome).map((a) => (
              <Cell key={a.key} title={a.title} label={a.label} value={<Tag tone='danger'>{a.quantity} 件</Tag>} />
            ))}
          </List>
        ) : null}
      </View>
    );
  }

  const clearAll = async () => {
    const yes = await confirm({ title: '清空清单？', content: `清单中的 ${entries.length} 个码将被移除，需要重新扫描。`, confirmText: '清空', danger: true });
    if (yes) receiveStore.getState().clear();
  };

  return (
    <View>
      <ScanInput onScan={scan} disabled={busy} text='连续扫码入库' hint='对准箱、盒外的二维码，一个接一个扫' />

      {phase.status === 'failed' && phase.error !== null ? (
        <View className='t-banner t-banner--danger' data-testid='receive-failed'>
          <Text className='t-banner__text'>提交没有完成：{phase.message ?? phase.error.userMessage}{isRetryable(phase.error) ? '。清单已保留，可以重试。' : ''}</Text>
          {isRetryable(phase.error) ? <Button size='small' variant='primary' onClick={() => void retry()} testId='receive-retry'>重试</Button> : null}
        </View>
      ) : null}

      {summary.foreign > 0 ? (
        <View className='t-banner t-banner--warning' data-testid='foreign-warning'>
          <Text className='t-banner__text'>
            有 {summary.foreign} 个码（{summary.foreignItems} 件）不是本店经销商的货。入库会记录为窜货证据，请核实进货来源。
          </Text>
        </View>
      ) : null}

      {entries.length === 0 ? (
        <Empty title='清单是空的' description='扫描到货的箱、盒或单件外包装上的码，它们会出现在这里。' testId='receive-empty' />
      ) : (
        <View>
          <View className='t-list-head'>
            <Text className='t-list-head__title'>扫码清单（{entries.length}）</Text>
            <View className='t-list-head__actions'>
              {summary.unchecked > 0 ? <Text className='t-link' onClick={() => void recheck()} data-testid='recheck'>重新核对</Text> : null}
              <Text className='t-link t-link--muted' onClick={() => void clearAll()} data-testid='clear-list'>清空</Text>
            </View>
          </View>
        <List testId='receive-list'>
          {[...entries].reverse().map((e) => {
            const v = entryView(e);
            return (
              <View key={e.code} className='t-entry' data-testid={`entry-${e.code}`} data-state={v.state}>
                <View className='t-entry__main'>
                  <View className='t-entry__title-row'>
                    <Text className='t-entry__title'>{v.title}</Text>
                    {v.tags.map((t) => <Tag key={t.testId} tone={t.tone} testId={t.testId}>{t.text}</Tag>)}
                  </View>
                  <Text className='t-entry__label'>{v.label}</Text>
                  {v.note !== undefined ? <Text className={`t-entry__note t-entry__note--${v.noteTone ?? 'muted'}`}>{v.note}</Text> : null}
                </View>
                <Text className='t-entry__remove' onClick={() => { if (!busy) remove(e.code); }} data-testid={`remove-${e.code}`}>移除</Text>
              </View>
            );
          })}
        </List>
        </View>
      )}

      <View className='t-submit-bar'>
        <Text className='t-submit-bar__summary' data-testid='receive-summary'>{summaryLine(summary)}</Text>
        {problem !== null ? <Text className='t-submit-bar__problem' data-testid='receive-problem'>{problem}</Text> : null}
        <Button
          block
          variant='primary'
          size='large'
          loading={busy}
          onClick={() => void submitList()}
          testId='submit-receive'
        >
          {phase.status === 'submitting' ? '正在提交…' : submitLabel(summary)}
        </Button>
      </View>
    </View>
  );
}

export default function Receive() {
  // Leaving keeps the list (in memory and storage): nothing scanned is lost.
  return (
    <Page testId='receive'>
      <Header title='扫码入库' subtitle='连续扫码，核对清单后一次提交' onBack={onBackIfH5} />
      <StoreGate>{(store) => <ReceiveScreen store={store} />}</StoreGate>
    </Page>
  );
}
