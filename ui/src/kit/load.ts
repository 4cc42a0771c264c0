/**
 * What a screen shows while it waits for data: loading, the data, or an error in plain words;
 * and a paged list (alerts, penalties, history) that appends pages by the server's cursor.
 * `latest()` keeps only the newest answer when a person changes a filter before the previous
 * reply arrived (a slow earlier reply never overwrites a newer one).
 */
import { createStore } from 'zustand/vanilla';
import type { ClientError, ClientResult } from '@channel-router/shared/client';

export type Load<T> = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: ClientError };

export const LOADING: Load<never> = { status: 'loading' };

export function valueOf<T>(l: Load<T>): T | null {
  return l.status === 'ready' ? l.value : null;
}

/** A generation counter: `const mine = gen.next(); …await…; if (!gen.isLatest(mine)) return;` */
export function latest() {
  let current = 0;
  return { next: () => ++current, isLatest: (n: number) => n === current };
}

/** Whether asking again may help: a lost or garbled reply, or a busy server. */
export function isRetryable(error: Pick<ClientError, 'code'>): boolean {
  return error.code === 'NETWORK' || error.code === 'BAD_REPLY' || error.code === 'INTERNAL';
}

/** An error made on the phone, before anything was sent (same shape as the client's). */
export function localError(userMessage: string, code: ClientError['code'] = 'INVALID_ARGUMENT'): ClientError {
  return { code, message: 'rejected before sending', userMessage };
}

/** Pages kept in memory; beyond this a list stops growing (a person can reload). */
export const MAX_PAGES = 20;

export interface PagedState<T> {
  /** The key the list was loaded for (the org); another key starts afresh. */
  key: string | null;
  items: T[];
  status: 'idle' | 'loading' | 'more' | 'ready' | 'error';
  cursor: string | null;
  pages: number;
  error: ClientError | null;
  /** Loads the first page for `key` (again, when asked to reload). */
  load(key: string): Promise<void>;
  /** Appends the next page, if there is one. */
  loadMore(): Promise<void>;
}

export type PageFetcher<T> = (key: string, cursor: string | null) => Promise<ClientResult<{ items: T[]; cursor: string | null }>>;

export function createPagedStore<T>(fetchPage: PageFetcher<T>) {
  return createStore<PagedState<T>>()((set, get) => {
    const gen = latest();
    const fetch = async (key: string, cursor: string | null) => {
      const mine = gen.next();
      const r = await fetchPage(key, cursor);
      if (!gen.isLatest(mine)) return;
      if (!r.ok) {
        set({ status: 'error', error: r.error });
        return;
      }
      const items = cursor === null ? r.data.items : [...get().items, ...r.data.items];
      set({ items, cursor: r.data.cursor, status: 'ready', error: null, pages: cursor === null ? 1 : get().pages + 1 });
    };
    return {
      key: null,
      items: [],
      status: 'idle',
      cursor: null,
      pages: 0,
      error: null,
      async load(key) {
        // Another org's rows must never show under this one: clear them before asking.
        if (get().key !== key) set({ items: [], cursor: null, pages: 0 });
        set({ key, status: 'loading', error: null });
        await fetch(key, null);
      },
      async loadMore() {
        const s = get();
        if (s.key === null || s.cursor === null || s.status === 'loading' || s.status === 'more' || s.pages >= MAX_PAGES) return;
        set({ status: 'more', error: null });
        await fetch(s.key, s.cursor);
      },
    };
  });
}
