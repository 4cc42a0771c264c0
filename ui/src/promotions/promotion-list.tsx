/**
 * The seller's promotions: status (running, scheduled, ended, disabled), the badge, the window,
 * budget used; enable or disable; tap to edit; add one of the five kinds.
 * Test ids: promotions, promotions-loading, promotions-error, promotions-empty, promotion-<id>,
 * promotion-status-<id>, promotion-toggle-<id>, new-<type>, tab-<filter>.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PROMOTION_TYPES } from '@channel-router/shared';
import { Button } from '../button';
import { Empty } from '../empty';
import { ErrorNote } from '../error-note';
import { Loading } from '../loading';
import { Tabs } from '../tabs';
import { Tag } from '../tag';
import { confirm, toast } from '../feedback';
import { useQuery } from '../app-kit/use-query';
import { useReloadOn } from './reload';
import { dateOf, lastDateOf } from '../kit/shanghai-dates';
import { budgetUse, filterPromotions, PROMOTION_FILTERS, PROMOTION_STATUS_LABELS, PROMOTION_STATUS_TONES, promotionStatus, type PromotionFilter } from '../kit/promotions/status';
import { PROMOTION_TYPE_LABELS } from '../kit/promotions/words';
import type { PromotionView } from '../kit/promotions/api';
import { promoApi, type PromoSellerProps } from './context';
import { Section } from './parts';

export function PromotionListScreen(p: PromoSellerProps & { now_ms?: number }) {
  const api = promoApi(p.client);
  const [filter, setFilter] = useState<PromotionFilter>('all');
  const [busy, setBusy] = useState<string | null>(null);
  const q = useQuery(() => api.listPromotions(p.seller.orgId));
  useReloadOn(q.reload);
  const now = p.now_ms ?? Date.now();

  const setEnabled = async (x: PromotionView, enabled: boolean) => {
    if (busy !== null) return;
    const ok = await confirm({ title: enabled ? `启用「${x.name}」？` : `停用「${x.name}」？`, content: enabled ? '启用后，在有效期内下单的客户即可享受。' : '停用后，新的订单不再享受这个促销；已提交的订单不变。', confirmText: enabled ? '启用' : '停用', danger: !enabled });
    if (!ok) return;
    setBusy(x.promotionId);
    const r = await api.setPromotionEnabled(x.promotionId, enabled, x.version);
    setBusy(null);
    if (!r.ok) {
      toast(r.error.userMessage, 'fail');
      return;
    }
    toast(enabled ? '已启用' : '已停用', 'success');
    q.reload();
  };

  return (
    <View data-testid='promotions'>
      <Section title='新建促销'>
        <View className='cr-promo__actions'>
          {PROMOTION_TYPES.map((t) => (
            <Button key={t} size='small' onClick={() => p.go('promotion', { type: t })} testId={`new-${t}`}>
              {PROMOTION_TYPE_LABELS[t]}
            </Button>
          ))}
        </View>
      </Section>
      <View className='cr-promo__bottom'>
        <Tabs value={filter} options={PROMOTION_FILTERS} onChange={setFilter} />
      </View>
      {q.status === 'loading' ? <Loading testId='promotions-loading' /> : null}
      {q.status === 'error' ? <ErrorNote text={q.error.userMessage} onRetry={q.reload} testId='promotions-error' /> : null}
      {q.status === 'ready'
        ? (() => {
            const list = filterPromotions(q.data.promotions, filter, now);
            if (list.length === 0) return <Empty title='没有促销' description='满减、满折、满送、特价和套餐都可以在上面新建' testId='promotions-empty' />;
            return list.map((x) => {
              const status = promotionStatus(x, now);
              const budget = budgetUse(x);
              return (
                <View key={x.promotionId} className='cr-promo__card' data-testid={`promotion-${x.promotionId}`} onClick={() => p.go('promotion', { id: x.promotionId })}>
                  <View className='cr-promo__card-head'>
                    <Text className='cr-promo__name'>{x.name}</Text>
                    <Tag tone={PROMOTION_STATUS_TONES[status]} testId={`promotion-status-${x.promotionId}`}>{PROMOTION_STATUS_LABELS[status]}</Tag>
                  </View>
                  <Text className='cr-promo__meta'>
                    {PROMOTION_TYPE_LABELS[x.type]}
                    {x.label !== undefined ? ` · ${x.label}` : ''}
                  </Text>
                  <Text className='cr-promo__meta'>
                    {dateOf(x.from)} 至 {lastDateOf(x.to)}
                    {x.perBuyerLimit !== undefined ? ` · 每客户限 ${x.perBuyerLimit} 次` : ''}
                  </Text>
                  {budget !== null ? (
                    <>
                      <Text className='cr-promo__meta'>{budget.text}</Text>
                      <View className='cr-promo__bar'>
                        <View className='cr-promo__bar-fill' style={{ width: `${budget.percent}%` }} />
                      </View>
                    </>
                  ) : null}
                  <View className='cr-promo__actions' onClick={(e) => e.stopPropagation()}>
                    {status === 'ended' ? null : (
                      <Button size='small' variant={x.enabled === false ? 'primary' : 'default'} loading={busy === x.promotionId} onClick={() => void setEnabled(x, x.enabled === false)} testId={`promotion-toggle-${x.promotionId}`}>
                        {x.enabled === false ? '启用' : '停用'}
                      </Button>
                    )}
                  </View>
                </View>
              );
            });
          })()
        : null}
    </View>
  );
}
