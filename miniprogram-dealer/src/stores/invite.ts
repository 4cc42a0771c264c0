/**
 * Inviting people (`channel.invite`): an owner invites its own staff (员工, 业务员) and the owner of
 * a store or wholesaler it supplies. The code is shown big, to be read out or copied into a chat;
 * the invitee enters it in their app (the store app for a store's owner).
 */
import { createStore } from 'zustand/vanilla';
import type { Client, ClientError } from '@channel-router/shared/client';
import type { Role } from '@channel-router/shared/model';
import { checkRequest } from '@channel-router/ui/kit';

export type InviteChoice =
  | { kind: 'staff'; role: 'clerk' | 'salesperson' }
  | { kind: 'owner'; orgId: string; orgName: string; orgKind: 'store' | 'wholesaler' };

export interface InviteResult {
  inviteCode: string;
  expiresAt: number | null;
  /** Who it is for, in words: 「本单位 · 业务员」, 「天河好邻居便利店 · 老板」. */
  forWhom: string;
  /** Which app the invitee should open. */
  app: 'dealer' | 'terminal';
}

export interface InviteState {
  orgId: string | null;
  choice: InviteChoice | null;
  status: 'idle' | 'submitting' | 'done' | 'failed';
  result: InviteResult | null;
  error: ClientError | null;
  message: string | null;
  /** Starts afresh for `orgId` (the org the owner acts for). */
  bind(orgId: string, orgName: string): void;
  choose(choice: InviteChoice): void;
  create(): Promise<void>;
  reset(): void;
}

const STAFF_LABELS = { clerk: '员工', salesperson: '业务员' } as const;

export function inviteFailureMessage(error: ClientError): string {
  if (error.code === 'FORBIDDEN') return '只有老板可以邀请，且只能邀请本单位员工或直接下游的老板';
  if (error.code === 'NOT_FOUND') return '这个单位不存在了，请刷新后重新选择';
  return error.userMessage;
}

export function createInviteStore(client: Client) {
  return createStore<InviteState>()((set, get) => {
    let ownName = '';
    return {
      orgId: null,
      choice: null,
      status: 'idle',
      result: null,
      error: null,
      message: null,
      bind(orgId, orgName) {
        ownName = orgName;
        if (get().orgId === orgId || get().status === 'submitting') return;
        set({ orgId, choice: null, status: 'idle', result: null, error: null, message: null });
      },
      choose(choice) {
        if (get().status === 'submitting') return;
        set({ choice, status: 'idle', result: null, error: null, message: null });
      },
      async create() {
        const { orgId, choice, status } = get();
        if (status === 'submitting') return;
        if (orgId === null) return void set({ message: '请先选择当前单位' });
        if (choice === null) return void set({ message: '请选择要邀请谁' });
        const target = choice.kind === 'staff' ? orgId : choice.orgId;
        const role: Role = choice.kind === 'staff' ? choice.role : 'owner';
        const checked = checkRequest('channel', 'invite', { orgId: target, role });
        if (!checked.ok) return void set({ message: checked.problem.message });
        set({ status: 'submitting', error: null, message: null });
        const r = await client.channel.invite(checked.value);
        if (!r.ok) {
          set({ status: 'failed', error: r.error, message: inviteFailureMessage(r.error) });
          return;
        }
        const forWhom = choice.kind === 'staff' ? `${ownName || '本单位'} · ${STAFF_LABELS[choice.role]}` : `${choice.orgName} · 老板`;
        set({
          status: 'done',
          result: { inviteCode: r.data.inviteCode, expiresAt: r.data.expiresAt ?? null, forWhom, app: choice.kind === 'owner' && choice.orgKind === 'store' ? 'terminal' : 'dealer' },
        });
      },
      reset() {
        if (get().status === 'submitting') return;
        set({ status: 'idle', result: null, error: null, message: null });
      },
    };
  });
}

/** `ABCD EFGH JK`: groups of four, easier to read out over the phone. */
export function groupCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}
