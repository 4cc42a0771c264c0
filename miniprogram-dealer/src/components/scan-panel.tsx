/**
 * The running list of a receive or ship: scan, see each code's verdict, the list with level,
 * product and items, remove entries, submit once; the result (items, alerts) or the failure with
 * "retry" (same request). Test ids: scan-continuous, manual-submit, scan-echo, scan-summary,
 * scan-clear, entry-<code>, remove-<code>, recheck, submit, submit-message, submit-failed,
 * retry, submit-done, done-items, done-alerts, scan-again, go-stock.
 */
import { View, Text } from '@tarojs/components';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { Button, Card, Cell, confirm, List, Result, Tag } from '@channel-router/ui';
import type { Alert } from '@channel-router/shared/model';
import { alertEvidenceLabel, alertKindLabel, levelLabel, regionLabel, shortCode } from '../stores/labels';
import { isRetryable } from '../stores/problems';
import { summarize, type ScanEntry, type ScanListState } from '../stores/scan-list';
import { ScanInput } from './scan-input';
import { go, PAGES } from './nav';

/** Rows drawn at once; a long list shows its newest entries (the count covers them all). */
const SHOWN_ENTRIES = 100;

function EntryRow({ entry, onRemove, disabled }: { entry: ScanEntry; onRemove: () => void; disabled: boolean }) {
  const title =
    entry.status === 'checking' ? '核对中…' : entry.status === 'unchecked' ? '未核对' : `${levelLabel(entry.level ?? '')} · ${entry.productName || '未知商品'}`;
  const note = entry.problem ?? entry.warning;
  return (
    <View className='dl-entry' data-testid={`entry-${entry.code}`} data-status={entry.status}>
      <View className='dl-entry__main'>
        <View className='dl-entry__title'>
          {entry.status === 'unchecked' ? <Tag tone='warning'>未核对</Tag> : null}
          {entry.warning !== undefined && entry.problem === undefined ? <Tag tone='warning'>注意</Tag> : null}
          {entry.problem !== undefined && entry.status === 'ready' ? <Tag tone='danger'>有问题</Tag> : null}
          <Text className='dl-entry__name'>{title}</Text>
        </View>
        <Text className='dl-entry__code'>{shortCode(entry.code)}</Text>
        {note !== undefined ? <Text className={entry.problem !== undefined ? 'dl-entry__note dl-entry__note--bad' : 'dl-entry__note'}>{note}</Text> : null}
      </View>
      <View className='dl-entry__side'>
        {entry.items !== undefined ? <Text className='dl-entry__items'>{entry.items} 件</Text> : null}
        {/* The handler stays bound while disabled: on weapp, Taro 4.2.1 throws when a <Text>
            loses its last listener (componentsAlias['pure-text'] is missing, NervJS/taro#19453),
            and that aborts the React commit, so the page stops updating and taps stop working. */}
        <Text
          className={disabled ? 'dl-entry__remove dl-entry__remove--off' : 'dl-entry__remove'}
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

function AlertRows({ alerts }: { alerts: Alert[] }) {
  return (
    <View data-testid='done-alerts'>
      {alerts.map((a) => (
        <View key={a.key} className='dl-alert-row'>
          <Tag tone='danger'>{alertKindLabel(a.kind)}</Tag>
          <Text className='dl-alert-row__text'>
            {alertEvidenceLabel(a.evidence)} · {regionLabel(a.regionCode)} · {a.quantity} 件
          </Text>
        </View>
      ))}
    </View>
  );
}

export interface ScanPanelProps {
  store: StoreApi<ScanListState>;
  /** Words for this purpose. */
  submitText: string;
  scanHint: string;
  emptyText: string;
}

export function ScanPanel({ store, submitText, scanHint, emptyText }: ScanPanelProps) {
  const entries = useStore(store, (s) => s.entries);
  const echo = useStore(store, (s) => s.echo);
  const submit = useStore(store, (s) => s.submit);
  const purpose = useStore(store, (s) => s.purpose);
  const { scan, remove, clear, recheck, submitList, retry, dismiss } = store.getState();
  const sending = submit.status === 'submitting' || submit.status === 'confirming';
  const sum = summarize(entries);
  const unchecked = entries.filter((e) => e.status === 'unchecked').length;

  const askClear = async () => {
    if (entries.length === 0 || sending) return;
    if (await confirm({ title: '清空扫码清单？', content: `清单里的 ${entries.length} 个码都会移除，需要重新扫描。`, confirmText: '清空', danger: true })) clear();
  };

  if (submit.status === 'done' && submit.result !== null) {
    const r = submit.result;
    const receive = purpose === 'receive';
    return (
      <View>
        <Result
          status={r.alerts.length > 0 ? 'warning' : 'success'}
          title={receive ? '收货完成' : `已发货给 ${r.targetName ?? '下游'}`}
          testId='submit-done'
          description={
            <View className='dl-done'>
              <Text className='dl-done__items' data-testid='done-items'>
                {r.items} 件
              </Text>
              <Text className='dl-done__sub'>
                {r.codes} 个码{receive ? '已入库' : '已发出，等待对方扫码签收'}
              </Text>
              {r.alerts.length > 0 ? (
                <View className='dl-done__alerts'>
                  <Text className='dl-done__warn'>有 {r.alerts.length} 条预警：部分货物属于其他经销商且不在其销售区域内，已记录为窜货证据。</Text>
                  <AlertRows alerts={r.alerts} />
                </View>
              ) : null}
            </View>
          }
        >
          <Button block variant='primary' onClick={dismiss} testId='scan-again'>
            继续扫码
          </Button>
          <Button block onClick={() => go(PAGES.stock)} testId='go-stock'>
            查看库存
          </Button>
        </Result>
      </View>
    );
  }

  return (
    <View>
      <ScanInput onScan={scan} hint={scanHint} disabled={sending} />
      {echo !== null ? (
        <Text className={`dl-echo dl-echo--${echo.tone}`} data-testid='scan-echo' data-tone={echo.tone}>
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
        className='dl-list-card'
        testId='scan-summary'
        title={entries.length === 0 ? '扫码清单' : `扫码清单 · ${sum.codes} 个码 · ${sum.items} 件`}
        extra={
          entries.length > 0 ? (
            <Text className='dl-link' onClick={() => void askClear()} data-testid='scan-clear'>
              清空
            </Text>
          ) : undefined
        }
      >
        {entries.length === 0 ? (
          <Text className='cr-muted'>{emptyText}</Text>
        ) : (
          <View>
            {sum.levels !== '' ? <Text className='dl-list-card__levels'>{sum.levels}</Text> : null}
            {sum.products.length > 1 ? (
              <View className='dl-list-card__products'>
                {sum.products.map((p) => (
                  <Text key={p.productId} className='dl-list-card__product'>
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

      {unchecked > 0 ? (
        <Button block onClick={() => void recheck()} disabled={sending} testId='recheck'>
          重新核对 {unchecked} 个码
        </Button>
      ) : null}

      <View className='dl-submit'>
        {submit.message !== null && submit.status !== 'failed' ? (
          <Text className='dl-submit__message' data-testid='submit-message'>
            {submit.message}
          </Text>
        ) : null}
        <Button block variant='primary' size='large' loading={sending} onClick={() => void submitList()} testId='submit'>
          {entries.length > 0 ? `${submitText}（${entries.length} 个码）` : submitText}
        </Button>
      </View>
    </View>
  );
}

