import { describe, expect, it } from 'vitest';
import { afterJoin, createSessionStore, CURRENT_ORG_KEY, currentStore, identityOf, isOwner, type SessionStore } from './session';
import { createJoin } from '@channel-router/ui/kit';
import type { Client } from '@channel-router/shared/client';
import { memoryStorage } from '@channel-router/ui/kit';
import { errReply, LOST, okReply, scriptedClient, type Script } from '@channel-router/ui/testing';

const me = (memberships: Array<{ orgId: string; kind: string; role: string; orgName?: string }>) => okReply({ unionId: 'u1', memberships });
const TH = { orgId: 'store_th', kind: 'store', role: 'clerk', orgName: '天河店' };
const CY = { orgId: 'store_cy', kind: 'store', role: 'owner', orgName: '朝阳店' };

function setup(script: Script, storage = memoryStorage()) {
  const { client, sent } = scriptedClient(script);
  const session = createSessionStore({ client, storage });
  return { session, sent, storage, client };
}

describe('session', () => {
  it('keeps store memberships apart from other kinds, one row per store, the owner role winning', () => {
    const id = identityOf({
      unionId: 'u',
      memberships: [TH, { ...TH, role: 'owner' }, { orgId: 'dealer_gd', kind: 'dealer', role: 'clerk', orgName: '广东' }] as never,
    });
    expect(id.stores).toEqual([{ orgId: 'store_th', orgName: '天河店', role: 'owner' }]);
    expect(id.others).toEqual([{ orgId: 'dealer_gd', orgName: '广东', kind: 'dealer', role: 'clerk' }]);
    // The weapp upload folder's owner: kept when the server says it, null from an older one.
    expect(id.openId).toBeNull();
    expect(identityOf({ unionId: 'u', openId: 'o-1', memberships: [] }).openId).toBe('o-1');
  });

  it('picks the remembered store when the person still belongs to it, else the first one', async () => {
    const { session, storage } = setup({ 'channel.me': [me([TH, CY]), me([TH])] }, memoryStorage({ [CURRENT_ORG_KEY]: 'store_cy' }));
    await session.getState().load();
    expect(currentStore(session.getState())).toEqual({ orgId: 'store_cy', orgName: '朝阳店', role: 'owner' });
    expect(isOwner(currentStore(session.getState()))).toBe(true);
    session.getState().select('store_th');
    expect(storage.get(CURRENT_ORG_KEY)).toBe('store_th');
    session.getState().select('store_nobody'); // not a membership: ignored
    expect(session.getState().orgId).toBe('store_th');
    await session.getState().load();
    expect(isOwner(currentStore(session.getState()))).toBe(false);
  });

  it('shows an error on a failed first load, but keeps the identity when a refresh fails', async () => {
    const { session } = setup({ 'channel.me': [LOST, me([TH]), LOST] });
    await session.getState().load();
    expect(session.getState().me).toMatchObject({ status: 'error', error: { userMessage: '网络不稳定，请重试' } });
    await session.getState().load();
    await session.getState().load();
    expect(currentStore(session.getState())?.orgId).toBe('store_th');
  });
});

describe('join a store', () => {
  // The kit's join (ui/src/kit/join.test.ts) with this app's afterJoin: who the person is now.
  const joinFor = (client: Client, session: SessionStore) => createJoin({ client, issuer: '店主', onJoined: (r) => afterJoin(session, r.orgId) });

  it('joins, reloads who the person is and switches to the new store', async () => {
    const { session, client, sent } = setup({ 'channel.me': [me([TH, CY])], 'channel.join': [okReply({ orgId: 'store_cy', role: 'owner' })] });
    const join = joinFor(client, session);
    join.getState().setCode(' k7m2 x9p4 ');
    await join.getState().submit();
    expect(sent.map((s) => s.event)).toEqual([{ action: 'join', inviteCode: 'K7M2X9P4' }, { action: 'me' }]);
    expect(join.getState().phase).toEqual({ kind: 'joined', result: { orgId: 'store_cy', role: 'owner' }, joined: { orgName: '朝阳店', isStore: true } });
    expect(session.getState().orgId).toBe('store_cy');
  });

  it('says so when the invite was for a dealer, not a store', async () => {
    const { session, client } = setup({ 'channel.me': [me([{ orgId: 'dealer_gd', kind: 'dealer', role: 'clerk', orgName: '广东经销' }])], 'channel.join': [okReply({ orgId: 'dealer_gd', role: 'clerk' })] });
    const join = joinFor(client, session);
    join.getState().setCode('ABCD1234');
    await join.getState().submit();
    expect(join.getState().phase).toMatchObject({ kind: 'joined', joined: { isStore: false, orgName: '广东经销' } });
  });
});

