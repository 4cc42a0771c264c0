import { describe, expect, it, vi } from 'vitest';
import type { IdentifyRes } from '@channel-router/shared/api';
import { BLOCK_WORDS, createOpenStore } from './open';
import { errReply, LOST, okReply, scriptedClient, type Script } from '@channel-router/ui/testing';

const ORG = 'store_th';
const CASE = '0CNE53SBH4W8C5G8R351YFJTFB';

const held = (over: Partial<IdentifyRes> = {}): IdentifyRes => ({
  code: CASE,
  level: 'case',
  kind: 'visible',
  productId: 'p',
  productName: '特级生抽',
  items: 24,
  holderOrgId: ORG,
  holderName: '天河店',
  allocatedDealerId: 'dealer_gd',
  inTransitTo: null,
  redeemed: null,
  actions: ['verify', 'receive', 'open'],
  ...over,
});

function setup(script: Script, confirm = true) {
  const { client, sent } = scriptedClient(script);
  const confirmOpen = vi.fn(async () => confirm);
  const store = createOpenStore({ client, orgId: () => ORG, confirmOpen });
  return { store, sent, confirmOpen };
}

describe('open a case', () => {
  it('identifies the scanned case, asks, then opens it for this store', async () => {
    const { store, sent, confirmOpen } = setup({ 'scan.identify': [okReply(held())], 'scan.open': [okReply({ items: 24 })] });
    await store.getState().submit(`https://brand.example/c/${CASE}`);
    expect(store.getState().phase).toMatchObject({ kind: 'identified', block: null });
    await store.getState().openIt();
    expect(confirmOpen).toHaveBeenCalledTimes(1);
    expect(sent.map((s) => s.event)).toEqual([{ action: 'identify', code: CASE }, { action: 'open', code: CASE, orgId: ORG }]);
    expect(store.getState().phase).toMatchObject({ kind: 'opened', items: 24 });
  });

  it('says why a code cannot be opened here: an item, a reward code, goods not in this store', async () => {
    const cases: Array<[Partial<IdentifyRes>, keyof typeof BLOCK_WORDS]> = [
      [{ level: 'item', items: 1, actions: ['verify', 'receive'] }, 'item'],
      [{ kind: 'hidden', level: 'item', actions: ['verify'] }, 'hidden'],
      [{ holderOrgId: 'store_other', actions: ['verify', 'receive'] }, 'not_here'],
      [{ holderOrgId: 'dealer_gd', inTransitTo: ORG, actions: ['verify', 'receive'] }, 'not_here'],
    ];
    for (const [over, block] of cases) {
      const { store, sent } = setup({ 'scan.identify': [okReply(held(over))] });
      await store.getState().submit(CASE);
      expect(store.getState().phase).toMatchObject({ kind: 'identified', block });
      await store.getState().openIt(); // not offered: nothing happens
      expect(sent).toHaveLength(1);
    }
  });

  it('sends nothing when the person declines, and stays on the case', async () => {
    const { store, sent } = setup({ 'scan.identify': [okReply(held())] }, false);
    await store.getState().submit(CASE);
    await store.getState().openIt();
    expect(sent).toHaveLength(1);
    expect(store.getState().phase).toMatchObject({ kind: 'identified' });
  });

  it('refuses a malformed code without a request; plain words for the server refusing', async () => {
    const { store, sent } = setup({ 'scan.identify': [okReply(held())], 'scan.open': [errReply('CONFLICT', 'not held', 'code')] });
    await store.getState().submit('??');
    expect(store.getState().phase).toMatchObject({ kind: 'failed', retryable: false, error: { userMessage: '无法识别这个码，请重新扫描或核对输入' } });
    expect(sent).toHaveLength(0);
    await store.getState().submit(CASE);
    await store.getState().openIt();
    expect(store.getState().phase).toMatchObject({ kind: 'failed', action: 'open', error: { userMessage: '这箱货不在本店库存中，请先扫码入库' } });
  });

  it('retries a lost open without asking again', async () => {
    const { store, sent, confirmOpen } = setup({ 'scan.identify': [okReply(held())], 'scan.open': [LOST, okReply({ items: 24 })] });
    await store.getState().submit(CASE);
    await store.getState().openIt();
    expect(store.getState().phase).toMatchObject({ kind: 'failed', retryable: true });
    await store.getState().retry();
    expect(confirmOpen).toHaveBeenCalledTimes(1);
    expect(sent.filter((s) => s.name === 'scan.open')).toHaveLength(2);
    expect(store.getState().phase.kind).toBe('opened');
  });
});
