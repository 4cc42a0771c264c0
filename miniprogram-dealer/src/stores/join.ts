/**
 * Joining an org with an invite code (`channel.join`). The code is checked on the phone with the
 * server's schema first (letters and digits, 4–32), so a typo is answered at once.
 */
import { createStore } from 'zustand/vanilla';
import type { JoinRes } from '@channel-router/shared/api';
import type { Client, ClientError } from '@channel-router/shared/client';
import { checkRequest, isRetryable } from '@channel-router/ui/kit';

export interface JoinState {
  codeText: string;
  fieldError: string | null;
  status: 'idle' | 'submitting' | 'done' | 'failed';
  result: JoinRes | null;
  error: ClientError | null;
  message: string | null;
  setCode(text: string): void;
  submit(): Promise<void>;
  reset(): void;
}

export interface JoinDeps {
  client: Client;
  /** After joining: reload memberships and act for the new org. */
  onJoined: (orgId: string) => Promise<void>;
}

export function joinFailureMessage(error: ClientError): string {
  switch (error.code) {
    case 'NOT_FOUND':
      return '邀请码不存在，请核对后重新输入';
    case 'CONFLICT':
      return '这个邀请码已被使用或已过期，请向上级索取新的邀请码';
    case 'INVALID_ARGUMENT':
      return '邀请码格式不对，请核对后重新输入';
    default:
      return error.userMessage;
  }
}

/** What a person types or pastes: spaces and dashes between groups are fine. */
export function cleanInviteCode(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase();
}

export function createJoinStore(deps: JoinDeps) {
  return createStore<JoinState>()((set, get) => ({
    codeText: '',
    fieldError: null,
    status: 'idle',
    result: null,
    error: null,
    message: null,
    setCode(text) {
      if (get().status === 'submitting') return;
      set({ codeText: text, fieldError: null, status: 'idle', error: null, message: null });
    },
    async submit() {
      if (get().status === 'submitting') return;
      const inviteCode = cleanInviteCode(get().codeText);
      if (inviteCode === '') {
        set({ fieldError: '请填写邀请码' });
        return;
      }
      const checked = checkRequest('channel', 'join', { inviteCode });
      if (!checked.ok) {
        set({ fieldError: checked.problem.message });
        return;
      }
      set({ fieldError: null, status: 'submitting', error: null, message: null });
      const r = await deps.client.channel.join(checked.value);
      if (!r.ok) {
        const message = joinFailureMessage(r.error);
        // A problem with the code itself is shown on the field; a network problem offers retry.
        set(isRetryable(r.error) ? { status: 'failed', error: r.error, message } : { status: 'idle', error: r.error, fieldError: message });
        return;
      }
      await deps.onJoined(r.data.orgId);
      set({ status: 'done', result: r.data, codeText: '' });
    },
    reset() {
      if (get().status === 'submitting') return;
      set({ codeText: '', fieldError: null, status: 'idle', result: null, error: null, message: null });
    },
  }));
}
