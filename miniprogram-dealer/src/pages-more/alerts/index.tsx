/**
 * The alerts about this dealer's own goods: where they turned up outside its territory (窜货), and
 * prizes claimed by channel staff or copied codes among its goods.
 * Test ids: alerts, alerts-loading, alerts-error, alerts-error-retry, alerts-empty, alerts-count,
 * alerts-diverted, alerts-regions, alert-<id>, alerts-more, alerts-more-loading.
 * Before the org is known: the gate's ids (components/org-gate.tsx).
 */
import { useDidShow, useReachBottom } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { Button, Card, Empty, Header, List, Loading, Page, Tag, ErrorNote } from '@channel-router/ui';
import { alertsStore, catalogStore } from '../../services/app';
import { OrgGate } from '../../components/org-gate';
import { onBackH5 } from '../../components/nav';
import { alertTotals, productName } from '../../stores/reports';
import { alertEvidenceLabel, alertKindLabel, regionLabel, shortCode, timeLabel } from '../../stores/labels';
import type { OrgMembership } from '../../stores/org';

function Alerts({ m }: { m: OrgMembership }) {
  const s = useStore(alertsStore);
  const products = useStore(catalogStore, (c) => c.products);
  const reload = () => {
    void alertsStore.getState().load(m.orgId);
    void catalogStore.getState().ensure();
  };
  useEffect(reload, [m.orgId]);
  useDidShow(() => {
    if (alertsStore.getState().key === m.orgId) reload();
  });
  useReachBottom(() => void alertsStore.getState().loadMore());

  const rows = s.key === m.orgId ? s.items : [];
  if (s.key !== m.orgId || s.status === 'idle' || (s.status === 'loading' && rows.length === 0)) return <Loading testId='alerts-loading' />;
  if (s.status === 'error' && rows.length === 0 && s.error !== null) return <ErrorNote text={s.error.userMessage} onRetry={reload} testId='alerts-error' />;
  if (rows.length === 0) return <Empty title='没有预警' description='本单位的货没有在区域外出现，也没有可疑的领奖' testId='alerts-empty' />;
  const t = alertTotals(rows);
  return (
    <View>
      <Card title='概况'>
        <View className='cr-row cr-row--between'>
          <Text className='dl-sub' data-testid='alerts-count'>共 {t.alerts} 条预警</Text>
          <Text className='dl-sub dl-sub--bad' data-testid='alerts-diverted'>窜货 {t.divertedItems} 件</Text>
        </View>
        {t.regions.length > 0 ? (
          <View className='dl-regions' data-testid='alerts-regions'>
            {t.regions.slice(0, 5).map((r) => (
              <Text key={r.regionCode} className='dl-regions__row'>
                {regionLabel(r.regionCode)}：{r.items} 件
              </Text>
            ))}
          </View>
        ) : null}
      </Card>
      <List title='预警明细'>
        {rows.map((a) => (
          <View key={a.id} className='dl-alert' data-testid={`alert-${a.id}`} data-kind={a.kind}>
            <View className='cr-row cr-row--between'>
              <View className='cr-row'>
                <Tag tone={a.kind === 'diversion' ? 'danger' : 'warning'}>{alertKindLabel(a.kind)}</Tag>
                <Text className='dl-alert__title'>{alertEvidenceLabel(a.evidence)}</Text>
              </View>
              <Text className='dl-alert__qty'>{a.quantity} 件</Text>
            </View>
            <Text className='dl-alert__line'>
              {productName(products, a.productId)} · {a.regionCode !== null ? regionLabel(a.regionCode) : '地区不详'}
            </Text>
            <Text className='dl-alert__meta'>
              {timeLabel(a.at)} · 码 {shortCode(a.code)}
            </Text>
          </View>
        ))}
      </List>
      {s.status === 'more' ? <Loading testId='alerts-more-loading' /> : null}
      {s.status === 'error' && s.error !== null ? <ErrorNote text={s.error.userMessage} onRetry={() => void alertsStore.getState().loadMore()} testId='alerts-error' /> : null}
      {s.status === 'ready' && s.cursor !== null ? (
        <View className='dl-actions'>
          <Button variant='plain' block onClick={() => void alertsStore.getState().loadMore()} testId='alerts-more'>加载更多</Button>
        </View>
      ) : null}
    </View>
  );
}

export default function AlertsPage() {
  return (
    <Page testId='alerts'>
      <OrgGate title='窜货预警' need='alerts'>
        {(m) => (
          <>
            <Header title='窜货预警' subtitle={`${m.orgName} 的货`} onBack={onBackH5} />
            <Alerts m={m} />
          </>
        )}
      </OrgGate>
    </Page>
  );
}
