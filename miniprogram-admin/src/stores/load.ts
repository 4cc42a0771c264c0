/**
 * What a screen shows while it waits for data: loading, the data, or an error in plain words.
 * `latest()` keeps only the newest answer when a person changes a filter before the previous
 * reply arrived (a slow earlier reply never overwrites a newer one).
 */
import type { ClientError } from '@channel-router/shared/client';

export type Load<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: ClientError };

export const LOADING: Load<never> = { status: 'loading' };

export function valueOf<T>(l: Load<T>): T | null {
  return l.status === 'ready' ? l.value : null;
}

/** A generation counter: `const mine = gen.next(); …await…; if (!gen.isLatest(mine)) return;` */
export function latest() {
  let current = 0;
  return {
    next: () => ++current,
    isLatest: (n: number) => n === current,
  };
}
