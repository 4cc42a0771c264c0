/**
 * Rewards the store earned (门店奖励): the `store_reward` entries of the store wallet's history.
 * The history has no filter by kind, so pages are read until some rewards turn up or the history
 * ends, a bounded number of pages per tap. Owner only (the wallet's rule on the server).
 */
import { createStore } from 'zustand/vanilla';
import type { LedgerEntryView } from '@channel-router/shared/api';
import type { Client, ClientError } from '@channel-router/shared/client';

export const REWARD_KIND = 'store_reward';
/** History entries per request (the server's maximum). */
export const REWARDS_PAGE = 100;
/** Pages read per load when they hold no rewards (other entries between them). */
export const PAGES_PER_LOAD = 5;
/** Rewards kept in memory. */
export const MAX_REWARDS = 2000;

export interface RewardsState {
  orgId: string | null;
  status: 'loading' | 'idle' | 'error';
  rewards: LedgerEntryView[];
  /** Sum of the rewards listed, in fen. */
  totalFen: number;
  cursor: string | null;
  /** The whole history has been read (or the memory limit reached). */
  complete: boolean;
  error: ClientError | null;
  load(orgId: string): Promise<void>;
  loadMore(): Promise<void>;
}

export function createRewardsStore(deps: { client: Client }) {
  return createStore<RewardsState>()((set, get) => {
    let generation = 0;

    const readPages = async (orgId: string, from: string | null, mine: number) => {
      let cursor = from;
      let found: LedgerEntryView[] = [];
      for (let page = 0; page < PAGES_PER_LOAD; page++) {
        const r = await deps.client.wallet.history(cursor === null ? { orgId, limit: REWARDS_PAGE } : { orgId, cursor, limit: REWARDS_PAGE });
        if (mine !== generation) return;
        if (!r.ok) {
          // What was found so far is kept; "load more" continues from the last good cursor.
          set({ status: 'error', error: r.error, ...merge(found, cursor), complete: false });
          return;
        }
        found = found.concat(r.data.entries.filter((e) => e.kind === REWARD_KIND));
        cursor = r.data.cursor;
        if (cursor === null || found.length > 0) break;
      }
      set({ status: 'idle', error: null, ...merge(found, cursor) });
    };

    const merge = (found: LedgerEntryView[], cursor: string | null) => {
      const rewards = get().rewards.concat(found).slice(0, MAX_REWARDS);
      return {
        rewards,
        totalFen: rewards.reduce((n, e) => n + e.amount, 0),
        cursor,
        complete: cursor === null || rewards.length >= MAX_REWARDS,
      };
    };

    return {
      orgId: null,
      status: 'loading',
      rewards: [],
      totalFen: 0,
      cursor: null,
      complete: false,
      error: null,
      async load(orgId) {
        const mine = ++generation;
        set({ orgId, status: 'loading', rewards: [], totalFen: 0, cursor: null, complete: false, error: null });
        await readPages(orgId, null, mine);
      },
      async loadMore() {
        const s = get();
        if (s.orgId === null || s.status === 'loading' || s.complete) return;
        // After an error on the first page there is no cursor yet: start over.
        if (s.cursor === null) {
          await get().load(s.orgId);
          return;
        }
        set({ status: 'loading', error: null });
        await readPages(s.orgId, s.cursor, generation);
      },
    };
  });
}
