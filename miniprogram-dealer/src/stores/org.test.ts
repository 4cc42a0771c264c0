import { describe, expect, it } from 'vitest';
import { abilitiesOf, createOrgStore, currentMembership, CURRENT_ORG_KEY } from './org';
import { memoryStorage } from '@channel-router/ui/kit';
import { errReply, LOST, okReply, scriptedClient } from '@channel-router/ui/testing';

const GD = { orgId: 'dealer_gd', kind: 'dealer', role: 'owner', orgName: '广东好味' };
const FS = { orgId: 'wholesaler_fs', kind: 'wholesaler', role: 'salesperson', orgName: '佛山二批' };
const STORE = { orgId: 'store_th', kind: 'store', role: 'clerk', orgName: '天河店' };

const me = (...memberships: object[]) => okReply({ unionId: 'u1', memberships });

describe('org context', () => {
  it('acts for the only dealer or wholesaler membership at once, and counts the ones this app does not serve', async () => {
    const { client } = scriptedClient({ 'channel.me': [me(GD, STORE)] });
    const store = createOrgStore({ client, storage: memoryStorage() });
    await store.getState().load();
    expect(store.getState().currentOrgId).toBe('dealer_gd');
    expect(store.getState().otherMemberships).toBe(1);
    expect(currentMembership(store.getState())).toMatchObject({ orgName: '广东好味', kind: 'dealer', role: 'owner' });
  });

  it('asks to choose among several, remembers the choice on the phone, and forgets it when the membership is gone', async () => {
    const storage = memoryStorage();
    const { client } = scriptedClient({ 'channel.me': [me(GD, FS), me(GD, FS), me(GD)] });
    const first = createOrgStore({ client, storage });
    await first.getState().load();
    expect(first.getState().currentOrgId).toBeNull();
    expect(first.getState().select('store_th')).toBe(false);
    expect(first.getState().select('wholesaler_fs')).toBe(true);
    expect(storage.get(CURRENT_ORG_KEY)).toBe('"wholesaler_fs"');
    // Next start of the app.
    const second = createOrgStore({ client, storage });
    await second.getState().load();
    expect(second.getState().currentOrgId).toBe('wholesaler_fs');
    // The salesperson left the wholesaler: the remembered choice no longer applies.
    const third = createOrgStore({ client, storage });
    await third.getState().load();
    expect(third.getState().currentOrgId).toBe('dealer_gd');
  });

  it('shows a plain error when who-am-I cannot be answered, and nobody is acted for', async () => {
    const { client } = scriptedClient({ 'channel.me': [LOST, LOST, LOST, errReply('INTERNAL')] });
    const store = createOrgStore({ client });
    await store.getState().load();
    const s = store.getState();
    expect(s.me).toMatchObject({ status: 'error', error: { userMessage: '网络不稳定，请重试' } });
    expect(s.currentOrgId).toBeNull();
  });

  it('keeps working with what it knew when a later refresh fails', async () => {
    const { client } = scriptedClient({ 'channel.me': [me(GD), LOST, LOST, LOST] });
    const store = createOrgStore({ client });
    await store.getState().load();
    await store.getState().load();
    expect(store.getState()).toMatchObject({ me: { status: 'ready' }, currentOrgId: 'dealer_gd' });
  });

  it('lets owners handle money, invites and (dealers only) alerts and penalties; staff scan and see stock', () => {
    expect(abilitiesOf({ kind: 'dealer', role: 'owner' })).toEqual({ receive: true, ship: true, stock: true, wallet: true, alerts: true, penalties: true, invite: true });
    expect(abilitiesOf({ kind: 'wholesaler', role: 'owner' })).toMatchObject({ wallet: true, alerts: false, penalties: false, invite: true });
    expect(abilitiesOf({ kind: 'dealer', role: 'salesperson' })).toEqual({ receive: true, ship: true, stock: true, wallet: false, alerts: false, penalties: false, invite: false });
  });
});
