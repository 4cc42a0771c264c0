/**
 * Price policies within the brand's floors: the list (scope, targets, items, window, priority),
 * enable or disable each, a new or edited policy (`SellPolicy`), and CSV import and export.
 * An import is checked on the phone first and then by the server; a refusal lists every bad row
 * by row and column, and nothing is imported.
 * Test ids: sell-policies, policy-new, policy-<policyId>, policy-<policyId>-toggle,
 * policies-export, policies-csv (the exported text), csv-text (the text to import), csv-pick,
 * csv-import, csv-problems, csv-problem-<row>-<column>, csv-summary, csv-imported,
 * sell-policy, policy-name, policy-scope-<scope>, policy-targets, policy-item-<i>-product,
 * policy-target-<id> (a customer, level or group to target), policy-item-<i>-price,
 * policy-item-<i>-min (fields; errors: <name>-error), policy-item-add,
 * policy-item-<i>-remove, policy-from, policy-to, policy-priority, policy-enabled, policy-save,
 * policy-save-error.
 */
import { View, Text, Textarea } from '@tarojs/components';
import { useState } from 'react';
import { formatFen } from '@channel-router/shared/money';
import { POLICY_SCOPES, type PolicyScope } from '@channel-router/shared';
import type { PricePolicyView } from '@channel-router/shared/api';
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
import { checkImportFile, importRefusal, type ImportCheck } from '../../kit/ordering-sell/price-import';
import { checkPolicyForm, emptyPolicyForm, policyFormOf, policySaveError, splitTargets, type PolicyForm } from '../../kit/ordering-sell/policy-form';
import { scopeLabel } from '../../kit/ordering-sell/labels';
import { kindsSoldBy, useCustomers, useKept, useListPrices, useProducts, type SellerProps } from './context';
import { pickCsvText, saveCsv } from './csv-file';
import { dateOf } from '../../kit/shanghai-dates';

function ImportCard({ p, onImported }: { p: SellerProps; onImported: () => void }) {
  const [text, setText] = useState('');
  const [check, setCheck] = useState<ImportCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [intent, setIntent] = useState<{ text: string; key: ReturnType<SellerProps['client']['newIntent']> } | null>(null);

  const run = async () => {
    const local = checkImportFile(text);
    setCheck(local);
    if (!local.ok) return;
    if (!(await confirm({ title: `导入 ${local.policies} 条价格政策？`, content: `共 ${local.items} 个商品价格。编号相同的政策会被更新。`, confirmText: '导入' }))) return;
    // One key per file text: a retry of the same file imports once.
    const key = intent !== null && intent.text === text ? intent.key : p.client.newIntent();
    setIntent({ text, key });
    setBusy(true);
    const r = await p.client.trade.importPricePolicies({ sellerOrgId: p.seller.orgId, csv: text }, { intent: key });
    setBusy(false);
    if (!r.ok) {
      setCheck(importRefusal(r.error));
      return;
    }
    setCheck(null);
    setText('');
    toast(`已导入 ${r.data.policyIds.length} 条`, 'success');
    onImported();
  };

  return (
    <Card title='CSV 导入'>
      <Text className='cr-sell-note'>用导出的文件改价后导入：整份文件没有问题才会导入，有问题的行会按行列列出。</Text>
      <View className='cr-sell-csv' data-testid='csv-text'>
        <Textarea className='cr-sell-textarea' value={text} maxlength={80000} placeholder='粘贴 CSV 内容，或选择文件' onInput={(e) => { setText(e.detail.value); setCheck(null); }} />
      </View>
      <View className='cr-sell-actions'>
        <Button onClick={() => void pickCsvText().then((t) => { if (t !== null) { setText(t); setCheck(null); } else toast('没有读到文件'); })} testId='csv-pick'>选择文件</Button>
        <Button variant='primary' loading={busy} disabled={text.trim() === ''} onClick={() => void run()} testId='csv-import'>检查并导入</Button>
      </View>
      {check !== null && !check.ok ? (
        <View data-testid='csv-problems'>
          <Text className='cr-sell-bad' data-testid='csv-summary'>{check.summary}</Text>
          {check.problems.map((x) => (
            <Text key={`${x.row}-${x.column ?? ''}`} className='cr-sell-bad' data-testid={`csv-problem-${x.row}-${x.column ?? 'file'}`}>{x.text}</Text>
          ))}
        </View>
      ) : null}
    </Card>
  );
}

function ExportCard({ p }: { p: SellerProps }) {
  const [csv, setCsv] = useState<{ filename: string; csv: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    const r = await p.client.trade.exportPricePolicies({ sellerOrgId: p.seller.orgId });
    setBusy(false);
    if (!r.ok) return toast(r.error.userMessage, 'fail');
    setCsv(r.data);
    const how = await saveCsv(r.data.filename, r.data.csv);
    toast(how === 'downloaded' ? '已下载' : how === 'copied' ? '已复制，可粘贴到电脑上保存' : '请手动复制下面的内容', how === 'failed' ? 'info' : 'success');
  };
  return (
    <Card title='CSV 导出'>
      <Button block loading={busy} onClick={() => void run()} testId='policies-export'>导出全部价格政策</Button>
      {csv !== null ? (
        <View>
          <Text className='cr-sell-note'>{csv.filename}</Text>
          <Text className='cr-sell-pre' userSelect data-testid='policies-csv'>{csv.csv.replace(/^\uFEFF/, '')}</Text>
        </View>
      ) : null}
    </Card>
  );
}

export function SellPolicies(p: SellerProps) {
  const q = useQuery(() => p.client.trade.listPricePolicies({ sellerOrgId: p.seller.orgId }));
  const k = useKept(q);
  const products = useProducts(p);
  const [busy, setBusy] = useState<string | null>(null);
  const toggle = async (x: PricePolicyView) => {
    setBusy(x.policyId);
    const r = await p.client.trade.setPolicyEnabled({ policyId: x.policyId, enabled: !x.enabled, version: x.version });
    setBusy(null);
    if (!r.ok) toast(r.error.code === 'CONFLICT' ? '政策刚被修改过，已刷新' : r.error.userMessage, 'fail');
    q.reload();
  };
  let list;
  if (k.data === null && k.error !== null) list = <ErrorNote text={k.error.userMessage} onRetry={q.reload} testId='sell-policies-error' />;
  else if (k.data === null) list = <Loading testId='sell-policies-loading' />;
  else if (k.data.policies.length === 0) list = <Empty title='还没有价格政策' description='没有政策时按品牌价目表供货' testId='sell-policies-empty' />;
  else
    list = (
      <List title={`价格政策 ${k.data.policies.length}`}>
        {k.data.policies.map((x) => (
          <Cell
            key={x.policyId}
            title={
              <View className='cr-sell-row'>
                <Text>{x.name ?? x.policyId}</Text>
                <Tag tone={x.enabled ? 'success' : 'default'}>{x.enabled ? '启用' : '停用'}</Tag>
              </View>
            }
            label={`${scopeLabel(x.scope)}${x.targetIds.length > 0 ? `：${x.targetIds.slice(0, 3).join('、')}${x.targetIds.length > 3 ? '…' : ''}` : ''} · ${x.items.slice(0, 2).map((i) => `${products.nameOf(i.productId)} ${formatFen(i.price)}`).join('，')}${x.items.length > 2 ? ` 等 ${x.items.length} 个` : ''} · ${dateOf(x.from)} 至 ${dateOf(x.to)} · 优先级 ${x.priority}`}
            value={
              <Text className='cr-sell-chip' onClick={(e) => { e.stopPropagation(); if (busy === null) void toggle(x); }} data-testid={`policy-${x.policyId}-toggle`}>
                {x.enabled ? '停用' : '启用'}
              </Text>
            }
            onClick={() => p.go('policy', { id: x.policyId })}
            testId={`policy-${x.policyId}`}
          />
        ))}
      </List>
    );
  return (
    <View data-testid='sell-policies'>
      <Button block variant='primary' onClick={() => p.go('policy')} testId='policy-new'>新建价格政策</Button>
      <View className='cr-sell-actions' />
      {list}
      <ImportCard p={p} onImported={q.reload} />
      <ExportCard p={p} />
    </View>
  );
}

/** The seller's customers, levels or groups to tap into the targets (regions are typed). */
function TargetChips({ scope, targets, onChange, p }: { scope: PolicyScope; targets: string; onChange: (t: string) => void; p: SellerProps }) {
  const customers = useCustomers(p);
  const list = customers.value ?? [];
  const options: Array<{ id: string; label: string }> =
    scope === 'customer'
      ? list.map((c) => ({ id: c.buyerOrgId, label: c.buyerName }))
      : scope === 'level'
        ? [...new Set(list.flatMap((c) => (c.level === null ? [] : [c.level])))].map((l) => ({ id: l, label: `${l} 级` }))
        : scope === 'group'
          ? [...new Set(list.flatMap((c) => c.groupIds))].map((g) => ({ id: g, label: g }))
          : [];
  if (options.length === 0) return null;
  const chosen = new Set(splitTargets(targets));
  const toggle = (id: string) => {
    if (chosen.has(id)) chosen.delete(id);
    else chosen.add(id);
    onChange([...chosen].join(' | '));
  };
  return (
    <View className='cr-sell-chips'>
      {options.slice(0, 50).map((o) => (
        <Text key={o.id} className={chosen.has(o.id) ? 'cr-sell-chip cr-sell-chip--on' : 'cr-sell-chip'} onClick={() => toggle(o.id)} data-testid={`policy-target-${o.id}`}>
          {o.label}
        </Text>
      ))}
    </View>
  );
}

const SCOPE_OPTIONS = POLICY_SCOPES.map((s) => ({ key: s, label: scopeLabel(s) }));

function PolicyEdit({ initial, p }: { initial: PolicyForm; p: SellerProps }) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [intent] = useState(() => p.client.newIntent());
  const prices = useListPrices(p);
  const products = useProducts(p);
  const set = (patch: Partial<PolicyForm>) => setForm((f) => ({ ...f, ...patch }));
  const setItem = (i: number, patch: Partial<PolicyForm['items'][number]>) => set({ items: form.items.map((x, j) => (j === i ? { ...x, ...patch } : x)) });

  const save = async () => {
    const r = checkPolicyForm(form, prices.value === null ? null : { floorsOf: (id) => prices.of(id)?.floors ?? null, kinds: kindsSoldBy(p.seller.kind) });
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    setFailure(null);
    const req = { ...r.request, sellerOrgId: p.seller.orgId };
    // A new policy carries one key for this screen: a retry after a lost reply creates it once.
    const res = form.policyId === null ? await p.client.trade.savePricePolicy(req, { intent }) : await p.client.trade.savePricePolicy(req);
    setBusy(false);
    if (!res.ok) {
      const e = policySaveError(res.error);
      if (e.field !== null && e.field !== 'csv') setErrors({ [e.field]: e.text });
      setFailure(e.text);
      return;
    }
    toast('已保存', 'success');
    p.back();
  };

  const fieldName = (i: number, what: string) => `policy-item-${i}-${what}`;
  return (
    <View data-testid='sell-policy'>
      <Card title='适用范围'>
        <Field name='policy-name' label='名称' value={form.name} onChange={(v) => set({ name: v })} placeholder='例如 冬季 A 类客户价' maxlength={64} error={errors['name']} />
        <View className='cr-sell-chips'>
          {SCOPE_OPTIONS.map((o) => (
            <Text key={o.key} className={o.key === form.scope ? 'cr-sell-chip cr-sell-chip--on' : 'cr-sell-chip'} onClick={() => set({ scope: o.key as PolicyScope })} data-testid={`policy-scope-${o.key}`}>
              {o.label}
            </Text>
          ))}
        </View>
        {form.scope !== 'all' ? <TargetChips scope={form.scope} targets={form.targets} onChange={(t) => set({ targets: t })} p={p} /> : null}
        {form.scope !== 'all' ? (
          <Field name='policy-targets' label='对象' value={form.targets} onChange={(v) => set({ targets: v })} placeholder={form.scope === 'customer' ? '客户编号' : form.scope === 'region' ? '地区编码，例如 440106' : form.scope === 'level' ? '等级，例如 A' : '分组'} error={errors['targets']} hint='多个用空格或逗号分开' />
        ) : null}
      </Card>
      <Card title='商品价格（每个订货单位）'>
        {form.items.map((it, i) => {
          const lp = prices.of(it.productId);
          return (
            <View key={i} className='cr-sell-line'>
              <Field name={fieldName(i, 'product')} label='商品' value={it.productId} onChange={(v) => setItem(i, { productId: v.trim() })} placeholder='商品编号' error={errors[`items[${i}].productId`]} hint={it.productId !== '' ? products.nameOf(it.productId) : undefined} />
              <Field name={fieldName(i, 'price')} label='价格(元)' type='amount' value={it.price} onChange={(v) => setItem(i, { price: v })} error={errors[`items[${i}].price`]} hint={lp !== null ? `品牌价 ${kindsSoldBy(p.seller.kind).map((k) => `${formatFen(lp.listPrices[k as 'store'])}${lp.floors[k as 'store'] !== undefined ? `（控 ${formatFen(lp.floors[k as 'store']!)}）` : ''}`).join(' / ')}` : undefined} />
              <Field name={fieldName(i, 'min')} label='起订量' type='number' value={it.minQuantity} onChange={(v) => setItem(i, { minQuantity: v })} placeholder='选填' error={errors[`items[${i}].minQuantity`]} />
              {form.items.length > 1 ? <Button size='small' variant='plain' onClick={() => set({ items: form.items.filter((_, j) => j !== i) })} testId={`policy-item-${i}-remove`}>删除</Button> : null}
            </View>
          );
        })}
        {errors['items'] !== undefined ? <Text className='cr-sell-bad'>{errors['items']}</Text> : null}
        <Button size='small' onClick={() => set({ items: [...form.items, { productId: '', price: '', minQuantity: '' }] })} testId='policy-item-add'>添加商品</Button>
        {products.value !== null ? (
          <View className='cr-sell-chips'>
            {products.value.slice(0, 30).map((x) => (
              <Text key={x.id} className='cr-sell-chip' onClick={() => { const empty = form.items.findIndex((it) => it.productId === ''); if (empty >= 0) setItem(empty, { productId: x.id }); else set({ items: [...form.items, { productId: x.id, price: '', minQuantity: '' }] }); }} data-testid={`policy-pick-${x.id}`}>
                {x.name}
              </Text>
            ))}
          </View>
        ) : null}
      </Card>
      <Card title='有效期与优先级'>
        <Field name='policy-from' label='开始' value={form.from} onChange={(v) => set({ from: v })} placeholder='YYYY-MM-DD' maxlength={10} error={errors['from']} />
        <Field name='policy-to' label='结束(不含)' value={form.to} onChange={(v) => set({ to: v })} placeholder='YYYY-MM-DD' maxlength={10} error={errors['to']} />
        <Field name='policy-priority' label='优先级' type='number' value={form.priority} onChange={(v) => set({ priority: v })} error={errors['priority']} hint='同一范围内数字大的优先' />
        <View className='cr-sell-chips'>
          <Text className={form.enabled ? 'cr-sell-chip cr-sell-chip--on' : 'cr-sell-chip'} onClick={() => set({ enabled: !form.enabled })} data-testid='policy-enabled'>{form.enabled ? '已启用' : '已停用'}</Text>
        </View>
      </Card>
      {failure !== null ? <ErrorNote text={failure} testId='policy-save-error' /> : null}
      <View className='cr-sell-sticky'>
        <Button block variant='primary' loading={busy} onClick={() => void save()} testId='policy-save'>保存</Button>
      </View>
    </View>
  );
}

export function SellPolicy(p: SellerProps & { policyId?: string }) {
  const q = useQuery(() => p.client.trade.listPricePolicies({ sellerOrgId: p.seller.orgId }), p.policyId !== undefined);
  if (p.policyId === undefined) return <PolicyEdit initial={emptyPolicyForm(Date.now())} p={p} />;
  if (q.status === 'loading') return <Loading testId='sell-policy-loading' />;
  if (q.status === 'error') return <ErrorNote text={q.error.userMessage} onRetry={q.reload} testId='sell-policy-error' />;
  const x = q.data.policies.find((y) => y.policyId === p.policyId);
  if (x === undefined) return <Empty title='没有这条价格政策' testId='sell-policy-missing' />;
  return <PolicyEdit key={`${x.policyId}-${x.version}`} initial={policyFormOf(x)} p={p} />;
}
