/**
 * Code batches (print runs): the list (`codes.listBatches`), creating one for a product with a
 * number of cases (`codes.createBatch`), and exporting its codes (`codes.exportBatch`): the tree
 * of cases, boxes and items for a small batch; larger batches are a print file made on the
 * server side (the JSON tree of 100 cases is already tens of thousands of codes).
 *
 * A lost reply is guarded by re-reading (written before createBatch took a request key; moving
 * this form to the key is a change of its own): as for orgs, the batches that existed before the
 * first attempt are remembered, and after a lost reply a new batch of the same product and size
 * is taken as that attempt's result instead of printing a second run.
 */
import { createStore } from 'zustand/vanilla';
import type { BatchView, CreateBatchRes, ExportedCase, ProductView } from '@channel-router/shared/src/api/actions.js';
import type { Client, ClientError } from '@channel-router/shared/src/client/index.js';
import { parseRequest } from '@channel-router/shared/src/validation/requests.js';
import { describeProblem, isRetryable, parseCount, problemFromReply, type FieldSpecs } from './form-errors';
import { latest, type Load } from './load';

/** Largest batch exported as a tree; mirrors MAX_TREE_CASES (shared/src/codes/print-rows.ts, checked by a test). */
export const EXPORT_TREE_MAX_CASES = 100;
/** Above this many items a creation asks for confirmation (a big print run is costly to waste). */
export const CONFIRM_ITEMS_ABOVE = 100_000;

export const BATCH_FIELDS: FieldSpecs = {
  productId: { label: '商品' },
  cases: { label: '箱数' },
};

export type BatchErrors = Partial<Record<'productId' | 'cases' | 'form', string>>;

export interface BatchCounts {
  case: number;
  box: number;
  item: number;
}

/** What a batch of `cases` cases of this product holds. */
export function countsFor(product: Pick<ProductView, 'packaging'>, cases: number): BatchCounts {
  const box = cases * product.packaging.boxesPerCase;
  return { case: cases, box, item: box * product.packaging.itemsPerBox };
}

/** 「10 箱 · 40 盒 · 240 件」 */
export function countsText(c: BatchCounts): string {
  return `${c.case} 箱 · ${c.box} 盒 · ${c.item} 件`;
}

export function batchRequest(productId: string, casesText: string): { ok: true; req: { productId: string; cases: number } } | { ok: false; errors: BatchErrors } {
  const errors: BatchErrors = {};
  if (productId === '') errors.productId = '请选择商品';
  let cases: number | null = null;
  if (casesText.trim() === '') errors.cases = '请填写箱数';
  else if ((cases = parseCount(casesText)) === null) errors.cases = '箱数请填写整数';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = parseRequest('codes', 'createBatch', { productId, cases });
  if (!parsed.ok) {
    const p = describeProblem(parsed.error.field, parsed.error.message, BATCH_FIELDS);
    return { ok: false, errors: { [p.field]: p.message } };
  }
  return { ok: true, req: parsed.data };
}

/** How a batch is exported in this app. */
export function exportMode(b: Pick<BatchView, 'cases'>): 'tree' | 'print-file' {
  return b.cases <= EXPORT_TREE_MAX_CASES ? 'tree' : 'print-file';
}

/** The command that writes a batch's print file (local cloud; see README). */
export function printCommand(batchId: string): string {
  return `npm run print -- --batch ${batchId} --out batch-${batchId}.csv`;
}

export interface ExportState {
  batchId: string | null;
  tree: Load<ExportedCase[]> | null;
  /** A print file the server prepared instead of the tree (contract: `file`). */
  file: { url: string; rows: number } | null;
  /** Which case and box are open (only the open ones are drawn: a tree can hold 48,000 codes). */
  openCase: number | null;
  openBox: number | null;
}

export interface BatchesState {
  list: Load<BatchView[]>;
  productId: string;
  casesText: string;
  errors: BatchErrors;
  status: 'idle' | 'submitting' | 'failed' | 'done';
  error: ClientError | null;
  created: (CreateBatchRes & { productId: string }) | null;
  /** Batch ids known before the first attempt, while its reply may have been lost. */
  before: string[] | null;
  export: ExportState;

  load(): Promise<void>;
  setProduct(productId: string): void;
  setCases(text: string): void;
  submit(products: readonly ProductView[]): Promise<void>;
  resetForm(): void;
  openExport(batch: Pick<BatchView, 'id' | 'cases'>): Promise<void>;
  toggleCase(index: number): void;
  toggleBox(index: number): void;
}

export interface BatchesDeps {
  client: Client;
  /** Asks before a large print run; resolves true to go ahead. */
  confirmLarge: (counts: BatchCounts, productName: string) => Promise<boolean>;
}

const EMPTY_EXPORT: ExportState = { batchId: null, tree: null, file: null, openCase: null, openBox: null };

export function createBatchesStore(deps: BatchesDeps) {
  return createStore<BatchesState>()((set, get) => {
    const listGen = latest();
    const exportGen = latest();

    const loadList = async (): Promise<BatchView[] | null> => {
      const mine = listGen.next();
      const r = await deps.client.codes.listBatches({});
      if (!listGen.isLatest(mine)) return null;
      if (!r.ok) {
        if (get().list.status !== 'ready') set({ list: { status: 'error', error: r.error } });
        return null;
      }
      set({ list: { status: 'ready', value: r.data.batches } });
      return r.data.batches;
    };

    const edit = (patch: Partial<BatchesState>) => {
      if (get().status === 'submitting') return;
      set({ ...patch, status: 'idle', error: null });
    };

    return {
      list: { status: 'loading' },
      productId: '',
      casesText: '',
      errors: {},
      status: 'idle',
      error: null,
      created: null,
      before: null,
      export: EMPTY_EXPORT,

      async load() {
        if (get().list.status === 'error') set({ list: { status: 'loading' } });
        await loadList();
      },

      setProduct(productId) {
        const { productId: _fixed, ...rest } = get().errors;
        edit({ productId, errors: rest });
      },

      setCases(text) {
        const { cases: _fixed, ...rest } = get().errors;
        edit({ casesText: text.replace(/[^\d]/g, '').slice(0, 9), errors: rest });
      },

      async submit(products) {
        const s = get();
        if (s.status === 'submitting') return;
        const built = batchRequest(s.productId, s.casesText);
        if (!built.ok) {
          set({ errors: built.errors, status: 'idle', error: null });
          return;
        }
        const req = built.req;
        const product = products.find((p) => p.id === req.productId);
        if (product === undefined) {
          set({ errors: { productId: '请重新选择商品' } });
          return;
        }
        const counts = countsFor(product, req.cases);
        if (counts.item > CONFIRM_ITEMS_ABOVE && s.before === null && !(await deps.confirmLarge(counts, product.name))) return;
        set({ errors: {}, status: 'submitting', error: null });
        if (s.before !== null) {
          const now = await loadList();
          if (now === null) {
            set({ status: 'failed', error: { code: 'NETWORK', message: 'could not check the earlier attempt', userMessage: '网络不稳定，请重试' } });
            return;
          }
          const known = new Set(s.before);
          const mine = now.find((b) => !known.has(b.id) && b.productId === req.productId && b.cases === req.cases);
          if (mine !== undefined) {
            set({ status: 'done', created: { batchId: mine.id, counts: mine.counts, productId: mine.productId }, before: null, casesText: '' });
            return;
          }
        }
        const list = get().list;
        const before = s.before ?? (list.status === 'ready' ? list.value.map((b) => b.id) : null);
        const r = await deps.client.codes.createBatch(req);
        if (r.ok) {
          set({ status: 'done', created: { ...r.data, productId: req.productId }, before: null, casesText: '' });
          await loadList();
          return;
        }
        const problem = problemFromReply(r.error, BATCH_FIELDS);
        if (problem !== null) {
          set({ status: 'idle', errors: { [problem.field]: problem.message } });
          return;
        }
        // Without a list from before, a lost reply cannot be checked later: say so plainly.
        if (isRetryable(r.error) && before === null) {
          set({ status: 'failed', error: { ...r.error, userMessage: '网络不稳定，批次可能已经生成。请先刷新批次列表核对，再决定是否重新生成。' } });
          return;
        }
        set({ status: 'failed', error: r.error, before: isRetryable(r.error) ? before : s.before });
      },

      resetForm() {
        if (get().status === 'submitting') return;
        set({ casesText: '', errors: {}, status: 'idle', error: null, created: null, before: null });
      },

      async openExport(batch) {
        const e = get().export;
        if (e.batchId === batch.id && e.tree !== null && e.tree.status !== 'error') return;
        if (exportMode(batch) === 'print-file') {
          set({ export: { ...EMPTY_EXPORT, batchId: batch.id } });
          return;
        }
        const mine = exportGen.next();
        set({ export: { ...EMPTY_EXPORT, batchId: batch.id, tree: { status: 'loading' } } });
        const r = await deps.client.codes.exportBatch({ batchId: batch.id });
        if (!exportGen.isLatest(mine)) return;
        if (!r.ok) {
          set({ export: { ...get().export, tree: { status: 'error', error: r.error } } });
          return;
        }
        set({ export: { ...get().export, tree: { status: 'ready', value: r.data.cases ?? [] }, file: r.data.file ?? null } });
      },

      toggleCase(index) {
        const e = get().export;
        set({ export: { ...e, openCase: e.openCase === index ? null : index, openBox: null } });
      },

      toggleBox(index) {
        const e = get().export;
        set({ export: { ...e, openBox: e.openBox === index ? null : index } });
      },
    };
  });
}
