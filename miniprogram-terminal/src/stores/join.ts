/**
 * Joining a store with the invite code its owner (or the brand) gave: checked on the phone with
 * the server's schema, then `channel.join`, then the session reloads so the store appears.
 * Joining is idempotent on the server for the same person, so "retry" after a lost reply is safe.
 */
import { createStore } from 'zustand/vanilla';
import type { JoinRes } from '@channel-router/shared/api';
import type { Client, ClientError } from '@channel-router/shared/client';
import { checkRequest, isRetryable } from '@channel-router/ui/kit';
import type { SessionStore } from './session';

export type JoinPhase =
  | { kind: 'idle' }
  | { kind: 'joining' }
  | { kind: 'joined'; result: JoinRes; orgName: string | null; isStore: boolean }
  | { kind: 'failed'; error: ClientError; retryable: boolean };

export interface JoinState {
  codeText: string;
  fieldError: string | null;
  phase: JoinPhase;
  setCode(text: string): void;
  submit(): Promise<void>;
  reset(): void;
}

export interface JoinDeps {
  client: Client;
  session: SessionStore;
}

/** The server answers CONFLICT for an invite used by someone else or expired. */
const WORDS: Partial<Record<ClientError['code'], string>> = {
  NOT_FOUND: '没有这个邀请码，请核对后重新输入',
  CONFLICT: '这个邀请码已被使用或已过期，请向店主索取新的邀请码',
};

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

export function createJoinStore(deps: JoinDeps) {
  return createStore<JoinState>()((set, get) => ({
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
        const words = WORDS[r.error.code];
        const error = words === undefined ? r.error : { ...r.error, userMessage: words };
        set({ phase: { kind: 'failed', error, retryable: isRetryable(r.error) } });
        return;
      }
      await deps.session.getState().load();
      const s = deps.session.getState();
      const me = s.me.status === 'ready' ? s.me.value : null;
      const store = me?.stores.find((m) => m.orgId === r.data.orgId);
      const other = me?.others.find((m) => m.orgId === r.data.orgId);
      if (store !== undefined) s.select(store.orgId);
      set({
        codeText: '',
        phase: { kind: 'joined', result: r.data, orgName: store?.orgName ?? other?.orgName ?? null, isStore: store !== undefined || me === null },
      });
    },
    reset() {
      if (get().phase.kind === 'joining') return;
      set({ phase: { kind: 'idle' }, fieldError: null });
    },
  }));
}
