/**
 * Creating a product, its optional category and its reward policy (`channel.createProduct`). Amounts are typed in yuan
 * and sent in fen (parseYuan: string arithmetic, never floats); the consumer reward is a fixed
 * amount or a random one between a minimum and a maximum.
 *
 * Every problem is found before sending (the server's own schema, words in Chinese). A product is
 * not created twice by a retry: the SKU is unique on the server, so a retry whose first attempt
 * got through answers CONFLICT on `sku`, which is recognised as our own product.
 */
import { createStore } from 'zustand/vanilla';
import type { CreateProductReq, ProductView } from '@channel-router/shared/api';
import type { Client, ClientError } from '@channel-router/shared/client';
import type { ConsumerReward, RewardPolicy } from '@channel-router/shared/model';
import { formatFen } from '@channel-router/shared/money';
import { parseRequest } from '@channel-router/shared/validation/requests';
import * as fields from '@channel-router/shared/validation/fields';
import { checkField, describeProblem, isRetryable, problemFromReply, type Problem, type ProblemLabels } from '@channel-router/ui/kit';
import { parseCount, parseMoney } from './form-input';

export type RewardMode = 'fixed' | 'random';

export interface ProductForm {
  sku: string;
  name: string;
  gtin: string;
  /** 调味品, 酱油: what buyers browse the catalogue by; may be left empty. */
  category: string;
  itemsPerBox: string;
  boxesPerCase: string;
  rewardMode: RewardMode;
  /** Yuan, as typed. Empty money fields mean ¥0.00 (no reward), except the random range. */
  consumerReward: string;
  rewardMin: string;
  rewardMax: string;
  storeReward: string;
  dealerRebate: string;
  diversionPenalty: string;
}

export type ProductField = keyof ProductForm;

export const EMPTY_PRODUCT_FORM: ProductForm = {
  sku: '',
  name: '',
  gtin: '',
  category: '',
  itemsPerBox: '',
  boxesPerCase: '',
  rewardMode: 'fixed',
  consumerReward: '',
  rewardMin: '',
  rewardMax: '',
  storeReward: '',
  dealerRebate: '',
  diversionPenalty: '',
};

export const PRODUCT_FIELDS: ProblemLabels = {
  sku: { label: '商品编码', format: '字母、数字和 - _ . /，以字母或数字开头' },
  name: { label: '商品名称' },
  gtin: { label: '商品条码', format: '8、12、13 或 14 位数字' },
  category: { label: '商品分类' },
  'packaging.itemsPerBox': { label: '每盒件数', formField: 'itemsPerBox' },
  'packaging.boxesPerCase': { label: '每箱盒数', formField: 'boxesPerCase' },
  'policy.consumerReward': { label: '消费者奖励', formField: 'consumerReward', money: true },
  'policy.consumerReward.min': { label: '最低奖励', formField: 'rewardMin', money: true },
  'policy.consumerReward.max': { label: '最高奖励', formField: 'rewardMax', money: true },
  'policy.storeReward': { label: '门店奖励', formField: 'storeReward', money: true },
  'policy.dealerRebate': { label: '经销商返利', formField: 'dealerRebate', money: true },
  'policy.diversionPenalty': { label: '窜货罚款', formField: 'diversionPenalty', money: true },
};

const MONEY_LABELS = {
  consumerReward: '消费者奖励',
  rewardMin: '最低奖励',
  rewardMax: '最高奖励',
  storeReward: '门店奖励',
  dealerRebate: '经销商返利',
  diversionPenalty: '窜货罚款',
} as const;

type MoneyField = keyof typeof MONEY_LABELS;

export type FieldErrors = Partial<Record<ProductField | 'form', string>>;

/**
 * The form as a request, or every problem found: first each typed amount and count (all at once,
 * so a person fixes them in one go), then the server's schema for the rest (GTIN check digit,
 * bounds, min ≤ max).
 */
export function productRequest(f: ProductForm): { ok: true; req: CreateProductReq } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (f.sku.trim() === '') errors.sku = '请填写商品编码';
  if (f.name.trim() === '') errors.name = '请填写商品名称';
  const money = (field: MoneyField, required: boolean): number | null => {
    const text = f[field].trim();
    if (text === '') {
      if (required) errors[field] = `请填写${MONEY_LABELS[field]}`;
      return required ? null : 0;
    }
    const r = parseMoney(text, MONEY_LABELS[field]);
    if (!r.ok) {
      errors[field] = r.problem;
      return null;
    }
    return r.fen;
  };
  const count = (field: 'itemsPerBox' | 'boxesPerCase', name: string): number | null => {
    if (f[field].trim() === '') {
      errors[field] = `请填写${name}`;
      return null;
    }
    const n = parseCount(f[field]);
    if (n === null) errors[field] = `${name}请填写整数`;
    return n;
  };

  let consumerReward: ConsumerReward | null;
  if (f.rewardMode === 'fixed') {
    consumerReward = money('consumerReward', false);
  } else {
    const min = money('rewardMin', true);
    const max = money('rewardMax', true);
    consumerReward = min === null || max === null ? null : { min, max };
  }
  const storeReward = money('storeReward', false);
  const dealerRebate = money('dealerRebate', false);
  const diversionPenalty = money('diversionPenalty', false);
  const itemsPerBox = count('itemsPerBox', '每盒件数');
  const boxesPerCase = count('boxesPerCase', '每箱盒数');

  // Each filled-in field against its own rule, so all of them are named in one go.
  const mark = (p: Problem | null) => {
    if (p !== null && errors[p.field as ProductField] === undefined) errors[p.field as ProductField] = p.message;
  };
  if (f.sku.trim() !== '') mark(checkField(fields.sku(), f.sku, 'sku', PRODUCT_FIELDS));
  if (f.gtin.trim() !== '') mark(checkField(fields.gtin(), f.gtin, 'gtin', PRODUCT_FIELDS));
  if (f.category.trim() !== '') mark(checkField(fields.category(), f.category, 'category', PRODUCT_FIELDS));
  if (itemsPerBox !== null && boxesPerCase !== null) mark(checkField(fields.packaging(), { itemsPerBox, boxesPerCase }, 'packaging', PRODUCT_FIELDS));
  if (consumerReward !== null) mark(checkField(fields.consumerReward(), consumerReward, 'policy.consumerReward', PRODUCT_FIELDS));

  const raw: Record<string, unknown> = {
    sku: f.sku,
    name: f.name,
    packaging: { itemsPerBox: itemsPerBox ?? 1, boxesPerCase: boxesPerCase ?? 1 },
    policy: { consumerReward: consumerReward ?? 0, storeReward: storeReward ?? 0, dealerRebate: dealerRebate ?? 0, diversionPenalty: diversionPenalty ?? 0 },
  };
  if (f.gtin.trim() !== '') raw['gtin'] = f.gtin;
  if (f.category.trim() !== '') raw['category'] = f.category;
  const parsed = parseRequest('channel', 'createProduct', raw);
  if (!parsed.ok) {
    const p = describeProblem(parsed.error, PRODUCT_FIELDS);
    // A field already marked keeps its first (more specific) words.
    if (errors[p.field as ProductField] === undefined) errors[p.field as ProductField] = p.message;
  }
  if (Object.keys(errors).length > 0 || !parsed.ok) return { ok: false, errors };
  return { ok: true, req: parsed.data };
}

/** 「¥0.88」 or 「随机 ¥0.30 – ¥3.00」. */
export function consumerRewardText(r: ConsumerReward): string {
  if (typeof r === 'number') return r === 0 ? '无' : formatFen(r);
  return `随机 ${formatFen(r.min)} – ${formatFen(r.max)}`;
}

/** The policy as rows for a product card. */
export function policyRows(p: RewardPolicy): Array<{ key: string; label: string; value: string }> {
  return [
    { key: 'consumerReward', label: '消费者奖励', value: consumerRewardText(p.consumerReward) },
    { key: 'storeReward', label: '门店奖励', value: formatFen(p.storeReward) },
    { key: 'dealerRebate', label: '经销商返利', value: formatFen(p.dealerRebate) },
    { key: 'diversionPenalty', label: '窜货罚款', value: formatFen(p.diversionPenalty) },
  ];
}

/** 「每盒 6 件 · 每箱 4 盒（24 件）」 */
export function packagingText(p: ProductView['packaging']): string {
  return `每盒 ${p.itemsPerBox} 件 · 每箱 ${p.boxesPerCase} 盒（${p.itemsPerBox * p.boxesPerCase} 件）`;
}

export interface ProductsState {
  form: ProductForm;
  errors: FieldErrors;
  status: 'idle' | 'submitting' | 'failed' | 'done';
  error: ClientError | null;
  created: { productId: string; name: string } | null;
  /** A send whose reply was lost: the product may exist already. */
  maybeSent: boolean;
  setField<K extends ProductField>(field: K, value: ProductForm[K]): void;
  submit(): Promise<void>;
  reset(): void;
}

export interface ProductsDeps {
  client: Client;
  /** Refreshes the shared product list; returns it (null when it could not be loaded). */
  reloadProducts: () => Promise<ProductView[] | null>;
}

export function createProductsStore(deps: ProductsDeps) {
  return createStore<ProductsState>()((set, get) => ({
    form: EMPTY_PRODUCT_FORM,
    errors: {},
    status: 'idle',
    error: null,
    created: null,
    maybeSent: false,

    setField(field, value) {
      const s = get();
      if (s.status === 'submitting') return;
      const { [field]: _fixed, form: _form, ...rest } = s.errors;
      // `maybeSent` survives an edit: the product found by SKU is compared with the form as it is now.
      set({ form: { ...s.form, [field]: value }, errors: rest, status: 'idle', error: null });
    },

    async submit() {
      const s = get();
      if (s.status === 'submitting') return;
      const built = productRequest(s.form);
      if (!built.ok) {
        set({ errors: built.errors, status: 'idle', error: null });
        return;
      }
      const req = built.req;
      set({ errors: {}, status: 'submitting', error: null });
      const r = await deps.client.channel.createProduct(req);
      if (r.ok) {
        await deps.reloadProducts();
        set({ status: 'done', created: { productId: r.data.productId, name: req.name }, form: EMPTY_PRODUCT_FORM, maybeSent: false });
        return;
      }
      if (r.error.code === 'CONFLICT' && r.error.field === 'sku' && get().maybeSent) {
        // Our earlier attempt may have created it: the same SKU with the same name and packaging is ours.
        const list = await deps.reloadProducts();
        const mine = list?.find((p) => p.sku === req.sku && p.name === req.name && p.packaging.itemsPerBox === req.packaging.itemsPerBox && p.packaging.boxesPerCase === req.packaging.boxesPerCase);
        if (mine !== undefined) {
          set({ status: 'done', created: { productId: mine.id, name: mine.name }, form: EMPTY_PRODUCT_FORM, maybeSent: false });
          return;
        }
      }
      const problem = problemFromReply(r.error, PRODUCT_FIELDS);
      if (problem !== null) {
        set({ status: 'idle', errors: { [problem.field]: problem.message }, error: null });
        return;
      }
      set({ status: 'failed', error: r.error, maybeSent: get().maybeSent || isRetryable(r.error) });
    },

    reset() {
      if (get().status === 'submitting') return;
      set({ form: EMPTY_PRODUCT_FORM, errors: {}, status: 'idle', error: null, created: null, maybeSent: false });
    },
  }));
}

// ---------------------------------------------------------------------------------------------
// A product's category, set or cleared later (`channel.setProductCategory`): what buyers browse
// the 订货 catalogue by.

export interface CategoryEditState {
  /** The product being edited, or null. */
  productId: string | null;
  text: string;
  error: string | null;
  status: 'idle' | 'saving' | 'failed';
  failure: ClientError | null;
  start(product: Pick<ProductView, 'id' | 'category'>): void;
  setText(text: string): void;
  save(): Promise<void>;
  cancel(): void;
}

/** The typed category as the request's field: trimmed text, or absent (cleared); else the words. */
export function categoryValue(text: string): { ok: true; category?: string } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true };
  const p = checkField(fields.category(), text, 'category', PRODUCT_FIELDS);
  return p === null ? { ok: true, category: text.trim() } : { ok: false, error: p.message };
}

export function createCategoryEditor(deps: ProductsDeps) {
  return createStore<CategoryEditState>()((set, get) => ({
    productId: null,
    text: '',
    error: null,
    status: 'idle',
    failure: null,

    start(product) {
      if (get().status === 'saving') return;
      set({ productId: product.id, text: product.category ?? '', error: null, status: 'idle', failure: null });
    },

    setText(text) {
      if (get().status === 'saving') return;
      set({ text, error: null, status: 'idle', failure: null });
    },

    async save() {
      const { productId, text, status } = get();
      if (productId === null || status === 'saving') return;
      const v = categoryValue(text);
      if (!v.ok) {
        set({ error: v.error });
        return;
      }
      set({ status: 'saving', error: null, failure: null });
      // Setting a category twice is harmless: a retry of a lost reply sends the same request.
      const r = await deps.client.channel.setProductCategory(v.category === undefined ? { productId } : { productId, category: v.category });
      if (!r.ok) {
        const problem = problemFromReply(r.error, PRODUCT_FIELDS);
        set(problem !== null ? { status: 'idle', error: problem.message } : { status: 'failed', failure: r.error });
        return;
      }
      await deps.reloadProducts();
      set({ productId: null, text: '', status: 'idle' });
    },

    cancel() {
      if (get().status === 'saving') return;
      set({ productId: null, text: '', error: null, status: 'idle', failure: null });
    },
  }));
}
