/**
 * Who is using the admin app (`channel.me`): a brand admin, a brand inspector, or nobody yet.
 * Nobody yet means either an empty database (first run: name the brand, `channel.bootstrap`) or a
 * person the brand has not invited: they join with an invite code (`channel.join`).
 *
 * Bootstrap and join are not retried by the client (they are writes without a request key); the
 * page offers "retry", and a retry whose first attempt did reach the server is recognised: the
 * CONFLICT that follows is checked against `channel.me` before it is shown as a failure.
 */
import { createStore } from 'zustand/vanilla';
import type { MeRes } from '@channel-router/shared/api';
import type { Client, ClientError } from '@channel-router/shared/client';
import { parseRequest } from '@channel-router/shared/validation/requests';
import { describeProblem, type ProblemLabels } from '@channel-router/ui/kit';
import type { Load } from '@channel-router/ui/kit';

export type BrandRole = 'admin' | 'inspector';

export interface Me {
  unionId: string;
  /** The person's role in the brand org, null when they are not brand staff. */
  role: BrandRole | null;
  brandName: string | null;
}

export function meFrom(res: MeRes): Me {
  const brand = res.memberships.filter((m) => m.kind === 'brand');
  const role: BrandRole | null = brand.some((m) => m.role === 'admin') ? 'admin' : brand.some((m) => m.role === 'inspector') ? 'inspector' : null;
  const name = brand.find((m) => typeof m.orgName === 'string' && m.orgName !== '')?.orgName ?? null;
  return { unionId: res.unionId, role, brandName: name };
}

export interface SubmitState {
  text: string;
  fieldError: string | null;
  status: 'idle' | 'submitting' | 'failed';
  error: ClientError | null;
}

const EMPTY_SUBMIT: SubmitState = { text: '', fieldError: null, status: 'idle', error: null };

export interface SessionState {
  me: Load<Me>;
  bootstrap: SubmitState;
  join: SubmitState;
  load(): Promise<void>;
  setBrandName(text: string): void;
  submitBootstrap(): Promise<void>;
  setInviteCode(text: string): void;
  submitJoin(): Promise<void>;
}

const BOOTSTRAP_FIELDS: ProblemLabels = { brandName: { label: '品牌名称' } };
const JOIN_FIELDS: ProblemLabels = { inviteCode: { label: '邀请码', format: '4 到 32 位字母或数字' } };

export function createSessionStore(deps: { client: Client }) {
  return createStore<SessionState>()((set, get) => {
    const loadMe = async (): Promise<Me | null> => {
      const r = await deps.client.channel.me({});
      if (!r.ok) {
        set({ me: { status: 'error', error: r.error } });
        return null;
      }
      const me = meFrom(r.data);
      set({ me: { status: 'ready', value: me } });
      return me;
    };

    return {
      me: { status: 'loading' },
      bootstrap: EMPTY_SUBMIT,
      join: EMPTY_SUBMIT,

      async load() {
        if (get().me.status !== 'ready') set({ me: { status: 'loading' } });
        await loadMe();
      },

      setBrandName(text) {
        if (get().bootstrap.status === 'submitting') return;
        set({ bootstrap: { ...get().bootstrap, text, fieldError: null, status: 'idle', error: null } });
      },

      async submitBootstrap() {
        const b = get().bootstrap;
        if (b.status === 'submitting') return;
        const parsed = parseRequest('channel', 'bootstrap', { brandName: b.text });
        if (!parsed.ok) {
          set({ bootstrap: { ...b, fieldError: describeProblem(parsed.error, BOOTSTRAP_FIELDS).message } });
          return;
        }
        set({ bootstrap: { ...b, fieldError: null, status: 'submitting', error: null } });
        const r = await deps.client.channel.bootstrap(parsed.data);
        if (r.ok) {
          await loadMe();
          set({ bootstrap: EMPTY_SUBMIT });
          return;
        }
        if (r.error.code === 'CONFLICT') {
          // Set up already: by our own earlier attempt (then we are its admin) or by someone else.
          const me = await loadMe();
          if (me?.role === 'admin') {
            set({ bootstrap: EMPTY_SUBMIT });
            return;
          }
          set({ bootstrap: { ...get().bootstrap, status: 'failed', error: { ...r.error, userMessage: '品牌已经建立过了。请让品牌管理员给您一个邀请码，用邀请码加入。' } } });
          return;
        }
        set({ bootstrap: { ...get().bootstrap, status: 'failed', error: r.error } });
      },

      setInviteCode(text) {
        if (get().join.status === 'submitting') return;
        set({ join: { ...get().join, text, fieldError: null, status: 'idle', error: null } });
      },

      async submitJoin() {
        const j = get().join;
        if (j.status === 'submitting') return;
        const parsed = parseRequest('channel', 'join', { inviteCode: j.text });
        if (!parsed.ok) {
          set({ join: { ...j, fieldError: describeProblem(parsed.error, JOIN_FIELDS).message } });
          return;
        }
        set({ join: { ...j, fieldError: null, status: 'submitting', error: null } });
        // The server answers a repeated join of the same person with the same invite as success.
        const r = await deps.client.channel.join(parsed.data);
        if (!r.ok) {
          set({ join: { ...get().join, status: 'failed', error: r.error } });
          return;
        }
        const me = await loadMe();
        if (me !== null && me.role === null) {
          // The invite was for a dealer or store: that person belongs in another app.
          set({ join: { ...get().join, status: 'failed', error: { code: 'FORBIDDEN', message: 'not a brand invite', userMessage: '已加入，但这是渠道（经销商或门店）的邀请码，请在对应的小程序中使用。' } } });
          return;
        }
        set({ join: EMPTY_SUBMIT });
      },
    };
  });
}
