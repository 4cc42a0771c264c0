/**
 * A decision taken on one row of a list after a confirmation: settle a penalty, approve or reject
 * a withdrawal. One decision at a time; a failure stays on its row with "retry", which sends the
 * same decision again without asking twice (the server answers a repeated decision as done).
 * When the row changed meanwhile (CONFLICT), the list is reloaded to show its current state.
 */
import { createStore } from 'zustand/vanilla';
import type { ClientError, ClientResult } from '@channel-router/shared/client';
import { isRetryable } from '@channel-router/ui/kit';

export interface RowActionState<A extends string, R> {
  busy: { id: string; action: A } | null;
  failed: { id: string; action: A; error: ClientError; retryable: boolean } | null;
  done: { id: string; action: A; result: R } | null;
  act(id: string, action: A): Promise<void>;
  retry(): Promise<void>;
  dismiss(): void;
}

export interface RowActionDeps<A extends string, R> {
  run: (id: string, action: A) => Promise<ClientResult<R>>;
  /** Asks the person; resolves true to go ahead. */
  confirm: (id: string, action: A) => Promise<boolean>;
  /** Reloads the list after a decision (or a CONFLICT). */
  refresh: () => Promise<void>;
  /** Words for a failure of this kind of decision (defaults to the client's). */
  explain?: (error: ClientError, action: A) => string | null;
}

export function createRowActionStore<A extends string, R>(deps: RowActionDeps<A, R>) {
  return createStore<RowActionState<A, R>>()((set, get) => {
    const send = async (id: string, action: A) => {
      set({ busy: { id, action }, failed: null, done: null });
      const r = await deps.run(id, action);
      if (r.ok) {
        set({ busy: null, done: { id, action, result: r.data } });
        await deps.refresh();
        return;
      }
      const words = deps.explain?.(r.error, action) ?? null;
      const error = words === null ? r.error : { ...r.error, userMessage: words };
      set({ busy: null, failed: { id, action, error, retryable: isRetryable(r.error) } });
      if (r.error.code === 'CONFLICT') await deps.refresh();
    };

    return {
      busy: null,
      failed: null,
      done: null,
      async act(id, action) {
        if (get().busy !== null) return;
        if (!(await deps.confirm(id, action))) return;
        if (get().busy !== null) return;
        await send(id, action);
      },
      async retry() {
        const f = get().failed;
        if (f === null || get().busy !== null) return;
        await send(f.id, f.action);
      },
      dismiss() {
        if (get().busy !== null) return;
        set({ failed: null, done: null });
      },
    };
  });
}
