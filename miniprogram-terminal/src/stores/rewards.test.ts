import { describe, expect, it } from 'vitest';
import { createRewardsStore, PAGES_PER_LOAD } from './rewards';
import { LOST, okReply, scriptedClient } from '@channel-router/ui/testing';

const ORG = 'store_th';
const entry = (key: string, amount: number, kind = 'store_reward') => ({ key, kind, amount, ref: 'c', at: 0 });

describe('rewards earned', () => {
  it('lists only store rewards, with their total, reading on past pages without any', async () => {
    const { client, sent } = scriptedClient({
      'wallet.history': [
        okReply({ entries: [entry('w', -100, 'withdrawal_reserve')], cursor: 'p2' }),
        okReply({ entries: [entry('r1', 50), entry('x', 10, 'withdrawal_release'), entry('r2', 40)], cursor: 'p3' }),
        okReply({ entries: [entry('r3', 50)], cursor: null }),
      ],
    });
    const store = createRewardsStore({ client });
    await store.getState().load(ORG);
    expect(store.getState()).toMatchObject({ status: 'idle', totalFen: 90, complete: false, cursor: 'p3' });
    expect(store.getState().rewards.map((r) => r.key)).toEqual(['r1', 'r2']);
    await store.getState().loadMore();
    expect(store.getState()).toMatchObject({ totalFen: 140, complete: true });
    expect(sent.map((s) => s.event)).toEqual([
      { action: 'history', orgId: ORG, limit: 100 },
      { action: 'history', orgId: ORG, cursor: 'p2', limit: 100 },
      { action: 'history', orgId: ORG, cursor: 'p3', limit: 100 },
    ]);
    await store.getState().loadMore();
    expect(sent).toHaveLength(3);
  });

  it(`stops after ${PAGES_PER_LOAD} pages without rewards, and keeps going on the next tap`, async () => {
    const pages = Array.from({ length: PAGES_PER_LOAD + 1 }, (_, i) => okReply({ entries: [entry(`w${i}`, -1, 'withdrawal_reserve')], cursor: i === PAGES_PER_LOAD ? null : `p${i + 1}` }));
    const { client, sent } = scriptedClient({ 'wallet.history': pages });
    const store = createRewardsStore({ client });
    await store.getState().load(ORG);
    expect(sent).toHaveLength(PAGES_PER_LOAD);
    expect(store.getState()).toMatchObject({ rewards: [], complete: false });
    await store.getState().loadMore();
    expect(sent).toHaveLength(PAGES_PER_LOAD + 1);
    expect(store.getState()).toMatchObject({ rewards: [], complete: true });
  });

  it('shows an error in plain words and starts over on retry after a failed first page', async () => {
    const { client } = scriptedClient({ 'wallet.history': [LOST, okReply({ entries: [entry('r1', 50)], cursor: null })] });
    const store = createRewardsStore({ client });
    await store.getState().load(ORG);
    expect(store.getState()).toMatchObject({ status: 'error', complete: false, error: { userMessage: '网络不稳定，请重试' } });
    await store.getState().loadMore();
    expect(store.getState()).toMatchObject({ status: 'idle', totalFen: 50, complete: true });
  });
});
