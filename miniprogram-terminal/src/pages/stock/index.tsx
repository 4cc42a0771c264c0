/**
 * The store's stock: total items, by product, with the units received.
 * testIds: stock, stock-loading, stock-error, stock-retry, stock-empty, stock-go-receive,
 *   stock-total, stock-units, stock-product-<productId>, stock-refresh
 *   (from StoreGate) me-loading, me-error, me-retry, no-store, go-join
 */
import { View, Text } from '@tarojs/components';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro';
import { Button, Card, Cell, Empty, Header, List, Loading, Page, Tag } from '@channel-router/ui';
import { sessionStore, stockStore } from '../../services/app';
import { StoreGate } from '../../components/store-gate';
import { go, onBackIfH5, PAGES } from '../../services/nav';
import { levelLabel } from '@channel-router/ui/kit';
import { codeTail, timeLabel } from '../../stores/labels';
import type { StoreMembership } from '../../stores/session';

/** Units listed per product; a bigger stock is summarised (a list of 1,000 rows helps no one). */
const UNITS_SHOWN = 30;

function StockScreen({ store }: { store: StoreMembership }) {
  const stock = useStore(stockStore, (s) => s.stock);
  useEffect(() => void stockStore.getState().load(store.orgId), [store.orgId]);
  const reload = () => void stockStore.getState().load(store.orgId);

  if (stock.status === 'loading' || stock.status === 'idle') return <Loading text='正在读取库存…' testId='stock-loading' />;
  if (stock.status === 'error') {
    return (
      <View className='t-error' data-testid='stock-error'>
        <Text>{stock.error.userMessage}</Text>
        <Button size='small' onClick={reload} testId='stock-retry'>重试</Button>
      </View>
    );
  }
  const v = stock.value;
  if (v.units === 0) {
    return (
      <Empty title='还没有库存' description='到货后扫码入库，库存就会显示在这里。' testId='stock-empty'>
        <Button variant='primary' onClick={() => go(PAGES.receive)} testId='stock-go-receive'>去扫码入库</Button>
      </Empty>
    );
  }
  return (
    <View>
      <Card title={store.orgName} extra={<Text className='t-link' onClick={reload} data-testid='stock-refresh'>刷新</Text>}>
        <View className='t-stat-row'>
          <View className='t-stat'>
            <Text className='t-stat__value' data-testid='stock-total'>{v.items}</Text>
            <Text className='t-stat__label'>件商品</Text>
          </View>
          <View className='t-stat'>
            <Text className='t-stat__value' data-testid='stock-units'>{v.units}</Text>
            <Text className='t-stat__label'>个入库码</Text>
          </View>
          <View className='t-stat'>
            <Text className='t-stat__value'>{v.products.length}</Text>
            <Text className='t-stat__label'>种商品</Text>
          </View>
        </View>
      </Card>
      {v.products.map((p) => (
        <List key={p.productId} title={`${p.name} · 共 ${p.items} 件`} testId={`stock-product-${p.productId}`}>
          {p.units.slice(0, UNITS_SHOWN).map((u) => (
            <Cell key={u.code} title={`${levelLabel(u.level)} · 码 ${codeTail(u.code)}`} label={`入库 ${timeLabel(u.receivedAt)}`} value={<Tag>{u.items} 件</Tag>} />
          ))}
          {p.units.length > UNITS_SHOWN ? <Cell title={`另有 ${p.units.length - UNITS_SHOWN} 个码未列出`} /> : null}
        </List>
      ))}
      <Text className='t-hint'>库存按入库记录统计：已拆箱零售或被消费者扫码的商品不会自动扣减。</Text>
    </View>
  );
}

export default function Stock() {
  usePullDownRefresh(() => {
    const orgId = sessionStore.getState().orgId;
    void (orgId === null ? Promise.resolve() : stockStore.getState().load(orgId)).finally(() => void stopPullDownRefresh());
  });
  return (
    <Page testId='stock'>
      <Header title='库存' subtitle='本店已入库、尚未转出的货' onBack={onBackIfH5} />
      <StoreGate>{(store) => <StockScreen store={store} />}</StoreGate>
    </Page>
  );
}
