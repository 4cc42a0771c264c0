/*
 * Code batches: create one for a product with a number of cases (the counts previewed before
 * sending), and the list of batches; tap one to export its codes.
 *
 * data-testids: batches (page), batches-loading, batches-error(-retry), batches-empty,
 * batches-list, batch-<batchNo> (row), batch-new (opens the form), batch-form,
 * batch-product-<productId>, batch-product-error, batch-no-products, cases (field; error:
 * cases-error), batch-preview, batch-submit, batch-retry, batch-failed,
 * batch-created, batch-open, batch-again.
 */
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { useStore } from 'zustand';
import { Button, Card, Cell, Empty, Field, List, Loading, Result, ErrorNote } from '@channel-router/ui';
import type { ProductView } from '@channel-router/shared/api';
import { batchesStore, currentNames, directoryStore } from '../../services/app';
import { Screen } from '../../components/screen';
import { Chips } from '../../components/chips';
import { countsFor, countsText, exportMode } from '../../stores/batches';
import { isRetryable } from '@channel-router/ui/kit';
import { parseCount } from '../../stores/form-input';
import { timeText } from '../../stores/labels';
import { valueOf } from '@channel-router/ui/kit';
import { go, ROUTES } from '../../nav';

function BatchForm({ products, onClose }: { products: readonly ProductView[]; onClose: () => void }) {
  const s = useStore(batchesStore);
  const { setProduct, setCases, submit, resetForm } = batchesStore.getState();
  const busy = s.status === 'submitting';
  const product = products.find((p) => p.id === s.productId);
  const cases = parseCount(s.casesText);

  if (s.status === 'done' && s.created !== null) {
    const created = s.created;
    return (
      <Result status='success' title='批次已生成' description={`${countsText(created.counts)}。码由批次推算，无需逐个入库；导出后交给印刷厂。`} testId='batch-created'>
        <Button block variant='primary' onClick={() => void Taro.navigateTo({ url: `${ROUTES.batch}?id=${encodeURIComponent(created.batchId)}` })} testId='batch-open'>
          查看并导出
        </Button>
        <Button block onClick={() => { resetForm(); onClose(); }} testId='batch-again'>完成</Button>
      </Result>
    );
  }

  return (
    <Card title='生成码批次' testId='batch-form'>
      <Text className='ad-field-label'>商品</Text>
      {products.length === 0 ? (
        <Text className='ad-note' data-testid='batch-no-products'>还没有商品：请先在「商品与奖励政策」里创建。</Text>
      ) : (
        <Chips options={products.map((p) => ({ key: p.id, label: p.name, hint: p.sku }))} value={s.productId === '' ? null : s.productId} onChange={setProduct} testId='batch-product' disabled={busy} />
      )}
      {s.errors.productId !== undefined ? <Text className='ad-field-error' data-testid='batch-product-error'>{s.errors.productId}</Text> : null}
      <Field name='cases' label='箱数' type='number' maxlength={6} value={s.casesText} onChange={setCases} placeholder='例如 10' error={s.errors.cases} disabled={busy} />
      {product !== undefined && cases !== null && cases > 0 ? (
        <Text className='ad-note' data-testid='batch-preview'>
          将生成 {countsText(countsFor(product, cases))} 的码（每件另有一个瓶盖内领奖码）。
        </Text>
      ) : null}
      {s.status === 'failed' && s.error !== null ? (
        <View>
          <ErrorNote text={isRetryable(s.error) && s.intent !== null ? `${s.error.userMessage}（重试不会重复生成）` : s.error.userMessage} testId='batch-failed' />
        </View>
      ) : null}
      <View className='ad-actions'>
        <Button block variant='primary' loading={busy} onClick={() => void submit(products)} testId={s.status === 'failed' ? 'batch-retry' : 'batch-submit'}>
          {s.status === 'failed' ? '重试' : '生成'}
        </Button>
        <Button block variant='plain' disabled={busy} onClick={onClose}>收起</Button>
      </View>
    </Card>
  );
}

export default function Batches() {
  const list = useStore(batchesStore, (s) => s.list);
  const productsLoad = useStore(directoryStore, (s) => s.products);
  const [formOpen, setFormOpen] = useState(false);
  const openForm = () => {
    // A finished form starts afresh; an unfinished one (a failed send) keeps what was typed.
    if (batchesStore.getState().status === 'done') batchesStore.getState().resetForm();
    setFormOpen(true);
  };
  const products = valueOf(productsLoad) ?? [];
  const names = currentNames();

  return (
    <Screen
      testId='batches'
      title='码批次'
      subtitle='一物一码：每批为一种商品生成箱码、盒码和单品码'
      access='admin'
      onShow={() => {
        void batchesStore.getState().load();
        void directoryStore.getState().load();
      }}
      extra={formOpen ? undefined : <Button size='small' variant='primary' onClick={openForm} testId='batch-new'>新建</Button>}
    >
      {formOpen ? <BatchForm products={products} onClose={() => setFormOpen(false)} /> : null}

      {list.status === 'loading' ? <Loading testId='batches-loading' /> : null}
      {list.status === 'error' ? <ErrorNote text={list.error.userMessage} onRetry={() => void batchesStore.getState().load()} testId='batches-error' /> : null}
      {list.status === 'ready' && list.value.length === 0 && !formOpen ? (
        <Empty title='还没有码批次' description='为商品生成一批码，导出后交给印刷厂。' testId='batches-empty'>
          <Button variant='primary' onClick={openForm}>生成码批次</Button>
        </Empty>
      ) : null}
      {list.status === 'ready' && list.value.length > 0 ? (
        <List title={`共 ${list.value.length} 个批次`} testId='batches-list'>
          {list.value.map((b) => (
            <Cell
              key={b.id}
              title={`第 ${b.batchNo} 批 · ${names.product(b.productId)}`}
              label={`${countsText(b.counts)} · ${timeText(b.createdAt)}`}
              value={<Text className='cr-muted'>{exportMode(b) === 'tree' ? '查看码' : '印刷文件'}</Text>}
              onClick={() => go('batch', { id: b.id })}
              testId={`batch-${b.batchNo}`}
            />
          ))}
        </List>
      ) : null}
    </Screen>
  );
}
