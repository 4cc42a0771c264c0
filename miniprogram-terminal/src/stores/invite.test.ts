import { describe, expect, it } from 'vitest';
import { createInviteStore, displayInvite } from './invite';
import { errReply, LOST, okReply, scriptedClient } from '@channel-router/ui/testing';
import { normalizeInvite } from '@channel-router/ui/kit';

describe('invite staff', () => {
  it('makes a one-time code for the chosen role of the owner\'s store', async () => {
    const { client, sent } = scriptedClient({ 'channel.invite': [okReply({ inviteCode: 'K7M2X9P4AB', expiresAt: 99 })] });
    const store = createInviteStore({ client });
    store.getState().setRole('guide');
    await store.getState().create('store_th');
    expect(sent[0]!.event).toEqual({ action: 'invite', orgId: 'store_th', role: 'guide' });
    expect(store.getState().phase).toEqual({ kind: 'created', inviteCode: 'K7M2X9P4AB', role: 'guide', expiresAt: 99 });
  });

  it('explains a refusal in plain words and offers retry only after a network failure', async () => {
    const { client } = scriptedClient({ 'channel.invite': [errReply('FORBIDDEN'), LOST] });
    const store = createInviteStore({ client });
    await store.getState().create('store_th');
    expect(store.getState().phase).toMatchObject({ kind: 'failed', retryable: false, error: { userMessage: '只有店主可以邀请店员和导购' } });
    await store.getState().create('store_th');
    expect(store.getState().phase).toMatchObject({ kind: 'failed', retryable: true });
  });

  it('shows the code in groups that joining reads back unchanged', () => {
    expect(displayInvite('K7M2X9P4AB')).toBe('K7M2 X9P4 AB');
    expect(normalizeInvite(displayInvite('K7M2X9P4AB'))).toBe('K7M2X9P4AB');
  });
});
