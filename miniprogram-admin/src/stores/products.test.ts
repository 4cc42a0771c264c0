import { describe, expect, it } from 'vitest';
import { createClient } from '@channel-router/shared/client';
import { categoryValue, consumerRewardText, createCategoryEditor, createProductsStore, EMPTY_PRODUCT_FORM, packagingText, policyRows, productRequest, type ProductForm } from './products';
import { errReply, LOST, okReply, scriptedTransport, type Script } from '@channel-router/ui/testing';

const FORM: ProductForm = {
  ...EMPTY_PRODUCT_FORM,
  sku: 'HWD-SOY-500',
  name: '特级生抽 500ml',
  gtin: '6901234567892',
  itemsPerBox: '6',
  boxesPerCase: '4',
  consumerReward: '0.88',
  storeReward: '0.5',
  dealerRebate: '.3',
  diversionPenalty: '5',
};

function setup(script: Script) {
  const t = scriptedTransport(script);
  const client = createClient(t.transport, { sleep: async () => {}, retryDelays_ms: [] });
  const reloads: number[] = [];
  let products: Array<{ id: string; sku: string; name: string; gtin: null; packaging: { itemsPerBox: number; boxesPerCase: number } }> = [];
  const store = createProductsStore({
    client,
    reloadProducts: async () => {
      reloads.push(1);
      return products;
    },
  });
  const fill = (f: ProductForm) => {
    for (const [k, v] of Object.entries(f)) store.getState().setField(k as keyof ProductForm, v as never);
  };
  return { store, fill, reloads, setProducts: (p: typeof products) => (products = p), ...t };
}

describe('products and their policies', () => {
  it('turns yuan typed in the form into integer fen (never floats)', () => {
    const r = productRequest(FORM);
    expect(r).toEqual({
      ok: true,
      req: {
        sku: 'HWD-SOY-500',
        name: '特级生抽 500ml',
        gtin: '6901234567892',
        packaging: { itemsPerBox: 6, boxesPerCase: 4 },
        policy: { consumerReward: 88, storeReward: 50, dealerRebate: 30, diversionPenalty: 500 },
      },
    });
    // 0.29 * 100 is 28.999999999999996 in floating point: string arithmetic gets 29.
    const p = productRequest({ ...FORM, consumerReward: '0.29' });
    expect(p.ok && p.req.policy.consumerReward).toBe(29);
  });

  it('sends a random reward as { min, max } and checks min ≤ max with the server schema', () => {
    const r = productRequest({ ...FORM, rewardMode: 'random', rewardMin: '0.3', rewardMax: '3' });
    expect(r.ok && r.req.policy.consumerReward).toEqual({ min: 30, max: 300 });
    expect(productRequest({ ...FORM, rewardMode: 'random', rewardMin: '3', rewardMax: '1' })).toEqual({ ok: false, errors: { rewardMax: '最高奖励不能低于最低金额' } });
    expect(productRequest({ ...FORM, rewardMode: 'random', rewardMin: '', rewardMax: '1' })).toEqual({ ok: false, errors: { rewardMin: '请填写最低奖励' } });
  });

  it('reports every malformed amount and count at once, by field, in Chinese', () => {
    const r = productRequest({ ...FORM, storeReward: '1.234', dealerRebate: 'abc', itemsPerBox: '1.5', boxesPerCase: '' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toMatchObject({
      storeReward: '门店奖励请填写正确的金额（元），例如 0.88',
      dealerRebate: '经销商返利请填写正确的金额（元），例如 0.88',
      itemsPerBox: '每盒件数请填写整数',
      boxesPerCase: '请填写每箱盒数',
    });
  });

  it('names every empty required field at once', () => {
    const r = productRequest(EMPTY_PRODUCT_FORM);
    expect(r.ok === false && r.errors).toEqual({ sku: '请填写商品编码', name: '请填写商品名称', itemsPerBox: '请填写每盒件数', boxesPerCase: '请填写每箱盒数' });
  });

  it('names every faulty field at once, not only the first the request schema meets', () => {
    const r = productRequest({ ...FORM, sku: '生抽', gtin: '6901234567891', itemsPerBox: '5000', rewardMode: 'random', rewardMin: '3', rewardMax: '1' });
    expect(r.ok === false && r.errors).toEqual({
      sku: '商品编码格式不对：字母、数字和 - _ . /，以字母或数字开头',
      gtin: '商品条码的校验位不对，请核对',
      itemsPerBox: '每盒件数不能大于 1000',
      rewardMax: '最高奖励不能低于最低金额',
    });
  });

  it('catches a wrong GTIN check digit and a bad SKU before sending', () => {
    expect(productRequest({ ...FORM, gtin: '6901234567891' })).toEqual({ ok: false, errors: { gtin: '商品条码的校验位不对，请核对' } });
    const bad = productRequest({ ...FORM, sku: '生抽' });
    expect(bad.ok === false && bad.errors.sku).toContain('商品编码格式不对');
  });

  it('leaves empty reward fields at ¥0.00 and the optional GTIN out', () => {
    const r = productRequest({ ...FORM, gtin: '', consumerReward: '', storeReward: '', dealerRebate: '', diversionPenalty: '' });
    expect(r.ok && r.req).toEqual({ sku: 'HWD-SOY-500', name: '特级生抽 500ml', packaging: { itemsPerBox: 6, boxesPerCase: 4 }, policy: { consumerReward: 0, storeReward: 0, dealerRebate: 0, diversionPenalty: 0 } });
  });

  it('sends the category trimmed, leaves an empty one out, and names an overlong one on its field', () => {
    const r = productRequest({ ...FORM, category: ' 调味品/酱油 ' });
    expect(r.ok && r.req.category).toBe('调味品/酱油');
    const none = productRequest({ ...FORM, category: '   ' });
    expect(none.ok && 'category' in none.req).toBe(false);
    expect(productRequest({ ...FORM, category: '调'.repeat(21) })).toEqual({ ok: false, errors: { category: '商品分类最多 20 个字' } });
  });

  it('creates the product, refreshes the list and clears the form', async () => {
    const { store, fill, of, reloads } = setup({ 'channel.createProduct': [okReply({ productId: 'prd_1' })] });
    fill(FORM);
    await store.getState().submit();
    expect(of('channel.createProduct')[0]).toMatchObject({ sku: 'HWD-SOY-500', policy: { consumerReward: 88 } });
    expect(store.getState()).toMatchObject({ status: 'done', created: { productId: 'prd_1', name: '特级生抽 500ml' }, form: EMPTY_PRODUCT_FORM });
    expect(reloads).toHaveLength(1);
  });

  it('does not create a product twice: after a lost reply, the SKU conflict of the retry is our own product', async () => {
    const { store, fill, setProducts, of } = setup({ 'channel.createProduct': [LOST, errReply('CONFLICT', 'exists', 'sku')] });
    fill(FORM);
    await store.getState().submit();
    expect(store.getState()).toMatchObject({ status: 'failed', maybeSent: true, form: { sku: 'HWD-SOY-500' } });
    setProducts([{ id: 'prd_9', sku: 'HWD-SOY-500', name: '特级生抽 500ml', gtin: null, packaging: { itemsPerBox: 6, boxesPerCase: 4 } }]);
    await store.getState().submit();
    expect(of('channel.createProduct')).toHaveLength(2);
    expect(store.getState()).toMatchObject({ status: 'done', created: { productId: 'prd_9' } });
  });

  it('marks the SKU field when another product already uses it', async () => {
    const { store, fill } = setup({ 'channel.createProduct': [errReply('CONFLICT', 'exists', 'sku')] });
    fill(FORM);
    await store.getState().submit();
    expect(store.getState()).toMatchObject({ status: 'idle', errors: { sku: '商品编码已被使用，请换一个' } });
  });

  it('describes a policy and packaging for the list', () => {
    expect(consumerRewardText({ min: 30, max: 300 })).toBe('随机 ¥0.30 – ¥3.00');
    expect(consumerRewardText(0)).toBe('无');
    expect(policyRows({ consumerReward: 88, storeReward: 50, dealerRebate: 30, diversionPenalty: 500 }).map((r) => r.value)).toEqual(['¥0.88', '¥0.50', '¥0.30', '¥5.00']);
    expect(packagingText({ itemsPerBox: 6, boxesPerCase: 4 })).toBe('每盒 6 件 · 每箱 4 盒（24 件）');
  });

  it('sets a product category trimmed, clears it when emptied, and names a bad one on the field without sending', async () => {
    expect(categoryValue(' 调味品 ')).toEqual({ ok: true, category: '调味品' });
    expect(categoryValue('  ')).toEqual({ ok: true });
    expect(categoryValue('调'.repeat(21))).toEqual({ ok: false, error: '商品分类最多 20 个字' });

    const t = scriptedTransport({ 'channel.setProductCategory': [okReply({ productId: 'prd_1', category: '酱油' }), okReply({ productId: 'prd_1' }), errReply('NOT_FOUND', 'no such product', 'productId')] });
    const client = createClient(t.transport, { sleep: async () => {}, retryDelays_ms: [] });
    let reloads = 0;
    const editor = createCategoryEditor({ client, reloadProducts: async () => { reloads++; return []; } });
    editor.getState().start({ id: 'prd_1' });
    editor.getState().setText('调'.repeat(21));
    await editor.getState().save();
    expect(editor.getState()).toMatchObject({ productId: 'prd_1', error: '商品分类最多 20 个字' });
    expect(t.of('channel.setProductCategory')).toEqual([]);

    editor.getState().setText(' 酱油 ');
    await editor.getState().save();
    expect(editor.getState()).toMatchObject({ productId: null, status: 'idle' });
    editor.getState().start({ id: 'prd_1', category: '酱油' });
    expect(editor.getState().text).toBe('酱油');
    editor.getState().setText('');
    await editor.getState().save();
    expect(t.of('channel.setProductCategory')).toEqual([expect.objectContaining({ productId: 'prd_1', category: '酱油' }), expect.not.objectContaining({ category: expect.anything() })]);
    expect(reloads).toBe(2);

    editor.getState().start({ id: 'prd_gone' });
    editor.getState().setText('酱油');
    await editor.getState().save();
    expect(editor.getState().productId).toBe('prd_gone');
    expect(editor.getState().status === 'failed' || editor.getState().error !== null).toBe(true);
  });
});
