/**
 * A store's owner invites staff (店员 clerks, 导购 shopping guides): `channel.invite` makes a
 * one-time code the new colleague types in 「加入门店」. The server allows an owner to invite staff
 * (not owners) to the owner's own store. A failed or repeated request at worst makes an unused
 * code, which expires by itself.
 */
import { createStore } from 'zustand/vanilla';
import type { Client, ClientError } from '@channel-router/shared/client';
import { checkRequest, isRetryable } from '@channel-router/ui/kit';

export type StaffRole = 'clerk' | 'guide';
export const STAFF_ROLES: ReadonlyArray<{ key: StaffRole; label: string }> = [
  { key: 'clerk', label: '店员' },
  { key: 'guide', label: '导购' },
];

export type InvitePhase =
  | { kind: 'idle' }
  | { kind: 'creating' }
  | { kind: 'created'; inviteCode: string; role: StaffRole; expiresAt: number | null }
  | { kind: 'failed'; error: ClientError; retryable: boolean };

export interface InviteState {
  role: StaffRole;
  phase: InvitePhase;
  setRole(role: StaffRole): void;
  create(orgId: string): Promise<void>;
  reset(): void;
}

/** `ABCD EFGH`: groups of four are easier to read aloud; joining ignores the spaces. */
export function displayInvite(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}

export function createInviteStore(deps: { client: Client }) {
  return createStore<InviteState>()((set, get) => ({
    role: 'clerk',
    phase: { kind: 'idle' },
    setRole(role) {
      if (get().phase.kind === 'creating') return;
      set({ role, phase: { kind: 'idle' } });
    },
    async create(orgId) {
      if (get().phase.kind === 'creating') return;
      const role = get().role;
      const checked = checkRequest('channel', 'invite', { orgId, role });
      if (!checked.ok) throw new Error(`invite: ${checked.problem.message}`); // orgId and role come from the app itself
      set({ phase: { kind: 'creating' } });
      const r = await deps.client.channel.invite(checked.value);
      if (!r.ok) {
        const error = r.error.code === 'FORBIDDEN' ? { ...r.error, userMessage: '只有店主可以邀请店员和导购' } : r.error;
        set({ phase: { kind: 'failed', error, retryable: isRetryable(r.error) } });
        return;
      }
      set({ phase: { kind: 'created', inviteCode: r.data.inviteCode, role, expiresAt: r.data.expiresAt ?? null } });
    },
    reset() {
      if (get().phase.kind === 'creating') return;
      set({ phase: { kind: 'idle' } });
    },
  }));
}
