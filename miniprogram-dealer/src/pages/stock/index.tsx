/**
 * Stock: the units this org received and has not shipped on, by product, with the items inside.
 * Test ids: stock, stock-loading, stock-error, stock-error-retry, stock-empty, stock-total,
 * stock-units, stock-product-<productId>, stock-unit-<code>, stock-reload, go-receive.
 * Before the org is known: the gate's ids (components/org-gate.tsx).
 */
import { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { Button, Card, Cell, Empty, Header, List, Loading, Page, ErrorNote } from '@channel-router/ui';
import { catalogStore, stockStore } from '../../services/app';
import { OrgGate } from '../../components/org-gate';
import { go, onBackH5, PAGES } from '../../components/nav';
import { groupStock, productName } from '../../stores/reports';
import { levelLabel, shortCode, shortTimeLabel } from '../../stores/labels';
import type { OrgMembership } from '../../stores/org';
import type { UnitLevel } from '@channel-router/shared/model';

const LEVELS: readonly UnitLevel[] = ['pallet', 'case', 'box', 'item'];

function Stock({ m }: { m: OrgMembership }) {
  const stockOrg = useStore(stockStore, (s) => s.orgId);
  const loaded = useStore(stockStore, (s) => s.stock);
  // Another org's stock never shows under this one.
  const stock = stockOrg === m.orgId ? loaded : ({ status: 'loading' } as const);
  const products = useStore(catalogStore, (s) => s.products);
  const reload = () => {
    void stockStore.getState().load(m.orgId);
    void catalogStore.getState().ensure();
  };
  useEffect(reload, [m.orgId]);
  // Coming back to the page (after a receive, say) refreshes what was shown before.
  useDidShow(() => {
    const now = stockStore.getState();
    if (now.orgId === m.orgId && now.stock.status === 'ready') reload();
  });

  if (stock.status === 'idle' || stock.status === 'loading') return <Loading testId='stock-loading' />;
  if (stock.status === 'error') return <ErrorNote text={stock.error.userMessage} onRetry={reload} testId='stock-error' />;
  if (stock.value.units.length === 0) {
    return (
      <Empty title='库存是空的' description='收货后，这里会列出本单位收到且还没发出的货' testId='stock-empty'>
        <Button variant='primary' onClick={() => go(PAGES.receive)} testId='go-receive'>去收货</Button>
      </Empty>
    );
  }
  const groups = groupStock(stock.value);
  return (
    <View>
      <Card title='当前库存'>
        <Text className='dl-big' data-testid='stock-total'>{stock.value.items} 件</Text>
        <Text className='dl-sub'>
          {stock.value.units.length} 个箱、盒 · {groups.length} 种商品
        </Text>
        <Text className='dl-hint'>按收货记录统计：整箱收货后拆零发出或已售出的部分不扣减。</Text>
      </Card>
      <View data-testid='stock-units'>
        {groups.map((g) => (
          <List key={g.productId} title={`${productName(products, g.productId)} · ${g.items} 件`} testId={`stock-product-${g.productId}`}>
            <Cell title={LEVELS.filter((l) => g.levels[l] !== undefined).map((l) => `${g.levels[l]} ${levelLabel(l)}`).join(' · ')} label='按包装' />
            {g.units.slice(0, 200).map((u) => (
              <Cell key={u.code} title={`${levelLabel(u.level)} · ${shortCode(u.code)}`} label={`收货 ${shortTimeLabel(u.receivedAt)}`} value={`${u.items} 件`} testId={`stock-unit-${u.code}`} />
            ))}
          </List>
        ))}
      </View>
      <View className='dl-actions'>
        <Button block onClick={reload} testId='stock-reload'>刷新</Button>
      </View>
    </View>
  );
}

export default function StockPage() {
  return (
    <Page testId='stock'>
      <OrgGate title='库存' need='stock'>
        {(m) => (
          <>
            <Header title='库存' subtitle={m.orgName} onBack={onBackH5} />
            <Stock m={m} />
          </>
        )}
      </OrgGate>
    </Page>
  );
}
