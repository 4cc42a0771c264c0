import { describe, expect, it } from 'vitest';
import { createClient } from '@channel-router/shared/client';
import { createSessionStore, meFrom } from './session';
import { errReply, LOST, okReply, scriptedTransport, type Script } from '@channel-router/ui/testing';

const ADMIN_ME = { unionId: 'u1', memberships: [{ orgId: 'brand', kind: 'brand', role: 'admin', orgName: '好味道' }] };
const NOBODY = { unionId: 'u1', memberships: [] };

function setup(script: Script) {
  const t = scriptedTransport(script);
  const client = createClient(t.transport, { sleep: async () => {}, retryDelays_ms: [] });
  return { store: createSessionStore({ client }), ...t };
}

describe('session and first run', () => {
  it('tells an admin, an inspector and a person with no brand role apart', () => {
    expect(meFrom(ADMIN_ME as never)).toEqual({ unionId: 'u1', role: 'admin', brandName: '好味道' });
    expect(meFrom({ unionId: 'i', memberships: [{ orgId: 'brand', kind: 'brand', role: 'inspector', orgName: '好味道' }] }).role).toBe('inspector');
    expect(meFrom({ unionId: 'd', memberships: [{ orgId: 'dealer_1', kind: 'dealer', role: 'owner', orgName: 'D' }] })).toEqual({ unionId: 'd', role: null, brandName: null });
  });

  it('asks for a brand name before sending anything', async () => {
    const { store, sent } = setup({});
    store.getState().setBrandName('   ');
    await store.getState().submitBootstrap();
    expect(sent).toHaveLength(0);
    expect(store.getState().bootstrap.fieldError).toBe('请填写品牌名称');
  });

  it('names the brand on an empty database and becomes its admin', async () => {
    const { store, of } = setup({ 'channel.bootstrap': [okReply({ brandId: 'brand' })], 'channel.me': [okReply(ADMIN_ME)] });
    store.getState().setBrandName(' 好味道 ');
    await store.getState().submitBootstrap();
    expect(of('channel.bootstrap')).toEqual([{ action: 'bootstrap', brandName: '好味道' }]);
    expect(store.getState().me).toEqual({ status: 'ready', value: { unionId: 'u1', role: 'admin', brandName: '好味道' } });
    expect(store.getState().bootstrap.status).toBe('idle');
  });

  it('recognises its own earlier bootstrap when a retry after a lost reply answers CONFLICT', async () => {
    const { store } = setup({
      'channel.bootstrap': [LOST, errReply('CONFLICT', 'the brand has already been set up')],
      'channel.me': [okReply(ADMIN_ME)],
    });
    store.getState().setBrandName('好味道');
    await store.getState().submitBootstrap();
    expect(store.getState().bootstrap).toMatchObject({ status: 'failed', text: '好味道', error: { userMessage: '网络不稳定，请重试' } });
    await store.getState().submitBootstrap();
    expect(store.getState().bootstrap.status).toBe('idle');
    expect(store.getState().me).toMatchObject({ status: 'ready', value: { role: 'admin' } });
  });

  it('tells a person whose brand exists already to ask for an invite', async () => {
    const { store } = setup({ 'channel.bootstrap': [errReply('CONFLICT')], 'channel.me': [okReply(NOBODY)] });
    store.getState().setBrandName('另一个品牌');
    await store.getState().submitBootstrap();
    expect(store.getState().bootstrap.status).toBe('failed');
    expect(store.getState().bootstrap.error?.userMessage).toContain('邀请码');
  });

  it('joins the brand with an invite code, and says so when the code was for a channel org', async () => {
    const { store, of } = setup({
      'channel.join': [okReply({ orgId: 'brand', role: 'inspector' }), okReply({ orgId: 'dealer_1', role: 'owner' })],
      'channel.me': [okReply({ unionId: 'u', memberships: [{ orgId: 'brand', kind: 'brand', role: 'inspector', orgName: 'B' }] }), okReply({ unionId: 'v', memberships: [{ orgId: 'dealer_1', kind: 'dealer', role: 'owner' }] })],
    });
    store.getState().setInviteCode('ab12cd34ef');
    await store.getState().submitJoin();
    expect(of('channel.join')[0]).toEqual({ action: 'join', inviteCode: 'AB12CD34EF' });
    expect(store.getState().me).toMatchObject({ value: { role: 'inspector' } });
    store.getState().setInviteCode('ZZ12CD34EF');
    await store.getState().submitJoin();
    expect(store.getState().join.error?.userMessage).toContain('对应的小程序');
  });

  it('rejects a malformed invite code without a request', async () => {
    const { store, sent } = setup({});
    store.getState().setInviteCode('a b');
    await store.getState().submitJoin();
    expect(sent).toHaveLength(0);
    expect(store.getState().join.fieldError).toBe('邀请码至少 4 个字');
  });
});
