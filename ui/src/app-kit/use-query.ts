import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientError, ClientResult } from '@channel-router/shared/client';

export type QueryState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ClientError };

/**
 * Runs a client call when the screen opens (and on `reload`), keeping only the latest answer:
 * a slow earlier reply never overwrites a newer one.
 */
export function useQuery<T>(run: () => Promise<ClientResult<T>>, enabled = true): QueryState<T> & { reload: () => void } {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const generation = useRef(0);
  const runRef = useRef(run);
  runRef.current = run;
  const reload = useCallback(() => {
    const mine = ++generation.current;
    setState({ status: 'loading' });
    void runRef.current().then((r) => {
      if (mine !== generation.current) return;
      setState(r.ok ? { status: 'ready', data: r.data } : { status: 'error', error: r.error });
    });
  }, []);
  useEffect(() => {
    if (enabled) reload();
  }, [enabled, reload]);
  return { ...state, reload };
}
