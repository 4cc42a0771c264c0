/**
 * Customers: the buyers that order from this seller, searchable by name, level, group or tag;
 * a profile to edit (level, groups, tags, contact, phone, licence, delivery addresses).
 * Test ids: sell-customers, customer-search (field), customer-<buyerOrgId>, sell-customers-empty,
 * sell-customer, level, groups, tags, contact, phone, licenceNo, address-<i>-region,
 * address-<i>-street (fields), address-add, address-<i>-remove, customer-save, customer-saved,
 * customer-save-error.
 */
import { View, Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { CustomerView } from '@channel-router/shared/api';
import { Button } from '../../button';
import { Card } from '../../card';
import { Cell, List } from '../../cell';
import { Empty } from '../../empty';
import { ErrorNote } from '../../error-note';
import { Field } from '../../field';
import { toast } from '../../feedback';
import { Loading } from '../../loading';
import { Tag } from '../../tag';
import { checkCustomerForm, customerFormOf, filterCustomers, MAX_ADDRESSES, nextAddressId, type CustomerForm } from '../../kit/ordering-sell/customer-form';
import { BUYER_KIND_LABELS } from '../../kit/ordering-sell/labels';
import { pick } from '../../kit/labels';
import { forgetShared, useCustomers, type SellerProps } from './context';

export function SellCustomers(p: SellerProps) {
  const customers = useCustomers(p);
  const [q, setQ] = useState('');
  if (customers.value === null && customers.error !== null) return <ErrorNote text={customers.error.userMessage} onRetry={customers.reload} testId='sell-customers-error' />;
  if (customers.value === null) return <Loading testId='sell-customers-loading' />;
  const shown = filterCustomers(customers.value, q);
  return (
    <View data-testid='sell-customers'>
      <Field name='customer-search' label='搜索' value={q} onChange={setQ} placeholder='名称、等级、分组或标签' />
      {shown.length === 0 ? (
        <Empty title={customers.value.length === 0 ? '还没有客户' : '没有符合的客户'} description='下游门店、批发商加入后会出现在这里' testId='sell-customers-empty' />
      ) : (
        <List title={`客户 ${shown.length}`}>
          {shown.map((c) => (
            <Cell
              key={c.buyerOrgId}
              title={
                <View className='cr-sell-row'>
                  <Text>{c.buyerName}</Text>
                  {c.level !== null ? <Tag tone='primary'>{c.level} 级</Tag> : null}
                </View>
              }
              label={[pick(BUYER_KIND_LABELS, c.buyerKind), ...c.groupIds, ...c.tags].join(' · ')}
              onClick={() => p.go('customer', { id: c.buyerOrgId })}
              testId={`customer-${c.buyerOrgId}`}
            />
          ))}
        </List>
      )}
    </View>
  );
}

function CustomerEdit({ c, p }: { c: CustomerView; p: SellerProps }) {
  const [form, setForm] = useState<CustomerForm>(() => customerFormOf(c));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const set = (patch: Partial<CustomerForm>) => setForm((f) => ({ ...f, ...patch }));
  const setAddress = (i: number, patch: Partial<CustomerForm['addresses'][number]>) => set({ addresses: form.addresses.map((a, j) => (j === i ? { ...a, ...patch } : a)) });

  const save = async () => {
    const r = checkCustomerForm(form, p.seller.orgId);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    setFailure(null);
    const res = await p.client.trade.saveCustomer(r.request);
    setBusy(false);
    if (!res.ok) {
      setFailure(res.error.userMessage);
      return;
    }
    forgetShared(`customers:${p.seller.orgId}`);
    toast('已保存', 'success');
    setForm(customerFormOf(res.data));
  };

  return (
    <View data-testid='sell-customer'>
      <Card>
        <Text className='cr-sell-big'>{c.buyerName}</Text>
        <Text className='cr-sell-note'>{pick(BUYER_KIND_LABELS, c.buyerKind)} · 地区 {c.regionCode}</Text>
      </Card>
      <Card title='分级与分组'>
        <Field name='level' label='等级' value={form.level} onChange={(v) => set({ level: v })} placeholder='例如 A' maxlength={16} error={errors['level']} />
        <Field name='groups' label='分组' value={form.groups} onChange={(v) => set({ groups: v })} placeholder='多个用空格分开，例如 vip east' error={errors['groups']} hint='价格政策可以按分组定价' />
        <Field name='tags' label='标签' value={form.tags} onChange={(v) => set({ tags: v })} placeholder='多个用空格分开' error={errors['tags']} />
      </Card>
      <Card title='联系'>
        <Field name='contact' label='联系人' value={form.contact} onChange={(v) => set({ contact: v })} maxlength={32} error={errors['contact']} />
        <Field name='phone' label='电话' value={form.phone} onChange={(v) => set({ phone: v })} maxlength={20} error={errors['phone']} />
        <Field name='licenceNo' label='执照号' value={form.licenceNo} onChange={(v) => set({ licenceNo: v })} maxlength={32} error={errors['licenceNo']} />
      </Card>
      <Card title='收货地址'>
        {form.addresses.map((a, i) => (
          <View key={a.addressId} className='cr-sell-line'>
            <Field name={`address-${i}-region`} label='地区编码' value={a.regionCode} onChange={(v) => setAddress(i, { regionCode: v })} placeholder='6 位，例如 440106' maxlength={6} error={errors[`addresses[${i}].regionCode`]} />
            <Field name={`address-${i}-street`} label='详细地址' value={a.street} onChange={(v) => setAddress(i, { street: v })} maxlength={120} error={errors[`addresses[${i}].street`]} />
            <Button size='small' variant='plain' onClick={() => set({ addresses: form.addresses.filter((_, j) => j !== i) })} testId={`address-${i}-remove`}>删除这个地址</Button>
          </View>
        ))}
        {form.addresses.length < MAX_ADDRESSES ? (
          <Button size='small' onClick={() => set({ addresses: [...form.addresses, { addressId: nextAddressId(form.addresses), regionCode: c.regionCode, street: '' }] })} testId='address-add'>添加地址</Button>
        ) : null}
      </Card>
      {failure !== null ? <ErrorNote text={failure} testId='customer-save-error' /> : null}
      <View className='cr-sell-sticky'>
        <Button block variant='primary' loading={busy} onClick={() => void save()} testId='customer-save'>保存</Button>
      </View>
    </View>
  );
}

export function SellCustomer(p: SellerProps & { buyerOrgId: string }) {
  const customers = useCustomers(p);
  useEffect(() => customers.reload(), [p.buyerOrgId]);
  if (customers.value === null && customers.error !== null) return <ErrorNote text={customers.error.userMessage} onRetry={customers.reload} testId='sell-customer-error' />;
  if (customers.value === null) return <Loading testId='sell-customer-loading' />;
  const c = customers.value.find((x) => x.buyerOrgId === p.buyerOrgId);
  if (c === undefined) return <Empty title='没有这个客户' testId='sell-customer-missing' />;
  return <CustomerEdit key={`${c.buyerOrgId}-${c.version}`} c={c} p={p} />;
}
