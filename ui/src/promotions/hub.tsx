/**
 * The seller's entry to promotions, rebate programs, statements and settlement documents.
 * Test ids: promo-hub, promo-nav-<page>.
 */
import { View } from '@tarojs/components';
import { Cell, List } from '../cell';
import type { PromoPage } from '../kit/promotions/routes';
import type { PromoSellerProps } from './context';

const ENTRIES: ReadonlyArray<{ page: PromoPage; title: string; label: string }> = [
  { page: 'promotions', title: '促销', label: '满减、满折、满送、特价、套餐；预算与限用' },
  { page: 'programs', title: '返利政策', label: '按月、季、年的进货返利，档位与审批流程' },
  { page: 'statements', title: '返利对账单', label: '计算、审批、退回、入账' },
  { page: 'settlements', title: '清分单据', label: '已完成订单的分账与费用，按月导出 CSV' },
];

export function PromoHub(p: Pick<PromoSellerProps, 'seller' | 'go'>) {
  return (
    <View data-testid='promo-hub'>
      <List title={`${p.seller.name} · 促销与返利`}>
        {ENTRIES.map((e) => (
          <Cell key={e.page} title={e.title} label={e.label} onClick={() => p.go(e.page)} testId={`promo-nav-${e.page}`} />
        ))}
      </List>
    </View>
  );
}
