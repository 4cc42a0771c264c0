/**
 * The brand's list prices and floors per product (admin): a table on a desktop browser, cards on
 * a phone; tapping a product edits its order unit, the list price of each buyer kind, the floors
 * (控价, empty: none) and the suggested retail price.
 * Test ids: sell-prices, prices-table(-row-<productId>), price-edit, price-unit-<unit>,
 * price-list-<kind>, price-floor-<kind>, price-retail (fields; errors: <name>-error),
 * price-save, price-save-error, price-cancel.
 */
import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { formatFen } from '@channel-router/shared/money';
import type { ListPriceView } from '@channel-router/shared/api';
import { Button } from '../../button';
import { Card } from '../../card';
import { ErrorNote } from '../../error-note';
import { Field } from '../../field';
import { toast } from '../../feedback';
import { Loading } from '../../loading';
import { checkListPriceForm, KINDS, listPriceFormOf, priceCell, type ListPriceForm } from '../../kit/ordering-sell/list-prices';
import { BUYER_KIND_LABELS, unitLabel } from '../../kit/ordering-sell/labels';
import { forgetShared, useListPrices, useProducts, type SellerProps } from './context';
import { SellTable } from './table';

function PriceEdit({ form: initial, name, p, done }: { form: ListPriceForm; name: string; p: SellerProps; done: () => void }) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const save = async () => {
    const r = checkListPriceForm(form);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    setBusy(true);
    setFailure(null);
    const res = await p.client.trade.setListPrices(r.request);
    setBusy(false);
    if (!res.ok) {
      if (res.error.field?.startsWith('listPrices.')) setErrors({ [`list.${res.error.field.slice(11)}`]: '低于控价' });
      return setFailure(res.error.userMessage);
    }
    toast('已保存', 'success');
    done();
  };
  return (
    <Card title={`定价 · ${name}`} testId='price-edit'>
      <View className='cr-sell-chips'>
        {(['case', 'box', 'item'] as const).map((u) => (
          <Text key={u} className={u === form.unit ? 'cr-sell-chip cr-sell-chip--on' : 'cr-sell-chip'} onClick={() => setForm({ ...form, unit: u })} data-testid={`price-unit-${u}`}>
            按{unitLabel(u)}订货
          </Text>
        ))}
      </View>
      {KINDS.map((k) => (
        <View key={k} className='cr-sell-line'>
          <Field name={`price-list-${k}`} label={`${BUYER_KIND_LABELS[k]}价`} type='amount' value={form.list[k]} onChange={(v) => setForm({ ...form, list: { ...form.list, [k]: v } })} error={errors[`list.${k}`]} suffix={<Text>元/{unitLabel(form.unit)}</Text>} />
          <Field name={`price-floor-${k}`} label='最低价(控价)' type='amount' value={form.floors[k]} onChange={(v) => setForm({ ...form, floors: { ...form.floors, [k]: v } })} error={errors[`floors.${k}`]} placeholder='不控价留空' />
        </View>
      ))}
      <Field name='price-retail' label='建议零售价' type='amount' value={form.retail} onChange={(v) => setForm({ ...form, retail: v })} error={errors['retail']} placeholder='选填' />
      {failure !== null ? <ErrorNote text={failure} testId='price-save-error' /> : null}
      <View className='cr-sell-actions'>
        <Button onClick={done} testId='price-cancel'>取消</Button>
        <Button variant='primary' loading={busy} onClick={() => void save()} testId='price-save'>保存</Button>
      </View>
    </Card>
  );
}

export function SellPrices(p: SellerProps) {
  const prices = useListPrices(p);
  const products = useProducts(p);
  const [editing, setEditing] = useState<string | null>(null);
  if ((prices.value === null && prices.error !== null) || (products.value === null && products.error !== null)) {
    const e = prices.error ?? products.error!;
    return <ErrorNote text={e.userMessage} onRetry={() => { prices.reload(); products.reload(); }} testId='sell-prices-error' />;
  }
  if (prices.value === null || products.value === null) return <Loading testId='sell-prices-loading' />;
  const byId = new Map<string, ListPriceView>(prices.value.map((x) => [x.productId, x]));
  const rows = products.value.map((x) => {
    const v = byId.get(x.id) ?? null;
    return {
      key: x.id,
      onClick: () => setEditing(x.id),
      cells: [
        <Text key='n'>{x.name}</Text>,
        <Text key='u'>{v === null ? '—' : unitLabel(v.unit)}</Text>,
        ...KINDS.map((k) => <Text key={k}>{priceCell(v, k)}</Text>),
        <Text key='r'>{v?.retailPrice != null ? formatFen(v.retailPrice) : '—'}</Text>,
      ],
    };
  });
  const done = () => {
    forgetShared('list-prices');
    setEditing(null);
    prices.reload();
  };
  return (
    <View data-testid='sell-prices'>
      {editing !== null ? <PriceEdit key={editing} form={listPriceFormOf(editing, byId.get(editing) ?? null)} name={products.nameOf(editing)} p={p} done={done} /> : null}
      <SellTable head={['商品', '单位', '经销商价', '批发商价', '门店价', '建议零售价']} numeric={[false, false, true, true, true, true]} rows={rows} testId='prices-table' />
      <Text className='cr-sell-note'>点一行修改。控价对所有经销商、批发商的价格政策生效。</Text>
    </View>
  );
}
