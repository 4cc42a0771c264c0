import { describe, expect, it, vi } from 'vitest';
import { createJoin, normalizeInvite } from './join';
import { errReply, LOST, okReply, scriptedClient } from './testing';

// Goal: joining by invite is the same in every app: a bad code is named on the field with nothing
// sent, a refused code is said plainly on the field, a lost reply can be retried, and the app
// reloads who the person is before the result shows.
function setup(script: Parameters<typeof scriptedClient>[0]) {
  const { client, sent } = scriptedClient(script);
  const onJoined = vi.fn(async (r: { orgId: string }) => `joined ${r.orgId}`);
  return { store: createJoin({ client, onJoined, issuer: '店主' }), sent, onJoined };
}

describe('joining by invite', () => {
  it('checks the code on the phone first: a bad one is named and nothing is sent', async () => {
    const { store, sent } = setup({});
    await store.getState().submit();
    expect(store.getState().fieldError).toBe('请填写邀请码');
    store.getState().setCode('AB');
    await store.getState().submit();
    expect(store.getState().fieldError).toBe('邀请码至少 4 位');
    store.getState().setCode('AB#$1234');
    await store.getState().submit();
    expect(store.getState().fieldError).toBe('邀请码格式不对：只能包含字母和数字');
    expect(sent).toHaveLength(0);
  });

  it('joins with a typed code (spaces, dashes, lower case and look-alikes are fine), then reloads who I am', async () => {
    const { store, sent, onJoined } = setup({ 'channel.join': [okReply({ orgId: 'store_cy', role: 'owner' })] });
    store.getState().setCode(' qmif t6sm-p2 ');
    await store.getState().submit();
    expect(sent[0]!.event).toEqual({ action: 'join', inviteCode: 'QM1FT6SMP2' });
    expect(onJoined).toHaveBeenCalledWith({ orgId: 'store_cy', role: 'owner' });
    expect(store.getState()).toMatchObject({ codeText: '', phase: { kind: 'joined', result: { orgId: 'store_cy', role: 'owner' }, joined: 'joined store_cy' } });
  });

  it('says a used or unknown code plainly on the field, and offers retry only for a network failure', async () => {
    const { store } = setup({ 'channel.join': [errReply('CONFLICT', 'used', 'inviteCode'), errReply('NOT_FOUND'), LOST, errReply('FORBIDDEN')] });
    store.getState().setCode('K7M2QX9PTA');
    await store.getState().submit();
    expect(store.getState()).toMatchObject({ phase: { kind: 'idle' }, fieldError: '这个邀请码已被使用或已过期，请向店主索取新的邀请码' });
    await store.getState().submit();
    expect(store.getState().fieldError).toBe('没有这个邀请码，请核对后重新输入');
    await store.getState().submit();
    expect(store.getState().phase).toMatchObject({ kind: 'failed', retryable: true, error: { userMessage: '网络不稳定，请重试' } });
    await store.getState().submit();
    expect(store.getState().phase).toMatchObject({ kind: 'failed', retryable: false, error: { code: 'FORBIDDEN' } });
  });

  it('reads invite codes as people type them', () => {
    expect(normalizeInvite(' ab cd\u3000ef ')).toBe('ABCDEF');
    expect(normalizeInvite('QM1F-T6SM-P2')).toBe('QM1FT6SMP2');
    expect(normalizeInvite('o0lI')).toBe('0011');
  });
});
