/**
 * A filtered list read page by page (alerts, penalties): `load(filter)` starts over, `loadMore()`
 * appends the next page by the server's cursor. A reply for a filter the person has already
 * left is dropped, so switching tabs quickly never shows the wrong kind of rows.
 */
import { createStore } from 'zustand/vanilla';
import type { ClientError, ClientResult } from '@channel-router/shared/client';
import { latest } from '@channel-router/ui/kit';

/** Rows per page (the server caps pages at 100). */
export const PAGE_SIZE = 20;
/** Pages kept in memory; past this the list stops growing (filters narrow it down). */
export const MAX_PAGES = 25;

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export interface PagedState<T, F> {
  filter: F;
  items: T[];
  cursor: string | null;
  pages: number;
  /** The first page: loading, shown, or failed. */
  status: 'loading' | 'ready' | 'error';
  /** The next page. */
  more: 'idle' | 'loading' | 'error';
  error: ClientError | null;
  load(filter?: F): Promise<void>;
  loadMore(): Promise<void>;
}

export function createPagedStore<T, F>(fetchPage: (filter: F, cursor: string | undefined) => Promise<ClientResult<Page<T>>>, initial: F) {
  return createStore<PagedState<T, F>>()((set, get) => {
    const gen = latest();
    return {
      filter: initial,
      items: [],
      cursor: null,
      pages: 0,
      status: 'loading',
      more: 'idle',
      error: null,

      async load(filter) {
        const f = filter ?? get().filter;
        const mine = gen.next();
        // The same filter refreshed keeps its rows on screen until the new ones arrive.
        const same = filter === undefined || JSON.stringify(filter) === JSON.stringify(get().filter);
        set(same && get().status === 'ready' ? { filter: f, more: 'idle' } : { filter: f, items: [], cursor: null, pages: 0, status: 'loading', more: 'idle', error: null });
        const r = await fetchPage(f, undefined);
        if (!gen.isLatest(mine)) return;
        if (!r.ok) {
          set({ status: 'error', error: r.error, items: [], cursor: null, pages: 0 });
          return;
        }
        set({ status: 'ready', items: r.data.items, cursor: r.data.cursor, pages: 1, error: null });
      },

      async loadMore() {
        const s = get();
        if (s.status !== 'ready' || s.more === 'loading' || s.cursor === null || s.pages >= MAX_PAGES) return;
        const mine = gen.next();
        set({ more: 'loading', error: null });
        const r = await fetchPage(s.filter, s.cursor);
        if (!gen.isLatest(mine)) return;
        if (!r.ok) {
          set({ more: 'error', error: r.error });
          return;
        }
        set({ items: [...get().items, ...r.data.items], cursor: r.data.cursor, pages: get().pages + 1, more: 'idle' });
      },
    };
  });
}
