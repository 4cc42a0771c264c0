/**
 * 订货: the seller's catalogue at the buyer's prices, search, category chips (全部 + each category
 * of the catalogue) and filter chips, promotion badges, a stepper per product in its order unit,
 * and the cart in the bottom bar.
 * Test ids: catalog, catalog-seller, catalog-search (`.cr-field--search input`), categories,
 * category-all, category-<category text>, category-other, chip-<filter>,
 * product-<productId>, badge-<productId>, step-<productId>(-plus|-minus), catalog-empty,
 * catalog-error, no-seller, cart-bar, cart-count, go-cart, go-orders, go-notices, notices-badge.
 */
import { View, Text } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { Amount } from '../../amount';
import { Button } from '../../button';
import { Empty } from '../../empty';
import { ErrorNote } from '../../error-note';
import { Field } from '../../field';
import { Loading } from '../../loading';
import { Tag } from '../../tag';
import { cx } from '../../cx';
import {
  catalogCategories,
  catalogFilterChips,
  cartCountText,
  cartSummary,
  filterCatalog,
  keptCategory,
  packText,
  PRICE_SOURCE_LABELS,
  promotedProductIds,
  promotionBadges,
  quantityOf,
  UNIT_LABELS,
  type CatalogFilter,
  type CategoryChoice,
} from '../../kit/ordering-buy';
import { BottomBar, CountBadge, Stepper } from './parts';
import type { BuyerOrdering, BuyNav } from './wiring';

export interface CatalogScreenProps {
  buying: BuyerOrdering;
  buyerOrgId: string;
  nav: BuyNav;
}

export function CatalogScreen({ buying, buyerOrgId, nav }: CatalogScreenProps) {
  const { checkout, cart, notices } = buying;
  useEffect(() => {
    void checkout.getState().bind(buyerOrgId);
    void notices.getState().load(buyerOrgId);
  }, [buyerOrgId]);
  const sellers = useStore(checkout, (s) => s.sellers);
  const catalog = useStore(checkout, (s) => s.catalog);
  const lines = useStore(cart, (s) => s.lines);
  const unread = useStore(notices, (s) => s.unread);
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<CatalogFilter>('all');
  const [chosen, setChosen] = useState<CategoryChoice>(null);
  const promos = catalog.status === 'ready' ? catalog.value.promotions : [];
  const promoted = useMemo(() => promotedProductIds(promos), [promos]);
  const categories = useMemo(() => (catalog.status === 'ready' ? catalogCategories(catalog.value.products) : []), [catalog]);
  const category = keptCategory(categories, chosen);
  const shown = catalog.status === 'ready' ? filterCatalog(catalog.value.products, search, filter, promoted, category) : [];
  const sum = cartSummary(lines);

  if (sellers.status === 'error') return <ErrorNote text={sellers.error.userMessage} onRetry={() => void checkout.getState().bind(buyerOrgId)} testId='catalog-error' />;
  if (sellers.status === 'ready' && sellers.value.length === 0) {
    return <Empty title={`还没有${buying.sellerWord}`} description={`请联系${buying.sellerWord}开通订货关系。`} testId='no-seller' />;
  }

  return (
    <View data-testid='catalog'>
      <View className='cr-buy-links'>
        <Text className='cr-buy-links__item' onClick={nav.orders} data-testid='go-orders'>我的订单</Text>
        <Text className='cr-buy-links__item' onClick={nav.notices} data-testid='go-notices'>
          发货通知<CountBadge n={unread} testId='notices-badge' />
        </Text>
        <Text className='cr-buy-links__item' onClick={nav.balances} data-testid='go-balances'>余额账期</Text>
        <Text className='cr-buy-links__item' onClick={nav.receive} data-testid='go-receive'>扫码收货</Text>
      </View>
      <Field name='search' label='搜索' value={search} onChange={setSearch} placeholder='商品名称或分类' maxlength={40} />
      {categories.length > 0 ? (
        <View className='cr-chips cr-chips--categories' data-testid='categories'>
          {categories.map((c) => (
            <Text key={c.testKey} className={cx('cr-chip', c.key === category && 'cr-chip--on')} onClick={() => setChosen(c.key)} data-testid={c.testKey}>{c.label}</Text>
          ))}
        </View>
      ) : null}
      <View className='cr-chips'>
        {catalogFilterChips(categories.length > 0).map((f) => (
          <Text key={f.key} className={cx('cr-chip', f.key === filter && 'cr-chip--on')} onClick={() => setFilter(f.key)} data-testid={`chip-${f.key}`}>{f.label}</Text>
        ))}
      </View>

      {catalog.status === 'loading' || catalog.status === 'idle' || sellers.status !== 'ready' ? <Loading testId='catalog-loading' /> : null}
      {catalog.status === 'error' ? <ErrorNote text={catalog.error.userMessage} onRetry={() => void checkout.getState().loadCatalog()} testId='catalog-error' /> : null}
      {catalog.status === 'ready' && shown.length === 0 ? <Empty title='没有符合条件的商品' description={search !== '' ? '换个关键词试试。' : '这个分类下暂时没有可订的商品。'} testId='catalog-empty' /> : null}

      <View className='cr-products'>
        {shown.map((p) => {
          const q = quantityOf(lines, p.productId);
          const badges = promotionBadges(promos, p.productId, p.promotionIds);
          return (
            <View key={p.productId} className={cx('cr-product', !p.available && 'cr-product--off')} data-testid={`product-${p.productId}`}>
              <View className='cr-product__main'>
                <Text className='cr-product__name'>{p.productName}</Text>
                <View className='cr-product__tags'>
                  <Tag>{packText(p.unit, p.itemsPerUnit)}</Tag>
                  {p.priceSource.scope !== 'list' ? <Tag tone='primary'>{PRICE_SOURCE_LABELS[p.priceSource.scope]}</Tag> : null}
                  {p.category !== undefined ? <Tag>{p.category}</Tag> : null}
                  {badges.map((b, i) => <Tag key={`${i}-${b}`} tone='danger' testId={`badge-${p.productId}`}>{b}</Tag>)}
                  {!p.available ? <Tag tone='warning'>暂时缺货</Tag> : null}
                </View>
                <View className='cr-product__price'>
                  <Amount fen={p.unitPrice} />
                  <Text className='cr-product__per'>/{UNIT_LABELS[p.unit]}</Text>
                  {p.listPrice > p.unitPrice ? <Text className='cr-product__list'>标准价 ¥{(p.listPrice / 100).toFixed(2)}</Text> : null}
                </View>
              </View>
              <Stepper value={q} unit={UNIT_LABELS[p.unit]} disabled={!p.available && q === 0} onChange={(n) => cart.getState().setQuantity(p, n)} testId={`step-${p.productId}`} />
            </View>
          );
        })}
      </View>

      <BottomBar
        testId='cart-bar'
        left={
          <View>
            <Text className='cr-bottombar__count' data-testid='cart-count'>{cartCountText(lines)}</Text>
            <View><Text className='cr-bottombar__hint'>约 </Text><Amount fen={sum.estimate} /></View>
          </View>
        }
      >
        <Button variant='primary' size='large' disabled={sum.products === 0} onClick={nav.cart} testId='go-cart'>去结算</Button>
      </BottomBar>
    </View>
  );
}
