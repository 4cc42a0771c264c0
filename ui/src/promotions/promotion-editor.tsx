/**
 * The promotion editor for the five kinds (docs/promotions.md#promotions): rules by kind (特价
 * items, 套餐 set and price, 满减 tiers with 每满 and its cap, 满折 tiers in 折, 满送 tiers with gift
 * products × quantity), who and which products, validity, per-buyer limit, budget. Problems show on
 * their field (the pure validator's, in Chinese); the live preview applies the promotion to a
 * sample cart with the quote's own function.
 * Test ids: promotion-editor, promotion-loading, promotion-error, field names (`.cr-field--<name>`,
 * `<name>-error`), add-tier, add-item, add-gift-<i>, repeat, threshold-by-<amount|units>,
 * preview, preview-line-<i>, preview-total, preview-hint, preview-gift, sample-add, save, save-error.
 */
import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import type { PromotionType } from '@channel-router/shared';
import { Amount } from '../amount';
import { Button } from '../button';
import { ErrorNote } from '../error-note';
import { Field } from '../field';
import { Loading } from '../loading';
import {
  emptyItem,
  emptyTier,
  FORM_MAX_GIFTS,
  FORM_MAX_ITEMS,
  FORM_MAX_TIERS,
  formOfPromotion,
  newPromotionForm,
  promotionRequest,
  replyErrors,
  type PromotionForm,
  type TierForm,
} from '../kit/promotions/form';
import { EMPTY_SAMPLE, MAX_SAMPLE_LINES, previewPromotion, sampleLine, type SampleCart } from '../kit/promotions/preview';
import { BUYER_KIND_LABELS, PROMOTION_TYPE_LABELS } from '../kit/promotions/words';
import type { ChannelOrgKind } from '@channel-router/shared/model';
import type { PromotionDefinition } from '@channel-router/shared';
import { formatFen } from '@channel-router/shared/money';
import type { CustomerRef, ListPriceRef, ProductRef } from '../kit/promotions/api';
import { promoApi, useCustomerRefs, usePriceRefs, useProductRefs, type PromoSellerProps } from './context';
import { useEditor } from './use-editor';
import { Chips, DateField, ErrorText, ProductPicker, Section, TargetingEditor, toggle } from './parts';

export interface PromotionEditorProps extends PromoSellerProps {
  /** Editing this promotion; absent: a new one of `type`. */
  promotionId?: string;
  type?: PromotionType;
  now_ms?: number;
}

export function PromotionEditorScreen(p: PromotionEditorProps) {
  const api = promoApi(p.client);
  const now = p.now_ms ?? Date.now();
  const products = useProductRefs(p.client);
  const prices = usePriceRefs(p.client);
  const customers = useCustomerRefs(p.client, p.seller.orgId);
  const editor = useEditor<PromotionForm>({
    initial: p.promotionId === undefined ? newPromotionForm(p.type ?? 'full_reduction', now) : null,
    loadKey: p.promotionId,
    load: async () => {
      const r = await api.listPromotions(p.seller.orgId);
      if (!r.ok) return { ok: false, text: r.error.userMessage };
      const found = r.data.promotions.find((x) => x.promotionId === p.promotionId);
      return found === undefined ? { ok: false, text: '没有找到这个促销，可能已被删除' } : { ok: true, form: formOfPromotion(found) };
    },
    newIntent: () => p.client.newIntent(),
    replyErrors: (e, form) => (e.field !== undefined ? replyErrors(form, e) : null),
    onSaved: p.back,
  });
  const { set, err, errors, saving, failure } = editor;

  if (editor.loadError !== null) return <ErrorNote text={editor.loadError} onRetry={editor.reload} testId='promotion-error' />;
  if (editor.form === null) return <Loading testId='promotion-loading' />;

  const f = editor.form;
  const setTier = (i: number, patch: Partial<TierForm>) => set({ tiers: f.tiers.map((t, k) => (k === i ? { ...t, ...patch } : t)) });
  const money = f.thresholdBy === 'amount';
  const isThreshold = f.type === 'full_reduction' || f.type === 'full_discount' || f.type === 'full_gift';

  const save = (retry: boolean) => {
    const r = promotionRequest(f);
    return editor.save(retry, r.ok ? { ok: true, send: (key) => api.savePromotion({ ...r.req, sellerOrgId: p.seller.orgId }, key) } : r);
  };

  return (
    <View data-testid='promotion-editor'>
      <Section title={`${f.promotionId === undefined ? '新建' : '编辑'}${PROMOTION_TYPE_LABELS[f.type]}`}>
        <Field name='name' label='促销名称' value={f.name} onChange={(name) => set({ name })} placeholder='如：冬季满 300 减 30' error={err('name')} maxlength={64} />
        {isThreshold ? (
          <>
            <Text className='cr-promo__label'>门槛按</Text>
            <Chips
              options={[
                { key: 'amount', label: '金额（元）' },
                { key: 'units', label: '数量（订货单位）' },
              ]}
              value={[f.thresholdBy]}
              onToggle={(k) => set({ thresholdBy: k as PromotionForm['thresholdBy'] })}
              testId='threshold-by'
            />
          </>
        ) : null}
      </Section>

      <Section title='规则' testId='rules'>
        {f.type === 'special' || f.type === 'bundle' ? (
          <>
            {f.items.map((it, i) => (
              <View key={i} className='cr-promo__line'>
                <ProductPicker products={products.value} value={it.productId} onChange={(productId) => set({ items: f.items.map((x, k) => (k === i ? { ...x, productId } : x)) })} testId={`item-${i}-product`} />
                <View className='cr-promo__grow'>
                  {f.type === 'special' ? (
                    <Field name={`item-${i}-price`} label='特价（元）' type='amount' value={it.price} onChange={(price) => set({ items: f.items.map((x, k) => (k === i ? { ...x, price } : x)) })} error={err(`items[${i}].price`) ?? err(`items[${i}].productId`)} />
                  ) : (
                    <Field name={`item-${i}-quantity`} label='数量' type='number' value={it.quantity} onChange={(quantity) => set({ items: f.items.map((x, k) => (k === i ? { ...x, quantity } : x)) })} error={err(`items[${i}].quantity`) ?? err(`items[${i}].productId`)} />
                  )}
                </View>
                {f.items.length > 1 ? <Text className='cr-promo__remove' onClick={() => set({ items: f.items.filter((_, k) => k !== i) })}>删除</Text> : null}
              </View>
            ))}
            {f.items.length < FORM_MAX_ITEMS ? <Text className='cr-promo__add' onClick={() => set({ items: [...f.items, emptyItem()] })} data-testid='add-item'>+ 添加商品</Text> : null}
            <ErrorText text={err('items')} testId='items-error' />
            {f.type === 'bundle' ? <Field name='bundle-price' label='套餐价（元/套）' type='amount' value={f.bundlePrice} onChange={(bundlePrice) => set({ bundlePrice })} error={err('price')} /> : null}
          </>
        ) : null}

        {f.type === 'full_reduction' ? (
          <Chips options={[{ key: 'repeat', label: '每满减（按倍数叠加）' }]} value={f.repeat ? ['repeat'] : []} onToggle={() => set({ repeat: !f.repeat, tiers: f.repeat ? f.tiers : f.tiers.slice(0, 1) })} testId='repeat' />
        ) : null}
        {isThreshold
          ? f.tiers.map((t, i) => (
              <View key={i} className='cr-promo__line' data-testid={`tier-${i}`}>
                <View className='cr-promo__grow'>
                  <Field
                    name={`tier-${i}-threshold`}
                    label={`${f.repeat ? '每满' : `第 ${i + 1} 档 满`}${money ? '（元）' : '（单位）'}`}
                    type={money ? 'amount' : 'number'}
                    value={t.threshold}
                    onChange={(threshold) => setTier(i, { threshold })}
                    error={err(`tiers[${i}].threshold`) ?? err(`tiers[${i}]`)}
                  />
                  {f.type === 'full_reduction' ? <Field name={`tier-${i}-off`} label='减（元）' type='amount' value={t.off} onChange={(off) => setTier(i, { off })} error={err(`tiers[${i}].off`)} /> : null}
                  {f.type === 'full_discount' ? <Field name={`tier-${i}-zhe`} label='打（折）' value={t.zhe} onChange={(zhe) => setTier(i, { zhe })} placeholder='9.5 = 95 折' error={err(`tiers[${i}].rate_bp`)} /> : null}
                  {f.type === 'full_gift' ? (
                    <>
                      {t.gifts.map((g, k) => (
                        <View key={k} className='cr-promo__line'>
                          <ProductPicker products={products.value} value={g.productId} onChange={(productId) => setTier(i, { gifts: t.gifts.map((x, j) => (j === k ? { ...x, productId } : x)) })} testId={`gift-${i}-${k}-product`} />
                          <View className='cr-promo__grow'>
                            <Field name={`gift-${i}-${k}-quantity`} label='赠送数量' type='number' value={g.quantity} onChange={(quantity) => setTier(i, { gifts: t.gifts.map((x, j) => (j === k ? { ...x, quantity } : x)) })} error={err(`tiers[${i}].gifts[${k}].quantity`) ?? err(`tiers[${i}].gifts[${k}].productId`)} />
                          </View>
                          <Text className='cr-promo__remove' onClick={() => setTier(i, { gifts: t.gifts.filter((_, j) => j !== k) })}>删除</Text>
                        </View>
                      ))}
                      {t.gifts.length < FORM_MAX_GIFTS ? <Text className='cr-promo__add' onClick={() => setTier(i, { gifts: [...t.gifts, { productId: '', quantity: '1' }] })} data-testid={`add-gift-${i}`}>+ 添加赠品</Text> : null}
                      <ErrorText text={err(`tiers[${i}].gifts`)} />
                    </>
                  ) : null}
                </View>
                {f.tiers.length > 1 ? <Text className='cr-promo__remove' onClick={() => set({ tiers: f.tiers.filter((_, k) => k !== i) })}>删除</Text> : null}
              </View>
            ))
          : null}
        {isThreshold && !f.repeat && f.tiers.length < FORM_MAX_TIERS ? <Text className='cr-promo__add' onClick={() => set({ tiers: [...f.tiers, emptyTier()] })} data-testid='add-tier'>+ 添加档位</Text> : null}
        {f.type === 'full_reduction' && f.repeat ? <Field name='cap' label='最多减（元）' type='amount' value={f.cap} onChange={(cap) => set({ cap })} placeholder='不填 = 不封顶' error={err('cap')} /> : null}
        <ErrorText text={err('tiers')} testId='tiers-error' />
      </Section>

      <TargetingEditor value={f} onChange={(patch) => set(patch)} customers={customers.value} products={products.value} errors={errors} withScope={isThreshold} />

      <Section title='有效期与限制'>
        <DateField name='from' label='开始日期' value={f.fromDate} onChange={(fromDate) => set({ fromDate })} error={err('from')} />
        <DateField name='to' label='结束日期（含当天）' value={f.toDate} onChange={(toDate) => set({ toDate })} error={err('to')} />
        <Field name='per-buyer-limit' label='每个客户限用（单）' type='number' value={f.perBuyerLimit} onChange={(perBuyerLimit) => set({ perBuyerLimit })} placeholder='不填 = 不限' error={err('perBuyerLimit')} />
        <Field
          name='budget'
          label={f.type === 'full_gift' ? '赠品预算（件）' : '预算（元）'}
          type={f.type === 'full_gift' ? 'number' : 'amount'}
          value={f.budget}
          onChange={(budget) => set({ budget })}
          placeholder='不填 = 不限；用完即停'
          error={err('budget.amount') ?? err('budget.kind') ?? err('budget')}
        />
        <Chips options={[{ key: 'on', label: '保存后启用' }]} value={f.enabled ? ['on'] : []} onToggle={() => set({ enabled: !f.enabled })} testId='enabled' />
      </Section>

      <PreviewSection form={f} products={products.value} prices={prices.value} customers={customers.value} now_ms={now} />

      <ErrorText text={err('form')} testId='form-error' />
      {failure !== null ? <ErrorNote text={failure.text} onRetry={failure.retryable ? () => void save(true) : undefined} testId='save-error' /> : null}
      <View className='cr-promo__bottom'>
        <Button block variant='primary' size='large' loading={saving} onClick={() => void save(false)} testId='save'>
          保存
        </Button>
      </View>
    </View>
  );
}

const KINDS = (Object.keys(BUYER_KIND_LABELS) as ChannelOrgKind[]).map((k) => ({ key: k, label: BUYER_KIND_LABELS[k] }));

function PreviewSection(p: { form: PromotionForm; products: readonly ProductRef[]; prices: readonly ListPriceRef[]; customers: readonly CustomerRef[]; now_ms: number }) {
  const [cart, setCart] = useState<SampleCart>(EMPTY_SAMPLE);
  const checked = useMemo(() => promotionRequest(p.form), [p.form]);
  const preview = useMemo(
    () => (checked.ok ? previewPromotion(checked.req as PromotionDefinition, cart, p.products, p.prices, p.now_ms) : null),
    [checked, cart, p.products, p.prices, p.now_ms],
  );
  const setBuyer = (patch: Partial<SampleCart['buyer']>) => setCart({ ...cart, buyer: { ...cart.buyer, ...patch } });
  const setLine = (i: number, patch: Partial<SampleCart['lines'][number]>) => setCart({ ...cart, lines: cart.lines.map((l, k) => (k === i ? { ...l, ...patch } : l)) });
  const levels = [...new Set(p.customers.map((c) => c.level).filter((l): l is string => l !== null && l !== ''))].sort();
  const groups = [...new Set(p.customers.flatMap((c) => c.groupIds))].sort();
  return (
    <Section title='预览' extra={<Text className='cr-promo__muted'>样例客户和购物车，仅本促销</Text>} testId='preview'>
      <Text className='cr-promo__label'>样例客户</Text>
      <Chips
        options={KINDS}
        value={[cart.buyer.kind]}
        onToggle={(kind) =>
          setCart({ buyer: { ...cart.buyer, kind }, lines: cart.lines.map((l) => ({ ...l, unitPrice: sampleLine(p.prices, l.productId, kind).unitPrice || l.unitPrice })) })
        }
        testId='sample-kind'
      />
      {levels.length > 0 ? <Chips options={levels.map((l) => ({ key: l, label: `${l} 级` }))} value={[cart.buyer.level]} onToggle={(l) => setBuyer({ level: cart.buyer.level === l ? '' : l })} testId='sample-level' /> : null}
      {groups.length > 0 ? <Chips options={groups.map((g) => ({ key: g, label: g }))} value={cart.buyer.groupIds} onToggle={(g) => setBuyer({ groupIds: toggle(cart.buyer.groupIds, g) })} testId='sample-groups' /> : null}
      <Field name='sample-region' label='客户地区码' value={cart.buyer.regionCode} onChange={(regionCode) => setBuyer({ regionCode: regionCode.trim() })} placeholder='如 440106' />
      <Text className='cr-promo__label'>样例购物车</Text>
      {cart.lines.map((l, i) => (
        <View key={i} className='cr-promo__line'>
          <ProductPicker products={p.products} value={l.productId} onChange={(productId) => setLine(i, { productId, unitPrice: sampleLine(p.prices, productId, cart.buyer.kind).unitPrice || l.unitPrice })} testId={`sample-${i}-product`} />
          <View className='cr-promo__grow'>
            <Field name={`sample-${i}-quantity`} label='数量' type='number' value={l.quantity} onChange={(quantity) => setLine(i, { quantity })} />
            <Field name={`sample-${i}-price`} label='单价（元）' type='amount' value={l.unitPrice} onChange={(unitPrice) => setLine(i, { unitPrice })} />
          </View>
          <Text className='cr-promo__remove' onClick={() => setCart({ ...cart, lines: cart.lines.filter((_, k) => k !== i) })}>删除</Text>
        </View>
      ))}
      {cart.lines.length < MAX_SAMPLE_LINES ? (
        <Text className='cr-promo__add' onClick={() => setCart({ ...cart, lines: [...cart.lines, sampleLine(p.prices, p.products[0]?.id ?? '', cart.buyer.kind)] })} data-testid='sample-add'>
          + 添加样例商品
        </Text>
      ) : null}
      {!checked.ok ? <Text className='cr-promo__muted'>先修正上面标红的内容，再看预览</Text> : null}
      {preview !== null && preview.status === 'empty' ? <Text className='cr-promo__muted'>添加商品后，这里显示这个购物车能享受的优惠</Text> : null}
      {preview !== null && (preview.status === 'bad_cart' || preview.status === 'not_for_buyer') ? <Text className='cr-promo__hint' data-testid='preview-note'>{preview.message}</Text> : null}
      {preview !== null && preview.status === 'ready' ? (
        <View data-testid='preview-result'>
          <Text className='cr-promo__meta'>{preview.badge}</Text>
          {preview.lines.map((l, i) => (
            <View key={i} className='cr-promo__line' data-testid={`preview-line-${i}`}>
              <Text className='cr-promo__grow'>{l.productName} × {l.quantity}</Text>
              {l.discount > 0 ? <Amount fen={-l.discount} signed /> : null}
              <Amount fen={l.net} />
            </View>
          ))}
          {preview.gifts.map((g, i) => (
            <View key={`g${i}`} className='cr-promo__line' data-testid='preview-gift'>
              <Text className='cr-promo__grow'>赠 {g.productName} × {g.quantity}</Text>
              <Text className='cr-promo__muted'>价值 </Text>
              <Amount fen={g.worth} />
            </View>
          ))}
          <View className='cr-promo__total' data-testid='preview-total'>
            <Text>合计（优惠 {formatFen(preview.discount)}）</Text>
            <Amount fen={preview.total} />
          </View>
          {preview.hints.map((h, i) => (
            <Text key={i} className='cr-promo__hint' data-testid='preview-hint'>{h}</Text>
          ))}
          {preview.nothing ? <Text className='cr-promo__muted'>这个购物车享受不到这个促销</Text> : null}
        </View>
      ) : null}
    </Section>
  );
}
