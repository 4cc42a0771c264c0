import { describe, expect, it } from 'vitest';
import type { OrgView } from '@channel-router/shared/src/api/actions.js';
import { createClient } from '@channel-router/shared/src/client/index.js';
import { createOrgsStore, emptyOrgForm, orgRequest, upstreamOptions } from './orgs';
import { errReply, LOST, okReply, scriptedTransport, type Script } from './test-transport';

const GD: OrgView = { id: 'dealer_gd', kind: 'dealer', name: '广东经销', upstreamId: 'brand', regionCode: '440100', territory: ['440000'] };
const FS: OrgView = { id: 'wh_fs', kind: 'wholesaler', name: '佛山二批', upstreamId: 'dealer_gd', regionCode: '440600', territory: ['440600'] };
const STORE: OrgView = { id: 'store_th', kind: 'store', name: '天河店', upstreamId: 'dealer_gd', regionCode: '440106', territory: [] };

function setup(script: Script, initial: OrgView[] = [GD]) {
  const t = scriptedTransport(script);
  const client = createClient(t.transport, { sleep: async () => {}, retryDelays_ms: [] });
  const orgs = initial;
  const store = createOrgsStore({ client, reloadOrgs: async () => orgs });
  return { store, ...t };
}

describe('dealers, wholesalers and stores', () => {
  it('offers the suppliers each kind may have (docs/channel.md#orgs)', () => {
    expect(upstreamOptions('dealer', [GD, FS], '好味道')).toEqual([{ id: 'brand', name: '好味道', kind: 'brand' }]);
    expect(upstreamOptions('wholesaler', [GD, FS, STORE], null).map((o) => o.id)).toEqual(['dealer_gd']);
    expect(upstreamOptions('store', [GD, FS, STORE], null).map((o) => o.id)).toEqual(['dealer_gd', 'wh_fs']);
  });

  it('requires a territory for a dealer and checks region codes against the table', () => {
    const base = { ...emptyOrgForm('dealer'), name: '湖南经销', regionCode: '430100' };
    expect(orgRequest(base)).toEqual({ ok: false, errors: { territory: '请至少添加一个经营区域' } });
    expect(orgRequest(emptyOrgForm('wholesaler'))).toEqual({
      ok: false,
      errors: { name: '请填写名称', upstreamId: '请选择上级供货方', regionCode: '请填写所在地区', territory: '请至少添加一个经营区域' },
    });
    expect(orgRequest({ ...base, regionCode: '4301', territory: ['430000', '999999'] })).toEqual({
      ok: false,
      errors: { regionCode: '所在地区应为 6 位数字的地区码', territory: '经营区域第 2 项：没有 999999 这个地区码' },
    });
    expect(orgRequest({ ...base, regionCode: '430199', territory: ['430000'] })).toEqual({ ok: false, errors: { regionCode: '所在地区：没有 430199 这个地区码' } });
    expect(orgRequest({ ...base, territory: ['430000'] })).toEqual({ ok: true, req: { kind: 'dealer', name: '湖南经销', upstreamId: 'brand', regionCode: '430100', territory: ['430000'] } });
  });

  it('asks for the supplier of a store and never sends a territory for one', () => {
    const store = { ...emptyOrgForm('store'), name: '越秀店', regionCode: '440104', territory: ['440000'] };
    expect(orgRequest(store)).toEqual({ ok: false, errors: { upstreamId: '请选择上级供货方' } });
    expect(orgRequest({ ...store, name: '' })).toEqual({ ok: false, errors: { upstreamId: '请选择上级供货方', name: '请填写名称' } });
    const ok = orgRequest({ ...store, upstreamId: 'dealer_gd' });
    expect(ok).toEqual({ ok: true, req: { kind: 'store', name: '越秀店', upstreamId: 'dealer_gd', regionCode: '440104' } });
  });

  it('keeps name and region but resets the supplier when the kind changes', () => {
    const { store } = setup({});
    store.getState().startForm('store');
    store.getState().setField('upstreamId', 'dealer_gd');
    store.getState().setField('name', '某店');
    store.getState().setField('kind', 'dealer');
    expect(store.getState().form).toMatchObject({ kind: 'dealer', name: '某店', upstreamId: 'brand' });
  });

  it('creates an org once even when the reply of the first attempt was lost: the retry carries the same key', async () => {
    const { store, of } = setup({ 'channel.createOrg': [LOST, okReply({ orgId: 'dealer_hn' })] });
    store.getState().startForm('dealer');
    store.getState().setField('name', '湖南经销');
    store.getState().setField('regionCode', '430100');
    store.getState().addTerritory('430000');
    store.getState().addTerritory('430000');
    expect(store.getState().form.territory).toEqual(['430000']);
    await store.getState().submit();
    expect(store.getState().status).toBe('failed');
    await store.getState().submit();
    const sent = of('channel.createOrg');
    expect(sent).toHaveLength(2);
    // The server answers the retry with the first attempt's org, if it made one (idempotency.test.ts).
    expect(typeof sent[0]!['requestId']).toBe('string');
    expect(sent[1]).toEqual(sent[0]);
    expect(store.getState()).toMatchObject({ status: 'done', created: { orgId: 'dealer_hn', name: '湖南经销' }, intent: null });
  });

  it('makes a changed form a new request, with a new key', async () => {
    const { store, of } = setup({ 'channel.createOrg': [LOST, okReply({ orgId: 'dealer_2' })] });
    store.getState().startForm('dealer');
    store.getState().setField('name', '湖南经销');
    store.getState().setField('regionCode', '430100');
    store.getState().addTerritory('430000');
    await store.getState().submit();
    store.getState().setField('name', '湖南经销商');
    await store.getState().submit();
    const [first, second] = of('channel.createOrg');
    expect(second!['name']).toBe('湖南经销商');
    expect(second!['requestId']).not.toBe(first!['requestId']);
    expect(store.getState().created?.orgId).toBe('dealer_2');
  });

  it('shows a server problem about a field on that field', async () => {
    const { store } = setup({ 'channel.createOrg': [errReply('INVALID_ARGUMENT', 'a store cannot be supplied by a store', 'upstreamId')] });
    store.getState().startForm('store');
    store.getState().setField('name', 'x');
    store.getState().setField('regionCode', '440106');
    store.getState().setField('upstreamId', 'dealer_gd');
    await store.getState().submit();
    expect(store.getState()).toMatchObject({ status: 'idle', errors: { upstreamId: '上级供货方填写有误，请检查' } });
  });

  it('generates an invite for the chosen role and drops a code meant for another org', async () => {
    const { store, of } = setup({ 'channel.invite': [okReply({ inviteCode: 'K7M2Q9XD4P', expiresAt: 1 })] });
    store.getState().openInvite('store_th', 'store');
    expect(store.getState().invite).toMatchObject({ orgId: 'store_th', role: 'owner' });
    store.getState().setInviteRole('clerk');
    await store.getState().generateInvite();
    expect(of('channel.invite')).toEqual([{ action: 'invite', orgId: 'store_th', role: 'clerk' }]);
    expect(store.getState().invite).toMatchObject({ status: 'done', result: { inviteCode: 'K7M2Q9XD4P' } });
    store.getState().openInvite('brand', 'brand');
    expect(store.getState().invite).toMatchObject({ orgId: 'brand', role: 'inspector', result: null });
  });
});
