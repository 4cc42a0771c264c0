/**
 * Credit lines (赊销额度): each customer's limit, window and payment term, with the credit in use
 * (`order.balances`); set or change one.
 * Test ids: sell-credit, credit-<buyerOrgId>, credit-edit, credit-buyer-<buyerOrgId>,
 * credit-limit, credit-from, credit-to, credit-term (fields), credit-save, credit-save-error.
 */
import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { formatFen } from '@channel-router/shared/money';
import { Button } from '../../button';
import { Card } from '../../card';
import { Cell, List } from '../../cell';
import { Empty } from '../../empty';
import { ErrorNote } from '../../error-note';
import { Field } from '../../field';
import { confirm, toast } from '../../feedback';
import { Loading } from '../../loading';
import { Tag } from '../../tag';
import { useQuery } from '../../app-kit/use-query';
import { checkCreditForm, creditFormOf, creditLineState, type CreditForm } from '../../kit/ordering-sell/credit-form';

import { useCustomers, useKept, type SellerProps } from './context';
import { dateOf } from '../../kit/shanghai-dates';

function CreditEdit({ initial, p, done }: { initial: CreditForm; p: SellerProps; done: () => void }) {
  const customers = useCustomers(p);
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const save = async () => {
    const r = checkCreditForm(form, p.seller.orgId);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    if (!(await confirm({ title: `给 ${customers.nameOf(form.buyerOrgId)} 设置授信？`, content: `额度 ${formatFen(r.request.limit, { grouping: true })}，账期 ${r.request.termDays} 天。`, confirmText: '设置' }))) return;
    setBusy(true);
    setFailure(null);
    const res = await p.client.trade.setCreditLine(r.request);
    setBusy(false);
    if (!res.ok) return setFailure(res.error.userMessage);
    toast('已设置', 'success');
    done();
  };
  return (
    <Card title='设置授信' testId='credit-edit'>
      {initial.buyerOrgId === '' ? (
        <View className='cr-sell-chips'>
          {(customers.value ?? []).map((c) => (
            <Text key={c.buyerOrgId} className={c.buyerOrgId === form.buyerOrgId ? 'cr-sell-chip cr-sell-chip--on' : 'cr-sell-chip'} onClick={() => setForm({ ...form, buyerOrgId: c.buyerOrgId })} data-testid={`credit-buyer-${c.buyerOrgId}`}>
              {c.buyerName}
            </Text>
          ))}
        </View>
      ) : (
        <Text className='cr-sell-note'>{customers.nameOf(form.buyerOrgId)}</Text>
      )}
      {errors['buyerOrgId'] !== undefined ? <Text className='cr-sell-bad'>{errors['buyerOrgId']}</Text> : null}
      <Field name='credit-limit' label='额度(元)' type='amount' value={form.limit} onChange={(v) => setForm({ ...form, limit: v })} error={errors['limit']} />
      <Field name='credit-from' label='开始' value={form.from} onChange={(v) => setForm({ ...form, from: v })} placeholder='YYYY-MM-DD' maxlength={10} error={errors['from']} />
      <Field name='credit-to' label='结束(不含)' value={form.to} onChange={(v) => setForm({ ...form, to: v })} placeholder='YYYY-MM-DD' maxlength={10} error={errors['to']} />
      <Field name='credit-term' label='账期(天)' type='number' value={form.termDays} onChange={(v) => setForm({ ...form, termDays: v })} error={errors['termDays']} />
      {failure !== null ? <ErrorNote text={failure} testId='credit-save-error' /> : null}
      <View className='cr-sell-actions'>
        <Button onClick={done}>取消</Button>
        <Button variant='primary' loading={busy} onClick={() => void save()} testId='credit-save'>保存</Button>
      </View>
    </Card>
  );
}

function Used({ p, buyerOrgId }: { p: SellerProps; buyerOrgId: string }) {
  const q = useQuery(() => p.client.order.balances({ buyerOrgId, sellerOrgId: p.seller.orgId }));
  if (q.status !== 'ready') return null;
  const c = q.data.credit;
  return <Text className={c.overdue > 0 ? 'cr-sell-bad' : 'cr-sell-note'}>已用 {formatFen(c.used, { grouping: true })} · 可用 {formatFen(c.available, { grouping: true })}{c.overdue > 0 ? ` · 逾期 ${formatFen(c.overdue, { grouping: true })}` : ''}</Text>;
}

export function SellCredit(p: SellerProps) {
  const q = useQuery(() => p.client.trade.listCreditLines({ sellerOrgId: p.seller.orgId }));
  const k = useKept(q);
  const customers = useCustomers(p);
  const [editing, setEditing] = useState<CreditForm | null>(null);
  const now = Date.now();
  let list;
  if (k.data === null && k.error !== null) list = <ErrorNote text={k.error.userMessage} onRetry={q.reload} testId='sell-credit-error' />;
  else if (k.data === null) list = <Loading testId='sell-credit-loading' />;
  else if (k.data.creditLines.length === 0) list = <Empty title='还没有授信' description='授信后客户可以赊销下单' testId='sell-credit-empty' />;
  else
    list = (
      <List title='授信额度'>
        {k.data.creditLines.map((c) => {
          const st = creditLineState(c, now);
          return (
            <Cell
              key={c.buyerOrgId}
              title={
                <View className='cr-sell-row'>
                  <Text>{customers.nameOf(c.buyerOrgId)}</Text>
                  <Tag tone={st.tone}>{st.text}</Tag>
                </View>
              }
              label={
                <View>
                  <Text className='cr-sell-note'>{dateOf(c.from)} 至 {dateOf(c.to)} · 账期 {c.termDays} 天</Text>
                  <Used p={p} buyerOrgId={c.buyerOrgId} />
                </View>
              }
              value={formatFen(c.limit, { grouping: true })}
              onClick={() => setEditing(creditFormOf(c.buyerOrgId, c, now))}
              testId={`credit-${c.buyerOrgId}`}
            />
          );
        })}
      </List>
    );
  return (
    <View data-testid='sell-credit'>
      {editing !== null ? (
        <CreditEdit key={editing.buyerOrgId || 'new'} initial={editing} p={p} done={() => { setEditing(null); q.reload(); }} />
      ) : (
        <Button block variant='primary' onClick={() => setEditing(creditFormOf('', null, now))} testId='credit-new'>新增授信</Button>
      )}
      <View className='cr-sell-actions' />
      {list}
    </View>
  );
}
