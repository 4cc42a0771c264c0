/*
 * Brand shipping (发货): pick the first-tier dealer, scan or type the cases and boxes into a running
 * list, check it, confirm and submit once; the reply's item count. The list and the dealer are
 * kept on the phone, so a failed submit loses nothing and "retry" sends the same request.
 *
 * data-testids: ship (page), dealers-loading, dealers-error(-retry), dealers-empty, dealers,
 * dealer-<orgId>, target-card, target-name, target-change, scanner (ContinuousScan:
 * scan-continuous, code field, manual-submit, scan-feedback), scan-echo (data-tone),
 * scan-summary, scan-clear, entry-<code> (data-status), remove-<code>, recheck, submit,
 * submit-message, submit-failed, retry, submit-done, done-items, ship-again, go-home.
 */
import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { useStore } from 'zustand';
import { Button, Card, Cell, confirm, ContinuousScan, Empty, List, Loading, Result, Tag, ErrorNote } from '@channel-router/ui';
import { shipStore } from '../../services/app';
import { goHome, Screen } from '../../components/screen';
import { isRetryable } from '../../stores/form-errors';
import { groupedCode, label, LEVEL_LABELS } from '../../stores/labels';
import { regionLabel } from '../../stores/regions';
import { summarize, type ShipEntry } from '../../stores/ship';
import './index.css';

/** Rows drawn at once; a long list shows its newest entries (the count covers them all). */
const SHOWN_ENTRIES = 100;

function EntryRow({ entry, disabled }: { entry: ShipEntry; disabled: boolean }) {
  const title =
    entry.status === 'checking' ? '核对中…' : entry.status === 'unchecked' ? '未核对' : `${label(LEVEL_LABELS, entry.level)} · ${entry.productName || '未知商品'}`;
  const note = entry.problem ?? entry.warning;
  return (
    <View className='ship__entry' data-testid={`entry-${entry.code}`} data-status={entry.status}>
      <View className='ship__entry-main'>
        <View className='ship__entry-title'>
          {entry.status === 'unchecked' ? <Tag tone='warning'>未核对</Tag> : null}
          {entry.warning !== undefined && entry.problem === undefined ? <Tag tone='warning'>注意</Tag> : null}
          {entry.problem !== undefined && entry.status === 'ready' ? <Tag tone='danger'>有问题</Tag> : null}
          <Text className='ship__entry-name'>{title}</Text>
        </View>
        <Text className='ship__entry-code'>{groupedCode(entry.code)}</Text>
        {note !== undefined ? <Text className={entry.problem !== undefined ? 'ship__entry-note ship__entry-note--bad' : 'ship__entry-note'}>{note}</Text> : null}
      </View>
      <View className='ship__entry-side'>
        {entry.items !== undefined ? <Text className='ship__entry-items'>{entry.items} 件</Text> : null}
        {/* The handler stays bound while disabled (a <Text> losing its last listener throws on weapp). */}
        <Text
          className={disabled ? 'ship__entry-remove ship__entry-remove--off' : 'ship__entry-remove'}
          onClick={() => {
            if (!disabled) shipStore.getState().remove(entry.code);
          }}
          data-testid={`remove-${entry.code}`}
        >
          删除
        </Text>
      </View>
    </View>
  );
}

function DealerPicker({ onPicked }: { onPicked: () => void }) {
  const dealers = useStore(shipStore, (s) => s.dealers);
  const target = useStore(shipStore, (s) => s.target);
  if (dealers.status === 'loading') return <Loading text='正在加载经销商…' testId='dealers-loading' />;
  if (dealers.status === 'error') return <ErrorNote text={dealers.error.userMessage} onRetry={() => void shipStore.getState().load()} testId='dealers-error' />;
  if (dealers.value.length === 0) return <Empty title='还没有一级经销商' description='请先在「经销商、批发商、门店」里添加经销商' testId='dealers-empty' />;
  return (
    <List title='选择收货经销商' testId='dealers'>
      {dealers.value.map((o) => (
        <Cell
          key={o.id}
          title={o.name}
          label={regionLabel(o.regionCode) ?? o.regionCode}
          value={o.id === target?.orgId ? <Tag tone='success'>已选</Tag> : undefined}
          onClick={() => {
            shipStore.getState().setTarget({ orgId: o.id, name: o.name });
            onPicked();
          }}
          testId={`dealer-${o.id}`}
        />
      ))}
    </List>
  );
}

function Done() {
  const result = useStore(shipStore, (s) => s.submit.result);
  if (result === null) return null;
  return (
    <Result
      status='success'
      title={`已发货给 ${result.targetName}`}
      testId='submit-done'
      description={
        <View className='ship__done'>
          <Text className='ship__done-items' data-testid='done-items'>{result.items} 件</Text>
          <Text className='ship__done-sub'>{result.codes} 个码已发出，货物已分配给该经销商，等待对方扫码签收</Text>
        </View>
      }
    >
      <Button block variant='primary' onClick={() => shipStore.getState().dismiss()} testId='ship-again'>继续发货</Button>
      <Button block onClick={goHome} testId='go-home'>回到首页</Button>
    </Result>
  );
}

function ShipList() {
  const target = useStore(shipStore, (s) => s.target);
  const entries = useStore(shipStore, (s) => s.entries);
  const echo = useStore(shipStore, (s) => s.echo);
  const submit = useStore(shipStore, (s) => s.submit);
  const [picking, setPicking] = useState(false);
  const { scan, clear, recheck, submitList, retry } = shipStore.getState();
  const sending = submit.status === 'submitting' || submit.status === 'confirming';
  const sum = summarize(entries);
  const unchecked = entries.filter((e) => e.status === 'unchecked').length;

  if (submit.status === 'done') return <Done />;
  if (target === null || picking) return <DealerPicker onPicked={() => setPicking(false)} />;

  const askClear = async () => {
    if (entries.length === 0 || sending) return;
    if (await confirm({ title: '清空扫码清单？', content: `清单里的 ${entries.length} 个码都会移除，需要重新扫描。`, confirmText: '清空', danger: true })) clear();
  };

  return (
    <View>
      <Card
        title='收货经销商'
        testId='target-card'
        extra={
          <Text className={sending ? 'ship__link ship__entry-remove--off' : 'ship__link'} onClick={() => { if (!sending) setPicking(true); }} data-testid='target-change'>
            更换
          </Text>
        }
      >
        <Text className='ship__target' data-testid='target-name'>{target.name}</Text>
      </Card>

      <ContinuousScan
        onCode={(text) => {
          const r = scan(text);
          return { tone: r.echo.tone === 'fail' ? 'danger' : r.echo.tone, text: r.echo.text, accepted: r.accepted };
        }}
        disabled={sending}
        text='连续扫码发货'
        manualLabel='或输入箱、盒上的码'
        hint={`发往 ${target.name}：对准箱或盒上的二维码`}
        testId='scanner'
      />
      {echo !== null && echo.checking !== true ? (
        <Text className={`ship__echo ship__echo--${echo.tone}`} data-testid='scan-echo' data-tone={echo.tone}>{echo.text}</Text>
      ) : null}

      {submit.status === 'failed' && submit.error !== null ? (
        <Result status='fail' title='没有发货成功' description={`${submit.message ?? submit.error.userMessage}。清单已保留，不会丢失。`} testId='submit-failed'>
          {isRetryable(submit.error) ? (
            <Button block variant='primary' onClick={() => void retry()} testId='retry'>重试（提交同一份清单）</Button>
          ) : null}
        </Result>
      ) : null}

      <Card
        className='ad-card-gap'
        testId='scan-summary'
        title={entries.length === 0 ? '扫码清单' : `扫码清单 · ${sum.codes} 个码 · ${sum.items} 件`}
        extra={entries.length > 0 ? <Text className='ship__link' onClick={() => void askClear()} data-testid='scan-clear'>清空</Text> : undefined}
      >
        {entries.length === 0 ? (
          <Text className='cr-muted'>扫描要发出的箱、盒上的码，扫到的码会列在这里。只能发品牌仓库中的货。</Text>
        ) : sum.levels !== '' ? (
          <Text className='ship__levels'>{sum.levels}</Text>
        ) : null}
      </Card>

      {entries.length > 0 ? (
        <List>
          {entries.slice(0, SHOWN_ENTRIES).map((e) => (
            <EntryRow key={e.code} entry={e} disabled={sending} />
          ))}
          {entries.length > SHOWN_ENTRIES ? <Cell title={`还有 ${entries.length - SHOWN_ENTRIES} 个较早扫的码`} label='都在清单中，会一起提交' /> : null}
        </List>
      ) : null}

      {unchecked > 0 ? (
        <Button block onClick={() => void recheck()} disabled={sending} testId='recheck'>重新核对 {unchecked} 个码</Button>
      ) : null}

      <View className='ship__submit'>
        {submit.message !== null && submit.status !== 'failed' ? <Text className='ship__message' data-testid='submit-message'>{submit.message}</Text> : null}
        <Button block variant='primary' size='large' loading={sending} onClick={() => void submitList()} testId='submit'>
          {entries.length > 0 ? `确认发货（${entries.length} 个码）` : '确认发货'}
        </Button>
      </View>
    </View>
  );
}

export default function Ship() {
  return (
    <Screen testId='ship' title='发货' subtitle='从品牌仓库发往一级经销商' access='admin' onShow={() => void shipStore.getState().load()}>
      <ShipList />
    </Screen>
  );
}
