/**
 * Code batches (print runs): the list (`codes.listBatches`), creating one for a product with a
 * number of cases (`codes.createBatch`), and exporting its codes (`codes.exportBatch`): the tree
 * of cases, boxes and items for a small batch; larger batches are a print file made on the
 * server side (the JSON tree of 100 cases is already tens of thousands of codes).
 *
 * One print run asked for is one intent, sent as createBatch's `requestId`: made at the first
 * submit, kept while a reply may have been lost, so a retry gets the first attempt's batch from
 * the server instead of printing a second run. Changing the product or the case count makes a
 * new request, with a new key.
 */
import { createStore } from 'zustand/vanilla';
import type { BatchView, CreateBatchRes, ExportedCase, ProductView } from '@channel-router/shared/api';
import type { Client, ClientError, Intent } from '@channel-router/shared/client';
import { parseRequest } from '@channel-router/shared/validation/requests';
import { describeProblem, isRetryable, problemFromReply, type ProblemLabels } from '@channel-router/ui/kit';
import { parseCount } from './form-input';
import { latest, type Load } from '@channel-router/ui/kit';

/** Largest batch exported as a tree; mirrors MAX_TREE_CASES (shared/src/codes/print-rows.ts, checked by a test). */
export const EXPORT_TREE_MAX_CASES = 100;
/** Above this many items a creation asks for confirmation (a big print run is costly to waste). */
export const CONFIRM_ITEMS_ABOVE = 100_000;

export const BATCH_FIELDS: ProblemLabels = {
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
    const p = describeProblem(parsed.error, BATCH_FIELDS);
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
  /** The key of the current request: kept after a failure that a retry may repair. */
  intent: Intent | null;
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
      set({ ...patch, status: 'idle', error: null, intent: null });
    };

    return {
      list: { status: 'loading' },
      productId: '',
      casesText: '',
      errors: {},
      status: 'idle',
      error: null,
      created: null,
      intent: null,
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
        // A retry of a confirmed run is not asked about again.
        if (counts.item > CONFIRM_ITEMS_ABOVE && s.intent === null && !(await deps.confirmLarge(counts, product.name))) return;
        const intent = s.intent ?? deps.client.newIntent();
        set({ errors: {}, status: 'submitting', error: null, intent });
        const r = await deps.client.codes.createBatch(req, { intent });
        if (r.ok) {
          set({ status: 'done', created: { ...r.data, productId: req.productId }, intent: null, casesText: '' });
          await loadList();
          return;
        }
        const problem = problemFromReply(r.error, BATCH_FIELDS);
        if (problem !== null) {
          set({ status: 'idle', errors: { [problem.field]: problem.message }, intent: null });
          return;
        }
        set({ status: 'failed', error: r.error, intent: isRetryable(r.error) ? intent : null });
      },

      resetForm() {
        if (get().status === 'submitting') return;
        set({ casesText: '', errors: {}, status: 'idle', error: null, created: null, intent: null });
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
