/**
 * The seller's office: every seller screen, with a badge on incoming orders (to approve + to
 * ship). `SellEntry` is the same badge as one row for an app's home page.
 * Test ids: sell-hub, sell-badge, sell-nav-<page>, sell-entry.
 */
import { View, Text } from '@tarojs/components';
import { Cell, List } from '../../cell';
import { useQuery } from '../../app-kit/use-query';
import { badgeCounts, BADGE_PAGE } from '../../kit/ordering-sell/orders';
import type { SellPage } from '../../kit/ordering-sell/routes';
import { useReloadOnShow, type SellerProps } from './context';

export function useBadge(p: Pick<SellerProps, 'client' | 'seller'>) {
  const q = useQuery(async () => {
    const side = 'sell' as const;
    const [a, s, ps] = await Promise.all([
      p.client.order.list({ side, orgId: p.seller.orgId, status: 'pending_approval', limit: BADGE_PAGE }),
      p.client.order.list({ side, orgId: p.seller.orgId, status: 'approved', limit: BADGE_PAGE }),
      p.client.order.list({ side, orgId: p.seller.orgId, status: 'partially_shipped', limit: BADGE_PAGE }),
    ]);
    if (!a.ok) return a;
    if (!s.ok) return s;
    if (!ps.ok) return ps;
    return { ok: true as const, data: badgeCounts(a.data.orders, [...s.data.orders, ...ps.data.orders]) };
  });
  useReloadOnShow(q.reload);
  return q;
}

function Badge({ text }: { text: string }) {
  return text === '' ? null : <Text className='cr-sell-badge' data-testid='sell-badge'>{text}</Text>;
}

const ENTRIES: ReadonlyArray<{ page: SellPage; title: string; label: string; brandOnly?: boolean }> = [
  { page: 'orders', title: '订单', label: '审批、发货、关闭剩余' },
  { page: 'customers', title: '客户', label: '等级、分组、标签、收货地址' },
  { page: 'prices', title: '价目与控价', label: '各类客户的标准价和最低价', brandOnly: true },
  { page: 'policies', title: '价格政策', label: '按客户、分组、等级、地区定价；CSV 导入导出' },
  { page: 'credit', title: '授信额度', label: '赊销额度、有效期、账期' },
  { page: 'transfers', title: '转账确认', label: '核对转账凭证后确认或驳回' },
  { page: 'receivables', title: '应收账款', label: '账龄：未到期、逾期 1–30、31–60、60 天以上' },
  { page: 'stock', title: '库存', label: '可用、预留、安全库存与流水' },
  { page: 'returns', title: '退货审核', label: '同意或驳回退货' },
  { page: 'reports', title: '报表', label: '销售、订单、账龄、排行；导出 CSV' },
];

export function SellHub(p: SellerProps) {
  const badge = useBadge(p);
  const counts = badge.status === 'ready' ? badge.data : null;
  return (
    <View data-testid='sell-hub'>
      <List title={`${p.seller.name} · 销售`}>
        {ENTRIES.filter((e) => e.brandOnly !== true || p.seller.kind === 'brand').map((e) => (
          <Cell
            key={e.page}
            title={
              <View className='cr-sell-row'>
                <Text>{e.title}</Text>
                {e.page === 'orders' && counts !== null ? <Badge text={counts.text} /> : null}
              </View>
            }
            label={e.page === 'orders' && counts !== null ? `待审批 ${counts.toApprove} · 待发货 ${counts.toShip}` : e.label}
            onClick={() => p.go(e.page)}
            testId={`sell-nav-${e.page}`}
          />
        ))}
      </List>
    </View>
  );
}

/** One row for an app's home: 「销售管理」 with the badge. */
export function SellEntry(p: Pick<SellerProps, 'client' | 'seller'> & { onOpen: () => void }) {
  const badge = useBadge(p);
  const counts = badge.status === 'ready' ? badge.data : null;
  return (
    <Cell
      title={
        <View className='cr-sell-row'>
          <Text>销售管理</Text>
          {counts !== null ? <Badge text={counts.text} /> : null}
        </View>
      }
      label={counts !== null && counts.text !== '' ? `待审批 ${counts.toApprove} · 待发货 ${counts.toShip}` : '订单、客户、价格、授信、报表'}
      onClick={p.onOpen}
      testId='sell-entry'
    />
  );
}
