/**
 * Who is holding the phone (`channel.me`) and which store they are working for. A person may
 * belong to several stores; the choice is kept across restarts. Memberships of other kinds of org
 * (a dealer's staff who opened this app) are kept apart: this app serves stores.
 */
import { createStore } from 'zustand/vanilla';
import type { MeRes } from '@channel-router/shared/api';
import type { OrgKind, Role } from '@channel-router/shared/model';
import type { Client } from '@channel-router/shared/client';
import type { KeyValueStorage, Load } from '@channel-router/ui/kit';

/** The store the person works for now (a person may belong to several). */
export const CURRENT_ORG_KEY = 'cr.terminal.org';

export interface StoreMembership {
  orgId: string;
  orgName: string;
  role: Role;
}

export interface OtherMembership {
  orgId: string;
  orgName: string;
  kind: OrgKind;
  role: Role;
}

export interface Identity {
  unionId: string;
  /** The weapp upload folder's owner (receipts, return photos); null from an older server. */
  openId: string | null;
  stores: StoreMembership[];
  others: OtherMembership[];
}

export interface SessionState {
  me: Load<Identity>;
  /** The chosen store (one of `me.stores`), or null when the person belongs to none. */
  orgId: string | null;
  load(): Promise<void>;
  select(orgId: string): void;
}

export interface SessionDeps {
  client: Client;
  storage: KeyValueStorage;
}

export function identityOf(me: MeRes): Identity {
  const stores: StoreMembership[] = [];
  const others: OtherMembership[] = [];
  for (const m of me.memberships) {
    const orgName = m.orgName !== undefined && m.orgName !== '' ? m.orgName : '未命名门店';
    if (m.kind === 'store') {
      // One row per store: a person who is both owner and clerk acts as the owner.
      const existing = stores.find((s) => s.orgId === m.orgId);
      if (existing === undefined) stores.push({ orgId: m.orgId, orgName, role: m.role });
      else if (m.role === 'owner') existing.role = 'owner';
    } else {
      others.push({ orgId: m.orgId, orgName, kind: m.kind, role: m.role });
    }
  }
  return { unionId: me.unionId, openId: me.openId ?? null, stores, others };
}

/** The store membership the screens work with, or null. */
export function currentStore(s: Pick<SessionState, 'me' | 'orgId'>): StoreMembership | null {
  if (s.me.status !== 'ready' || s.orgId === null) return null;
  return s.me.value.stores.find((m) => m.orgId === s.orgId) ?? null;
}

/** Only a store's owner may see and move its money (the server checks it again). */
export function isOwner(m: StoreMembership | null): boolean {
  return m !== null && m.role === 'owner';
}

export function createSessionStore(deps: SessionDeps) {
  return createStore<SessionState>()((set, get) => {
    let generation = 0;
    const remembered = (): string | null => {
      const v = deps.storage.get(CURRENT_ORG_KEY);
      return typeof v === 'string' && v !== '' ? v : null;
    };
    return {
      me: { status: 'loading' },
      orgId: null,
      async load() {
        const mine = ++generation;
        // Keep what is shown while refreshing; only a first load shows the spinner.
        if (get().me.status !== 'ready') set({ me: { status: 'loading' } });
        const r = await deps.client.channel.me({});
        if (mine !== generation) return; // a newer load is on its way
        if (!r.ok) {
          if (get().me.status !== 'ready') set({ me: { status: 'error', error: r.error } });
          return;
        }
        const identity = identityOf(r.data);
        const wanted = get().orgId ?? remembered();
        const orgId = identity.stores.some((s) => s.orgId === wanted) ? wanted : identity.stores[0]?.orgId ?? null;
        set({ me: { status: 'ready', value: identity }, orgId });
        if (orgId !== null) deps.storage.set(CURRENT_ORG_KEY, orgId);
      },
      select(orgId) {
        const me = get().me;
        if (me.status !== 'ready' || !me.value.stores.some((s) => s.orgId === orgId)) return;
        set({ orgId });
        deps.storage.set(CURRENT_ORG_KEY, orgId);
      },
    };
  });
}

export type SessionStore = ReturnType<typeof createSessionStore>;

/**
 * After joining by invite: reload who the person is and, for a store, act for it now. What the
 * result screen says: the org's name, and whether it is a store (else another app serves it).
 */
export async function afterJoin(session: SessionStore, orgId: string): Promise<{ orgName: string | null; isStore: boolean }> {
  await session.getState().load();
  const s = session.getState();
  const me = s.me.status === 'ready' ? s.me.value : null;
  const store = me?.stores.find((m) => m.orgId === orgId);
  const other = me?.others.find((m) => m.orgId === orgId);
  if (store !== undefined) s.select(store.orgId);
  return { orgName: store?.orgName ?? other?.orgName ?? null, isStore: store !== undefined || me === null };
}
