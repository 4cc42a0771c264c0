/**
 * Joining an org with an invite code (`channel.join`), in any app: the code is tidied as people
 * type it, checked on the phone with the server's schema (a typo is answered at once), sent, and
 * then the app reloads who the person is (`onJoined`, whose answer the result screen shows).
 * A problem with the code itself is said on the field; a lost reply offers "retry", which is safe:
 * joining again with the same code is the same membership.
 */
import { createStore } from 'zustand/vanilla';
import type { JoinRes } from '@channel-router/shared/api';
import type { Client, ClientError } from '@channel-router/shared/client';
import { isRetryable } from './load';
import { checkRequest } from './problems';

export type JoinPhase<T> =
  | { kind: 'idle' }
  | { kind: 'joining' }
  | { kind: 'joined'; result: JoinRes; joined: T }
  | { kind: 'failed'; error: ClientError; retryable: boolean };

export interface JoinState<T> {
  codeText: string;
  fieldError: string | null;
  phase: JoinPhase<T>;
  setCode(text: string): void;
  submit(): Promise<void>;
  reset(): void;
}

export interface JoinDeps<T> {
  client: Client;
  /** After joining: reload who the person is; the answer is what the result screen shows. */
  onJoined: (result: JoinRes) => Promise<T>;
  /** Who gives a new code when this one is used or expired: 「上级」, 「店主」. */
  issuer: string;
}

/**
 * Invite codes are read aloud and typed by hand: the spaces and dashes people add are dropped,
 * and the look-alikes are read as the server writes them (its codes use Crockford's alphabet,
 * which has no I, L or O: they can only be a mistyped 1 or 0).
 */
export function normalizeInvite(text: string): string {
  return text
    .replace(/[\s\u3000\-‐–—－]+/g, '')
    .toUpperCase()
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

/** Words for a code the server refused, said on the field; null when it is not about the code. */
export function inviteProblem(error: ClientError, issuer: string): string | null {
  switch (error.code) {
    case 'NOT_FOUND':
      return '没有这个邀请码，请核对后重新输入';
    case 'CONFLICT':
      return `这个邀请码已被使用或已过期，请向${issuer}索取新的邀请码`;
    case 'INVALID_ARGUMENT':
      return '邀请码格式不对，请核对后重新输入';
    default:
      return null;
  }
}

export function createJoin<T>(deps: JoinDeps<T>) {
  return createStore<JoinState<T>>()((set, get) => ({
    codeText: '',
    fieldError: null,
    phase: { kind: 'idle' },
    setCode(text) {
      if (get().phase.kind === 'joining') return;
      set({ codeText: text, fieldError: null, phase: { kind: 'idle' } });
    },
    async submit() {
      if (get().phase.kind === 'joining') return;
      const inviteCode = normalizeInvite(get().codeText);
      if (inviteCode === '') {
        set({ fieldError: '请填写邀请码' });
        return;
      }
      const checked = checkRequest('channel', 'join', { inviteCode });
      if (!checked.ok) {
        set({ fieldError: checked.problem.message });
        return;
      }
      set({ fieldError: null, phase: { kind: 'joining' } });
      const r = await deps.client.channel.join(checked.value);
      if (!r.ok) {
        const onField = inviteProblem(r.error, deps.issuer);
        set(onField !== null ? { fieldError: onField, phase: { kind: 'idle' } } : { phase: { kind: 'failed', error: r.error, retryable: isRetryable(r.error) } });
        return;
      }
      const joined = await deps.onJoined(r.data);
      set({ codeText: '', phase: { kind: 'joined', result: r.data, joined } });
    },
    reset() {
      if (get().phase.kind === 'joining') return;
      set({ codeText: '', fieldError: null, phase: { kind: 'idle' } });
    },
  }));
}
