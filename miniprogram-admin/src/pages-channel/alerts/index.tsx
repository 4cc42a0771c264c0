/*
 * Alerts with filters: kind (窜货, 奖品截流, 重复领奖, 克隆码) and the dealer the goods were
 * allocated to; newest first, more on demand.
 *
 * data-testids: alerts (page), tab-all, tab-diversion, tab-prize_interception,
 * tab-duplicate_redeem, tab-cloned_code, dealer-filter-all, dealer-filter-<dealerId>,
 * alerts-loading, alerts-error(-retry), alerts-empty, alerts-list, alert-row (each card,
 * with data-kind), alerts-more, alerts-more-loading, alerts-more-error(-retry), alerts-end.
 */
import { useReachBottom, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useRef } from 'react';
import { useStore } from 'zustand';
import { Button, Card, Empty, Loading, Tabs, Tag, ErrorNote } from '@channel-router/ui';
import { currentNames, directoryStore } from '../../services/app';
import { alertsStore } from '../../services/channel-stores';
import { Screen } from '../../components/screen';
import { Chips } from '../../components/chips';
import { ALERT_FILTER_TABS, alertRow, type AlertFilter } from '../../stores/alerts';
import { orgsOfKind } from '../../stores/directory';
import { valueOf } from '@channel-router/ui/kit';
import { MAX_PAGES } from '../../stores/paged';
import './index.css';

export default function Alerts() {
  const dealerParam = useRouter().params['dealerId'];
  const s = useStore(alertsStore);
  const orgs = useStore(directoryStore, (d) => d.orgs);
  useStore(directoryStore, (d) => d.products);
  const names = currentNames();
  const dealers = orgsOfKind(valueOf(orgs) ?? [], 'dealer');
  const preset = useRef(false);

  const apply = (patch: Partial<AlertFilter>) => void alertsStore.getState().load({ ...alertsStore.getState().filter, ...patch });

  useReachBottom(() => void alertsStore.getState().loadMore());

  const dealerOptions = [{ key: 'all', label: '全部经销商' }, ...dealers.map((d) => ({ key: d.id, label: d.name }))];

  return (
    <Screen
      testId='alerts'
      title='预警'
      subtitle='窜货、奖品截流、重复领奖、克隆码'
      access='staff'
      onShow={() => {
        void directoryStore.getState().load();
        if (!preset.current && dealerParam !== undefined && dealerParam !== '') {
          // Opened from a dealer's page: start filtered to its goods (once; later shows refresh).
          preset.current = true;
          apply({ dealerId: dealerParam });
        } else {
          void alertsStore.getState().load();
        }
      }}
    >
      <Tabs value={s.filter.kind} options={ALERT_FILTER_TABS} onChange={(kind) => apply({ kind })} />
      {dealers.length > 0 ? (
        <Chips options={dealerOptions} value={s.filter.dealerId ?? 'all'} onChange={(k) => apply({ dealerId: k === 'all' ? null : k })} testId='dealer-filter' scroll />
      ) : null}

      {s.status === 'loading' ? <Loading testId='alerts-loading' /> : null}
      {s.status === 'error' && s.error !== null ? <ErrorNote text={s.error.userMessage} onRetry={() => void alertsStore.getState().load()} testId='alerts-error' /> : null}
      {s.status === 'ready' && s.items.length === 0 ? <Empty title='没有预警' description='没有符合筛选条件的预警。' testId='alerts-empty' /> : null}
      {s.status === 'ready' && s.items.length > 0 ? (
        <View data-testid='alerts-list'>
          {s.items.map((a) => {
            const row = alertRow(a, names);
            return (
              <Card key={row.id} title={row.title} extra={<Text className='cr-muted'>{row.time}</Text>} testId='alert-row' className={`alerts__card alerts__card--${row.tone}`}>
                <View className='alerts__evidence' data-kind={row.kind}>
                  <Tag tone={row.tone}>{row.evidence}</Tag>
                </View>
                {row.lines.map((l) => (
                  <View key={l.label} className='ad-kv'>
                    <Text className='ad-kv__label'>{l.label}</Text>
                    <Text className='ad-kv__value'>{l.value}</Text>
                  </View>
                ))}
              </Card>
            );
          })}
          {s.more === 'loading' ? <Loading testId='alerts-more-loading' /> : null}
          {s.more === 'error' && s.error !== null ? <ErrorNote text={s.error.userMessage} onRetry={() => void alertsStore.getState().loadMore()} testId='alerts-more-error' /> : null}
          {s.more === 'idle' && s.cursor !== null && s.pages < MAX_PAGES ? (
            <View className='ad-more'>
              <Button variant='plain' onClick={() => void alertsStore.getState().loadMore()} testId='alerts-more'>加载更多</Button>
            </View>
          ) : null}
          {s.cursor === null ? <Text className='ad-note alerts__end' data-testid='alerts-end'>已显示全部 {s.items.length} 条</Text> : null}
        </View>
      ) : null}
    </Screen>
  );
}
