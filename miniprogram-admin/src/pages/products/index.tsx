/*
 * Products and their reward policies: the list, and a form to create one (amounts in yuan,
 * stored in fen; the consumer reward fixed or random between a minimum and a maximum).
 *
 * data-testids: products (page), products-loading, products-error(-retry), products-empty,
 * products-list, product-<sku> (card), product-new (opens the form), product-form,
 * fields sku, name, gtin, category, itemsPerBox, boxesPerCase, consumerReward, rewardMin, rewardMax,
 * storeReward, dealerRebate, diversionPenalty (errors: <field>-error), reward-mode-fixed,
 * reward-mode-random, product-submit, product-cancel, product-created, product-failed,
 * product-retry, product-again; a product's category: category-edit-<sku>, category-form (field
 * categoryText, its error categoryText-error), category-save, category-cancel, category-failed.
 */
import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { useStore } from 'zustand';
import { Button, Card, Empty, Field, Loading, Result, Tag, ErrorNote } from '@channel-router/ui';
import { categoryEditor, directoryStore, productsStore } from '../../services/app';
import { Screen } from '../../components/screen';
import { Chips } from '../../components/chips';
import { isRetryable } from '@channel-router/ui/kit';
import { packagingText, policyRows, type ProductField, type RewardMode } from '../../stores/products';
import type { ProductView } from '@channel-router/shared/api';

const MODES: ReadonlyArray<{ key: RewardMode; label: string }> = [
  { key: 'fixed', label: '固定金额' },
  { key: 'random', label: '随机金额' },
];

function ProductForm({ onClose }: { onClose: () => void }) {
  const form = useStore(productsStore, (s) => s.form);
  const errors = useStore(productsStore, (s) => s.errors);
  const status = useStore(productsStore, (s) => s.status);
  const error = useStore(productsStore, (s) => s.error);
  const created = useStore(productsStore, (s) => s.created);
  const { setField, submit, reset } = productsStore.getState();
  const busy = status === 'submitting';

  if (status === 'done' && created !== null) {
    return (
      <Result status='success' title='商品已创建' description={`「${created.name}」已加入商品列表，可以为它生成码批次了。`} testId='product-created'>
        <Button block variant='primary' onClick={reset} testId='product-again'>继续新建</Button>
        <Button block onClick={() => { reset(); onClose(); }}>完成</Button>
      </Result>
    );
  }

  const text = (field: ProductField, label: string, extra: { placeholder?: string; hint?: string; type?: 'text' | 'number' | 'amount'; maxlength?: number } = {}) => (
    <Field
      name={field}
      label={label}
      value={form[field]}
      onChange={(v) => setField(field, v)}
      error={errors[field]}
      disabled={busy}
      type={extra.type}
      placeholder={extra.placeholder}
      hint={extra.hint}
      maxlength={extra.maxlength}
    />
  );

  return (
    <View data-testid='product-form'>
      <Text className='ad-section-title'>基本信息</Text>
      {text('sku', '商品编码（SKU）', { placeholder: '例如 HWD-SOY-500', maxlength: 64 })}
      {text('name', '商品名称', { placeholder: '例如 特级生抽 500ml', maxlength: 64 })}
      {text('gtin', '商品条码（GTIN，可不填）', { placeholder: '例如 6901234567892', type: 'number', maxlength: 14 })}
      {text('category', '商品分类（可不填）', { placeholder: '例如 调味品/酱油', hint: '门店订货时按分类筛选', maxlength: 20 })}
      <Text className='ad-section-title'>包装规格</Text>
      {text('itemsPerBox', '每盒件数', { placeholder: '例如 6', type: 'number', maxlength: 4 })}
      {text('boxesPerCase', '每箱盒数', { placeholder: '例如 4', type: 'number', maxlength: 4 })}

      <Text className='ad-section-title'>奖励政策（元）</Text>
      <Text className='ad-field-label'>消费者扫码奖励</Text>
      <Chips options={MODES} value={form.rewardMode} onChange={(m) => setField('rewardMode', m)} testId='reward-mode' disabled={busy} />
      {form.rewardMode === 'fixed' ? (
        text('consumerReward', '每件奖励', { type: 'amount', placeholder: '例如 0.88', hint: '不填为 0（没有扫码奖励）' })
      ) : (
        <View>
          {text('rewardMin', '最低奖励', { type: 'amount', placeholder: '例如 0.30' })}
          {text('rewardMax', '最高奖励', { type: 'amount', placeholder: '例如 3.00', hint: '每次领奖在最低和最高之间随机' })}
        </View>
      )}
      {text('storeReward', '门店奖励（每件动销）', { type: 'amount', placeholder: '0.00', hint: '不填为 0' })}
      {text('dealerRebate', '经销商返利（每件动销）', { type: 'amount', placeholder: '0.00', hint: '不填为 0' })}
      {text('diversionPenalty', '窜货罚款（每件）', { type: 'amount', placeholder: '0.00', hint: '不填为 0' })}

      {status === 'failed' && error !== null ? (
        <ErrorNote text={isRetryable(error) ? `${error.userMessage}（填写的内容已保留）` : error.userMessage} testId='product-failed' />
      ) : null}
      <View className='ad-actions'>
        <Button block variant='primary' size='large' loading={busy} onClick={() => void submit()} testId={status === 'failed' ? 'product-retry' : 'product-submit'}>
          {status === 'failed' ? '重试' : '创建商品'}
        </Button>
        <Button block variant='plain' disabled={busy} onClick={onClose} testId='product-cancel'>收起</Button>
      </View>
    </View>
  );
}

/** A product's category on its card: shown, and set or cleared in place. */
function CategoryRow({ product }: { product: ProductView }) {
  const editing = useStore(categoryEditor, (s) => s.productId === product.id);
  const text = useStore(categoryEditor, (s) => s.text);
  const error = useStore(categoryEditor, (s) => s.error);
  const status = useStore(categoryEditor, (s) => s.status);
  const failure = useStore(categoryEditor, (s) => s.failure);
  const { start, setText, save, cancel } = categoryEditor.getState();
  if (!editing) {
    return (
      <View className='ad-kv'>
        <Text className='ad-kv__label'>分类</Text>
        <Text className='ad-kv__value'>
          {product.category ?? '未分类'}
          <Text className='ad-inline-link' onClick={() => start(product)} data-testid={`category-edit-${product.sku}`}>修改</Text>
        </Text>
      </View>
    );
  }
  const busy = status === 'saving';
  return (
    <View data-testid='category-form'>
      <Field name='categoryText' label='商品分类' value={text} onChange={setText} error={error ?? undefined} disabled={busy} placeholder='例如 调味品/酱油' hint='清空后保存即为未分类' maxlength={20} />
      {status === 'failed' && failure !== null ? <ErrorNote text={failure.userMessage} testId='category-failed' /> : null}
      <View className='ad-actions'>
        <Button size='small' variant='primary' loading={busy} onClick={() => void save()} testId='category-save'>保存分类</Button>
        <Button size='small' variant='plain' disabled={busy} onClick={cancel} testId='category-cancel'>取消</Button>
      </View>
    </View>
  );
}

export default function Products() {
  const products = useStore(directoryStore, (s) => s.products);
  const [formOpen, setFormOpen] = useState(false);
  const openForm = () => {
    // A finished form starts afresh; an unfinished one (a failed send) keeps what was typed.
    if (productsStore.getState().status === 'done') productsStore.getState().reset();
    setFormOpen(true);
  };

  return (
    <Screen
      testId='products'
      title='商品与奖励政策'
      subtitle='每件商品的包装和扫码奖励'
      access='admin'
      onShow={() => void directoryStore.getState().reloadProducts()}
      extra={formOpen ? undefined : <Button size='small' variant='primary' onClick={openForm} testId='product-new'>新建</Button>}
    >
      {formOpen ? <ProductForm onClose={() => setFormOpen(false)} /> : null}

      {products.status === 'loading' ? <Loading testId='products-loading' /> : null}
      {products.status === 'error' ? <ErrorNote text={products.error.userMessage} onRetry={() => void directoryStore.getState().reloadProducts()} testId='products-error' /> : null}
      {products.status === 'ready' && products.value.length === 0 && !formOpen ? (
        <Empty title='还没有商品' description='先创建商品和它的奖励政策，再为它生成码。' testId='products-empty'>
          <Button variant='primary' onClick={openForm}>新建商品</Button>
        </Empty>
      ) : null}
      {products.status === 'ready' && products.value.length > 0 ? (
        <View data-testid='products-list'>
          <Text className='ad-section-title'>共 {products.value.length} 个商品</Text>
          {products.value.map((p) => (
            <Card key={p.id} title={p.name} extra={<Tag>{p.sku}</Tag>} testId={`product-${p.sku}`}>
              <Text className='cr-muted'>{p.category !== undefined ? `${p.category} · ` : ''}{packagingText(p.packaging)}{p.gtin !== null ? ` · 条码 ${p.gtin}` : ''}</Text>
              <CategoryRow product={p} />
              {p.policy !== undefined
                ? policyRows(p.policy).map((r) => (
                    <View key={r.key} className='ad-kv'>
                      <Text className='ad-kv__label'>{r.label}</Text>
                      <Text className='ad-kv__value'>{r.value}</Text>
                    </View>
                  ))
                : null}
            </Card>
          ))}
        </View>
      ) : null}
    </Screen>
  );
}
