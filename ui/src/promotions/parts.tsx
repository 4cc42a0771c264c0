/**
 * Small views the promotion screens share: chips (one or several of a few options), a date field
 * (the platform's date picker), a product picker, a titled form section, and the targeting and
 * product scope editor of promotions and rebate programs.
 */
import { Picker, Text, View } from '@tarojs/components';
import type { PropsWithChildren, ReactNode } from 'react';
import type { ChannelOrgKind } from '@channel-router/shared/model';
import { cx } from '../cx';
import type { CustomerRef, ProductRef } from '../kit/promotions/api';
import type { FieldErrors, TargetingForm } from '../kit/promotions/form';
import { BUYER_KIND_LABELS } from '../kit/promotions/words';
import { Field } from '../field';

export function Chips<K extends string>(p: { options: ReadonlyArray<{ key: K; label: string }>; value: readonly K[]; onToggle: (key: K) => void; testId: string; empty?: string }) {
  if (p.options.length === 0 && p.empty !== undefined) return <Text className='cr-promo__muted'>{p.empty}</Text>;
  return (
    <View className='cr-promo__chips' data-testid={p.testId}>
      {p.options.map((o) => (
        <Text key={o.key} className={cx('cr-promo__chip', p.value.includes(o.key) && 'cr-promo__chip--on')} onClick={() => p.onToggle(o.key)} data-testid={`${p.testId}-${o.key}`}>
          {o.label}
        </Text>
      ))}
    </View>
  );
}

/** Adds or removes one entry. */
export function toggle<K>(list: readonly K[], key: K): K[] {
  return list.includes(key) ? list.filter((x) => x !== key) : [...list, key];
}

export function Section({ title, extra, children, testId }: PropsWithChildren<{ title: ReactNode; extra?: ReactNode; testId?: string }>) {
  return (
    <View className='cr-promo__section' data-testid={testId}>
      <View className='cr-promo__section-head'>
        <Text className='cr-promo__section-title'>{title}</Text>
        {extra}
      </View>
      {children}
    </View>
  );
}

export function ErrorText({ text, testId }: { text: string | null | undefined; testId?: string }) {
  return text === null || text === undefined ? null : (
    <Text className='cr-promo__error' data-testid={testId}>
      {text}
    </Text>
  );
}

export function DateField(p: { name: string; label: string; value: string; onChange: (v: string) => void; error?: string | null }) {
  return (
    <View className={cx('cr-promo__row', 'cr-field', `cr-field--${p.name}`)}>
      <Text className='cr-promo__label'>{p.label}</Text>
      <Picker mode='date' value={p.value} onChange={(e) => p.onChange(String(e.detail.value))}>
        <Text className='cr-promo__picker' data-testid={`${p.name}-picker`}>{p.value === '' ? '请选择' : p.value}</Text>
      </Picker>
      <ErrorText text={p.error} testId={`${p.name}-error`} />
    </View>
  );
}

export function ProductPicker(p: { products: readonly ProductRef[]; value: string; onChange: (id: string) => void; testId: string }) {
  const index = p.products.findIndex((x) => x.id === p.value);
  const name = index >= 0 ? p.products[index]!.name : p.value === '' ? '选择商品' : p.value;
  return (
    <Picker mode='selector' range={p.products.map((x) => x.name)} value={Math.max(0, index)} onChange={(e) => p.onChange(p.products[Number(e.detail.value)]?.id ?? '')}>
      <Text className='cr-promo__picker' data-testid={p.testId}>{name}</Text>
    </Picker>
  );
}

const KIND_OPTIONS = (Object.keys(BUYER_KIND_LABELS) as ChannelOrgKind[]).map((k) => ({ key: k, label: BUYER_KIND_LABELS[k] }));

/** Who (kinds, levels, groups, regions, listed buyers) and which products. */
export function TargetingEditor(p: {
  value: TargetingForm;
  onChange: (patch: Partial<TargetingForm>) => void;
  customers: readonly CustomerRef[];
  products: readonly ProductRef[];
  errors: FieldErrors;
  /** 特价 and 套餐 name their products in their items: no scope. */
  withScope: boolean;
}) {
  const levels = [...new Set(p.customers.map((c) => c.level).filter((l): l is string => l !== null && l !== ''))].sort();
  const groups = [...new Set(p.customers.flatMap((c) => c.groupIds))].sort();
  const v = p.value;
  const targetingError = Object.entries(p.errors).find(([k]) => k.startsWith('targeting') && !k.startsWith('targeting.regions'))?.[1];
  const regionError = Object.entries(p.errors).find(([k]) => k.startsWith('targeting.regions'))?.[1];
  const scopeError = Object.entries(p.errors).find(([k]) => k.startsWith('products'))?.[1];
  return (
    <>
      <Section title='适用客户' extra={<Text className='cr-promo__muted'>不选 = 全部客户；多项同时满足</Text>} testId='targeting'>
        <Text className='cr-promo__label'>客户类型</Text>
        <Chips options={KIND_OPTIONS} value={v.kinds} onToggle={(k) => p.onChange({ kinds: toggle(v.kinds, k) })} testId='target-kinds' />
        <Text className='cr-promo__label'>客户等级</Text>
        <Chips options={levels.map((l) => ({ key: l, label: l }))} value={v.levels} onToggle={(k) => p.onChange({ levels: toggle(v.levels, k) })} testId='target-levels' empty='客户档案里还没有等级' />
        <Text className='cr-promo__label'>客户分组</Text>
        <Chips options={groups.map((g) => ({ key: g, label: g }))} value={v.groupIds} onToggle={(k) => p.onChange({ groupIds: toggle(v.groupIds, k) })} testId='target-groups' empty='客户档案里还没有分组' />
        <Field name='regions' label='地区码' value={v.regionsText} onChange={(t) => p.onChange({ regionsText: t })} placeholder='如 440000, 440106（含下级地区）' error={regionError ?? null} />
        <Text className='cr-promo__label'>指定客户</Text>
        <Chips options={p.customers.map((c) => ({ key: c.buyerOrgId, label: c.buyerName }))} value={v.buyerIds} onToggle={(k) => p.onChange({ buyerIds: toggle(v.buyerIds, k) })} testId='target-buyers' empty='还没有客户' />
        <ErrorText text={targetingError} testId='targeting-error' />
      </Section>
      {p.withScope ? (
        <Section title='商品范围' testId='scope'>
          <Chips
            options={[
              { key: 'all', label: '全部商品' },
              { key: 'listed', label: '指定商品' },
              { key: 'except', label: '除指定商品外' },
            ]}
            value={[v.productScope]}
            onToggle={(k) => p.onChange({ productScope: k as TargetingForm['productScope'] })}
            testId='scope-kind'
          />
          {v.productScope !== 'all' ? <Chips options={p.products.map((x) => ({ key: x.id, label: x.name }))} value={v.productIds} onToggle={(k) => p.onChange({ productIds: toggle(v.productIds, k) })} testId='scope-products' empty='还没有商品' /> : null}
          <ErrorText text={scopeError} testId='products-error' />
        </Section>
      ) : null}
    </>
  );
}
