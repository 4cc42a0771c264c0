/**
 * The screen of a running scan list (the kit's `createScanList`): scan, see each code's verdict,
 * the list with level, product and items, remove entries, submit once; the result (items,
 * alerts) or the failure with "retry" (same request). The brand's ship, a dealer's ship and
 * receive use it as it is; a page adds what only it has (the target, the actions after a result).
 * Test ids: scan-continuous, manual-submit, scan-echo, scan-summary, scan-clear, entry-<code>
 * (data-status), remove-<code>, recheck, submit, submit-message, submit-failed, retry,
 * submit-done, done-items, done-alerts (via `renderAlerts`).
 */
import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { Alert } from '@channel-router/shared/model';
import { Button } from '../button';
import { Card } from '../card';
import { Cell, List } from '../cell';
import { confirm } from '../feedback';
import { Result } from '../result';
import { Tag } from '../tag';
import { isRetryable } from '../kit/load';
import { levelLabel, shortCode } from '../kit/labels';
import { summarize, type ScanEntry, type ScanListState, type SubmitResult } from '../kit/scan-list';
import { ScanInput } from './scan-input';

/** Rows drawn at once; a long list shows its newest entries (the count covers them all). */
const SHOWN_ENTRIES = 100;

function EntryRow({ entry, onRemove, disabled }: { entry: ScanEntry; onRemove: () => void; disabled: boolean }) {
  const title =
    entry.status === 'checking' ? '核对中…' : entry.status === 'unchecked' ? '未核对' : `${levelLabel(entry.level ?? '')} · ${entry.productName || '未知商品'}`;
  const note = entry.problem ?? entry.warning;
  return (
    <View className='cr-scanlist__entry' data-testid={`entry-${entry.code}`} data-status={entry.status}>
      <View className='cr-scanlist__entry-main'>
        <View className='cr-scanlist__entry-title'>
          {entry.status === 'unchecked' ? <Tag tone='warning'>未核对</Tag> : null}
          {entry.warning !== undefined && entry.problem === undefined ? <Tag tone='warning'>注意</Tag> : null}
          {entry.problem !== undefined && entry.status === 'ready' ? <Tag tone='danger'>有问题</Tag> : null}
          <Text className='cr-scanlist__entry-name'>{title}</Text>
        </View>
        <Text className='cr-scanlist__entry-code'>{shortCode(entry.code)}</Text>
        {note !== undefined ? <Text className={entry.problem !== undefined ? 'cr-scanlist__entry-note cr-scanlist__entry-note--bad' : 'cr-scanlist__entry-note'}>{note}</Text> : null}
      </View>
      <View className='cr-scanlist__entry-side'>
        {entry.items !== undefined ? <Text className='cr-scanlist__entry-items'>{entry.items} 件</Text> : null}
        {/* The handler stays bound while disabled: on weapp, Taro 4.2.1 throws when a <Text>
            loses its last listener (componentsAlias['pure-text'] is missing, NervJS/taro#19453),
            and that aborts the React commit, so the page stops updating and taps stop working. */}
        <Text
          className={disabled ? 'cr-scanlist__remove cr-scanlist__remove--off' : 'cr-scanlist__remove'}
          onClick={() => {
            if (!disabled) onRemove();
          }}
          data-testid={`remove-${entry.code}`}
        >
          删除
        </Text>
      </View>
    </View>
  );
}

export interface ScanListPanelProps {
  store: StoreApi<ScanListState>;
  /** Words for this purpose. */
  submitText: string;
  scanText?: string;
  scanHint: string;
  emptyText: string;
  /** The result's title and line under the item count. */
  doneTitle: (r: SubmitResult) => string;
  doneText: (r: SubmitResult) => string;
  /** What may be done after a result (continue, go elsewhere). */
  doneActions: ReactNode;
  /** Rows for the alerts a receive raised (only receiving raises them). */
  renderAlerts?: (alerts: Alert[]) => ReactNode;
}

export function ScanListPanel(props: ScanListPanelProps) {
  const { store } = props;
  const entries = useStore(store, (s) => s.entries);
  const echo = useStore(store, (s) => s.echo);
  const submit = useStore(store, (s) => s.submit);
  const { scan, remove, clear, recheck, submitList, retry } = store.getState();
  const sending = submit.status === 'submitting' || submit.status === 'confirming';
  const sum = summarize(entries);

  const askClear = async () => {
    if (entries.length === 0 || sending) return;
    if (await confirm({ title: '清空扫码清单？', content: `清单里的 ${entries.length} 个码都会移除，需要重新扫描。`, confirmText: '清空', danger: true })) clear();
  };

  if (submit.status === 'done' && submit.result !== null) {
    const r = submit.result;
    return (
      <View>
        <Result
          status={r.alerts.length > 0 ? 'warning' : 'success'}
          title={props.doneTitle(r)}
          testId='submit-done'
          description={
            <View className='cr-scanlist__done'>
              <Text className='cr-scanlist__done-items' data-testid='done-items'>
                {r.items} 件
              </Text>
              <Text className='cr-scanlist__done-sub'>{props.doneText(r)}</Text>
              {r.alerts.length > 0 ? (
                <View className='cr-scanlist__done-alerts'>
                  <Text className='cr-scanlist__done-warn'>有 {r.alerts.length} 条预警：部分货物属于其他经销商且不在其销售区域内，已记录为窜货证据。</Text>
                  {props.renderAlerts?.(r.alerts)}
                </View>
              ) : null}
            </View>
          }
        >
          {props.doneActions}
        </Result>
      </View>
    );
  }

  return (
    <View>
      <ScanInput onScan={scan} hint={props.scanHint} disabled={sending} {...(props.scanText === undefined ? {} : { text: props.scanText })} />
      {echo !== null ? (
        <Text className={`cr-scanlist__echo cr-scanlist__echo--${echo.tone}`} data-testid='scan-echo' data-tone={echo.tone}>
          {echo.text}
        </Text>
      ) : null}

      {submit.status === 'failed' && submit.error !== null ? (
        <Result status='fail' title='没有提交成功' description={`${submit.message ?? submit.error.userMessage}。清单已保留，不会丢失。`} testId='submit-failed'>
          {isRetryable(submit.error) ? (
            <Button block variant='primary' onClick={() => void retry()} testId='retry'>
              重试（提交同一份清单）
            </Button>
          ) : null}
        </Result>
      ) : null}

      <Card
        className='cr-scanlist__card'
        testId='scan-summary'
        title={entries.length === 0 ? '扫码清单' : `扫码清单 · ${sum.codes} 个码 · ${sum.items} 件`}
        extra={
          entries.length > 0 ? (
            <Text className='cr-scanlist__link' onClick={() => void askClear()} data-testid='scan-clear'>
              清空
            </Text>
          ) : undefined
        }
      >
        {entries.length === 0 ? (
          <Text className='cr-muted'>{props.emptyText}</Text>
        ) : (
          <View>
            {sum.levels !== '' ? <Text className='cr-scanlist__levels'>{sum.levels}</Text> : null}
            {sum.products.length > 1 ? (
              <View className='cr-scanlist__products'>
                {sum.products.map((p) => (
                  <Text key={p.productId} className='cr-scanlist__product'>
                    {p.name || '未知商品'}：{p.codes} 个码 · {p.items} 件
                  </Text>
                ))}
              </View>
            ) : null}
          </View>
        )}
      </Card>

      {entries.length > 0 ? (
        <List>
          {entries.slice(0, SHOWN_ENTRIES).map((e) => (
            <EntryRow key={e.code} entry={e} disabled={sending} onRemove={() => remove(e.code)} />
          ))}
          {entries.length > SHOWN_ENTRIES ? <Cell title={`还有 ${entries.length - SHOWN_ENTRIES} 个较早扫的码`} label='都在清单中，会一起提交' /> : null}
        </List>
      ) : null}

      {sum.unchecked > 0 ? (
        <Button block onClick={() => void recheck()} disabled={sending} testId='recheck'>
          重新核对 {sum.unchecked} 个码
        </Button>
      ) : null}

      <View className='cr-scanlist__submit'>
        {submit.message !== null && submit.status !== 'failed' ? (
          <Text className='cr-scanlist__message' data-testid='submit-message'>
            {submit.message}
          </Text>
        ) : null}
        <Button block variant='primary' size='large' loading={sending} onClick={() => void submitList()} testId='submit'>
          {entries.length > 0 ? `${props.submitText}（${entries.length} 个码）` : props.submitText}
        </Button>
      </View>
    </View>
  );
}
