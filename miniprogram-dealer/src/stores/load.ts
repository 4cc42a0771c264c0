/**
 * What a screen shows while it waits for data: loading, the data, or an error in plain words;
 * and a paged list (alerts, penalties, history) that appends pages by the server's cursor.
 */
import { createStore } from 'zustand/vanilla';
import type { ClientError, ClientResult } from '@channel-router/shared/client';

export type Load<T> = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: ClientError };

export function valueOf<T>(l: Load<T>): T | null {
  return l.status === 'ready' ? l.value : null;
}

/** A generation counter: a slow earlier reply never overwrites a newer one. */
export function latest() {
  let current = 0;
  return { next: () => ++current, isLatest: (n: number) => n === current };
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
