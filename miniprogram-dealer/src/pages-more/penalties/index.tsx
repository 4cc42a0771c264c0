/**
 * Penalties the brand recorded against this dealer for diverted goods, with what is still pending.
 * Test ids: penalties, penalties-loading, penalties-error, penalties-error-retry, penalties-empty,
 * penalties-pending, penalties-settled, penalty-<id>, penalties-more, penalties-more-loading.
 * Before the org is known: the gate's ids (components/org-gate.tsx).
 */
import { useDidShow, useReachBottom } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { Amount, Button, Card, Cell, Empty, Header, List, Loading, Page, Tag, ErrorNote } from '@channel-router/ui';
import { formatFen } from '@channel-router/shared/money';
import { penaltiesStore } from '../../services/app';
import { OrgGate } from '../../components/org-gate';
import { onBackH5 } from '../../components/nav';
import { penaltyTotals } from '../../stores/reports';
import { penaltyStatusLabel, shortCode, timeLabel } from '../../stores/labels';
import type { OrgMembership } from '../../stores/org';

const STATUS_TONE = { pending: 'warning', settled: 'default', waived: 'success' } as const;

function Penalties({ m }: { m: OrgMembership }) {
  const s = useStore(penaltiesStore);
  const reload = () => void penaltiesStore.getState().load(m.orgId);
  useEffect(reload, [m.orgId]);
  useDidShow(() => {
    if (penaltiesStore.getState().key === m.orgId) reload();
  });
  useReachBottom(() => void penaltiesStore.getState().loadMore());

  const rows = s.key === m.orgId ? s.items : [];
  if (s.key !== m.orgId || (s.status === 'loading' && rows.length === 0) || s.status === 'idle') return <Loading testId='penalties-loading' />;
  if (s.status === 'error' && rows.length === 0 && s.error !== null) return <ErrorNote text={s.error.userMessage} onRetry={reload} testId='penalties-error' />;
  if (rows.length === 0) return <Empty title='没有罚款记录' description='本单位的货没有因窜货被罚款' testId='penalties-empty' />;
  const t = penaltyTotals(rows);
  return (
    <View>
      <Card title='待处理罚款'>
        <Amount fen={t.pendingFen} size='huge' testId='penalties-pending' />
        <Text className='dl-sub'>
          {t.pendingCount} 笔 · 涉及 {t.pendingItems} 件
        </Text>
        {t.settledFen > 0 ? <Text className='dl-hint' data-testid='penalties-settled'>已结清 {formatFen(t.settledFen)}</Text> : null}
        <Text className='dl-hint'>本单位的货在区域外的门店售出时，品牌按商品政策记录罚款；由品牌处理（从返利扣除、线下结清或免除）。</Text>
      </Card>
      <List title='罚款明细'>
        {rows.map((p) => (
          <Cell
            key={p.id}
            title={`窜货 · ${p.quantity} 件`}
            label={`${timeLabel(p.at)} · 码 ${shortCode(p.code)}`}
            value={
              <View className='dl-cell-value'>
                <Amount fen={p.amount} />
                <Tag tone={STATUS_TONE[p.status] ?? 'default'}>{penaltyStatusLabel(p.status)}</Tag>
              </View>
            }
            testId={`penalty-${p.id}`}
          />
        ))}
      </List>
      {s.status === 'more' ? <Loading testId='penalties-more-loading' /> : null}
      {s.status === 'error' && s.error !== null ? <ErrorNote text={s.error.userMessage} onRetry={() => void penaltiesStore.getState().loadMore()} testId='penalties-error' /> : null}
      {s.status === 'ready' && s.cursor !== null ? (
        <View className='dl-actions'>
          <Button variant='plain' block onClick={() => void penaltiesStore.getState().loadMore()} testId='penalties-more'>加载更多</Button>
        </View>
      ) : null}
    </View>
  );
}

export default function PenaltiesPage() {
  return (
    <Page testId='penalties'>
      <OrgGate title='窜货罚款' need='penalties'>
        {(m) => (
          <>
            <Header title='窜货罚款' subtitle={m.orgName} onBack={onBackH5} />
            <Penalties m={m} />
          </>
        )}
      </OrgGate>
    </Page>
  );
}
