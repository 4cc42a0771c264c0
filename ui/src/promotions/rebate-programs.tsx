/**
 * Rebate programs (docs/promotions.md#rebate-programs): the list with period, tiers and chain,
 * computing a period's statements on demand, and the editor (period, basis, tiers whole or
 * marginal, who and which products, the approval chain of roles).
 * Test ids: programs, programs-loading, programs-error, programs-empty, program-<id>, compute-<id>,
 * compute-period-<id>, compute-result, new-program, program-editor, program-save, program-save-error,
 * chain-<role>, chain-step-<i>, tier-<i>.
 */
import { Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { REBATE_MODES, REBATE_PERIODS, type RebateMode, type RebatePeriodKind } from '@channel-router/shared';
import { formatFen } from '@channel-router/shared/money';
import { Button } from '../button';
import { Empty } from '../empty';
import { ErrorNote } from '../error-note';
import { Field } from '../field';
import { Loading } from '../loading';
import { Tag } from '../tag';
import { useQuery } from '../app-kit/use-query';
import { useReloadOn } from './reload';
import { useEditor } from './use-editor';
import { dateOf, lastDateOf } from '../kit/shanghai-dates';
import { exampleRebate, formOfProgram, newRebateProgramForm, rebateProgramRequest, tiersText, type RebateProgramForm } from '../kit/promotions/rebate-form';
import { periodText, recentPeriodKeys } from '../kit/promotions/statements';
import { CHAIN_ROLES, MODE_LABELS, PERIOD_LABELS, roleLabel } from '../kit/promotions/words';
import type { ComputeRebatesRes, RebateProgramView } from '../kit/promotions/api';
import { promoApi, useCustomerRefs, useProductRefs, type PromoSellerProps } from './context';
import { Chips, DateField, ErrorText, Section, TargetingEditor } from './parts';

/** Periods offered for computing on demand: the running one and the last few. */
const COMPUTE_PERIODS = 6;

function ComputeRow({ p, program, now_ms }: { p: PromoSellerProps; program: RebateProgramView; now_ms: number }) {
  const keys = recentPeriodKeys(program.period, now_ms, COMPUTE_PERIODS);
  const [key, setKey] = useState(keys[1] ?? keys[0]!);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ComputeRebatesRes | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await promoApi(p.client).computeRebates(program.programId, key);
    setBusy(false);
    if (!r.ok) return setError(r.error.userMessage);
    setResult(r.data);
  };
  return (
    <View onClick={(e) => e.stopPropagation()}>
      <View className='cr-promo__actions'>
        <Picker mode='selector' range={keys.map(periodText)} value={Math.max(0, keys.indexOf(key))} onChange={(e) => setKey(keys[Number(e.detail.value)] ?? key)}>
          <Text className='cr-promo__picker' data-testid={`compute-period-${program.programId}`}>{periodText(key)}</Text>
        </Picker>
        <Button size='small' loading={busy} onClick={() => void run()} testId={`compute-${program.programId}`}>计算返利</Button>
        <Button size='small' variant='plain' onClick={() => p.go('statements', { programId: program.programId, periodKey: key })}>看对账单</Button>
      </View>
      {error !== null ? <ErrorText text={error} /> : null}
      {result !== null ? (
        <Text className='cr-promo__meta' data-testid='compute-result'>
          {periodText(result.periodKey)}：{result.buyers} 个客户，返利合计 {formatFen(result.rebate_fen)}
          {result.final ? `，新生成 ${result.created} 张对账单待审批` : '（期间未结束，仅为截至目前的预估，未生成对账单）'}
        </Text>
      ) : null}
    </View>
  );
}

export function RebateProgramsScreen(p: PromoSellerProps & { now_ms?: number }) {
  const q = useQuery(() => promoApi(p.client).listRebatePrograms(p.seller.orgId));
  useReloadOn(q.reload);
  const now = p.now_ms ?? Date.now();
  return (
    <View data-testid='programs'>
      <Button block variant='primary' onClick={() => p.go('program')} testId='new-program'>新建返利政策</Button>
      {q.status === 'loading' ? <Loading testId='programs-loading' /> : null}
      {q.status === 'error' ? <ErrorNote text={q.error.userMessage} onRetry={q.reload} testId='programs-error' /> : null}
      {q.status === 'ready' && q.data.programs.length === 0 ? <Empty title='还没有返利政策' description='按月、季度或年度，根据客户的进货额返利' testId='programs-empty' /> : null}
      {q.status === 'ready'
        ? q.data.programs.map((x) => (
            <View key={x.programId} className='cr-promo__card' data-testid={`program-${x.programId}`} onClick={() => p.go('program', { id: x.programId })}>
              <View className='cr-promo__card-head'>
                <Text className='cr-promo__name'>{x.name}</Text>
                <Tag tone={x.enabled === false ? 'warning' : now >= x.to ? 'default' : 'success'}>{x.enabled === false ? '已停用' : now >= x.to ? '已结束' : `${PERIOD_LABELS[x.period]}结算`}</Tag>
              </View>
              <Text className='cr-promo__meta'>{tiersText(x)}（{x.mode === 'whole' ? '全额' : '超额'}累进）</Text>
              <Text className='cr-promo__meta'>
                {dateOf(x.from)} 至 {lastDateOf(x.to)} · 审批：{x.approvalChain.length === 0 ? '无需审批' : x.approvalChain.map(roleLabel).join(' → ')}
              </Text>
              <ComputeRow p={p} program={x} now_ms={now} />
            </View>
          ))
        : null}
    </View>
  );
}

export function RebateProgramEditorScreen(p: PromoSellerProps & { programId?: string; now_ms?: number }) {
  const api = promoApi(p.client);
  const now = p.now_ms ?? Date.now();
  const products = useProductRefs(p.client);
  const customers = useCustomerRefs(p.client, p.seller.orgId);
  const editor = useEditor<RebateProgramForm>({
    initial: p.programId === undefined ? newRebateProgramForm(now) : null,
    loadKey: p.programId,
    load: async () => {
      const r = await api.listRebatePrograms(p.seller.orgId);
      if (!r.ok) return { ok: false, text: r.error.userMessage };
      const found = r.data.programs.find((x) => x.programId === p.programId);
      return found === undefined ? { ok: false, text: '没有找到这个返利政策' } : { ok: true, form: formOfProgram(found) };
    },
    newIntent: () => p.client.newIntent(),
    onSaved: p.back,
  });
  const { set, err, errors, saving, failure } = editor;
  if (editor.loadError !== null) return <ErrorNote text={editor.loadError} onRetry={editor.reload} testId='program-error' />;
  if (editor.form === null) return <Loading testId='program-loading' />;
  const f = editor.form;
  const checked = rebateProgramRequest(f);
  const example = checked.ok ? exampleRebate(checked.req, 10_000_000) : null;

  const save = (retry: boolean) =>
    editor.save(retry, checked.ok ? { ok: true, send: (key) => api.saveRebateProgram({ ...checked.req, sellerOrgId: p.seller.orgId }, key) } : checked);

  return (
    <View data-testid='program-editor'>
      <Section title={f.programId === undefined ? '新建返利政策' : '编辑返利政策'}>
        <Field name='name' label='政策名称' value={f.name} onChange={(name) => set({ name })} placeholder='如：经销商季度进货返利' error={err('name')} maxlength={64} />
        <Text className='cr-promo__label'>结算周期</Text>
        <Chips options={REBATE_PERIODS.map((k) => ({ key: k, label: PERIOD_LABELS[k] }))} value={[f.period]} onToggle={(k) => set({ period: k as RebatePeriodKind })} testId='period' />
        <Text className='cr-promo__label'>返利基数</Text>
        <Text className='cr-promo__meta'>期间内完成的订单实付货款（范围内商品），扣除退货退款</Text>
        <Text className='cr-promo__label'>计算方式</Text>
        <Chips options={REBATE_MODES.map((k) => ({ key: k, label: MODE_LABELS[k] }))} value={[f.mode]} onToggle={(k) => set({ mode: k as RebateMode })} testId='mode' />
      </Section>
      <Section title='返利档位' testId='rebate-tiers'>
        {f.tiers.map((t, i) => (
          <View key={i} className='cr-promo__line' data-testid={`tier-${i}`}>
            <View className='cr-promo__grow'>
              <Field name={`tier-${i}-threshold`} label={`第 ${i + 1} 档 进货满（元）`} type='amount' value={t.threshold} onChange={(threshold) => set({ tiers: f.tiers.map((x, k) => (k === i ? { ...x, threshold } : x)) })} error={err(`tiers[${i}].threshold`)} />
              <Field name={`tier-${i}-percent`} label='返利比例（%）' value={t.percent} onChange={(percent) => set({ tiers: f.tiers.map((x, k) => (k === i ? { ...x, percent } : x)) })} placeholder='如 1.5' error={err(`tiers[${i}].rate_bp`)} />
            </View>
            {f.tiers.length > 1 ? <Text className='cr-promo__remove' onClick={() => set({ tiers: f.tiers.filter((_, k) => k !== i) })}>删除</Text> : null}
          </View>
        ))}
        {f.tiers.length < 10 ? <Text className='cr-promo__add' onClick={() => set({ tiers: [...f.tiers, { threshold: '', percent: '' }] })} data-testid='add-tier'>+ 添加档位</Text> : null}
        <ErrorText text={err('tiers')} />
        {example !== null ? <Text className='cr-promo__meta' data-testid='rebate-example'>例：期间进货 ¥100,000.00，返利 {formatFen(example, { grouping: true })}</Text> : null}
      </Section>
      <TargetingEditor value={f} onChange={(patch) => set(patch)} customers={customers.value} products={products.value} errors={errors} withScope />
      <Section title='审批流程' extra={<Text className='cr-promo__muted'>依次点选角色；不选 = 计算后直接入账</Text>} testId='chain'>
        <Chips options={CHAIN_ROLES.map((r) => ({ key: r, label: roleLabel(r) }))} value={[]} onToggle={(r) => f.approvalChain.length < 5 && set({ approvalChain: [...f.approvalChain, r] })} testId='chain' />
        {f.approvalChain.map((r, i) => (
          <View key={i} className='cr-promo__line' data-testid={`chain-step-${i}`}>
            <Text className='cr-promo__grow'>第 {i + 1} 步：{roleLabel(r)}</Text>
            <Text className='cr-promo__remove' onClick={() => set({ approvalChain: f.approvalChain.filter((_, k) => k !== i) })}>删除</Text>
          </View>
        ))}
        <ErrorText text={err('approvalChain') ?? Object.entries(errors).find(([k]) => k.startsWith('approvalChain'))?.[1]} testId='chain-error' />
      </Section>
      <Section title='有效期'>
        <DateField name='from' label='开始日期' value={f.fromDate} onChange={(fromDate) => set({ fromDate })} error={err('from')} />
        <DateField name='to' label='结束日期（含当天）' value={f.toDate} onChange={(toDate) => set({ toDate })} error={err('to')} />
        <Chips options={[{ key: 'on', label: '启用' }]} value={f.enabled ? ['on'] : []} onToggle={() => set({ enabled: !f.enabled })} testId='enabled' />
      </Section>
      {failure !== null ? <ErrorNote text={failure.text} onRetry={failure.retryable ? () => void save(true) : undefined} testId='program-save-error' /> : null}
      <View className='cr-promo__bottom'>
        <Button block variant='primary' size='large' loading={saving} onClick={() => void save(false)} testId='program-save'>保存</Button>
      </View>
    </View>
  );
}
