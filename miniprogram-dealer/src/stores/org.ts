/**
 * Who is holding the phone and which org they act for. A person may belong to several dealers
 * or wholesalers (an owner of one, a salesperson of another): every screen acts for the org
 * chosen here, and the choice is remembered on the phone.
 *
 * Only dealer and wholesaler memberships count in this app; store staff use the store app and
 * brand staff the admin app.
 */
import { createStore } from 'zustand/vanilla';
import type { MeRes } from '@channel-router/shared/src/api/actions.js';
import type { Client } from '@channel-router/shared/src/client/index.js';
import type { OrgKind, Role } from '@channel-router/shared/src/model.js';
import { latest, type Load } from './load';
import { readJson, STORAGE_PREFIX, writeJson, type KeyValueStorage } from './storage';

export interface OrgMembership {
  orgId: string;
  kind: 'dealer' | 'wholesaler';
  role: Role;
  orgName: string;
}

/** What a membership lets a person do in this app (the server checks again on every call). */
export interface Abilities {
  receive: boolean;
  ship: boolean;
  stock: boolean;
  /** The org wallet: owners only (docs/wallets.md#accounts). */
  wallet: boolean;
  /** Alerts about the dealer's own goods and penalties against it: a first-tier dealer's owner. */
  alerts: boolean;
  penalties: boolean;
  /** Staff of its own org, owners of the orgs it supplies: owners only. */
  invite: boolean;
}

export function abilitiesOf(m: Pick<OrgMembership, 'kind' | 'role'>): Abilities {
  const owner = m.role === 'owner';
  const dealerOwner = owner && m.kind === 'dealer';
  return { receive: true, ship: true, stock: true, wallet: owner, alerts: dealerOwner, penalties: dealerOwner, invite: owner };
}

const CHANNEL_KINDS: ReadonlySet<OrgKind> = new Set<OrgKind>(['dealer', 'wholesaler']);

/** The memberships this app serves, in the order the server lists them. */
export function dealerMemberships(me: MeRes): OrgMembership[] {
  return me.memberships
    .filter((m): m is MeRes['memberships'][number] & { kind: 'dealer' | 'wholesaler' } => CHANNEL_KINDS.has(m.kind))
    .map((m) => ({ orgId: m.orgId, kind: m.kind, role: m.role, orgName: m.orgName !== undefined && m.orgName !== '' ? m.orgName : '未命名单位' }));
}

export const CURRENT_ORG_KEY = `${STORAGE_PREFIX}currentOrg`;

export interface OrgState {
  me: Load<MeRes>;
  memberships: OrgMembership[];
  /** Memberships of other kinds (a store, the brand): the app says where those belong. */
  otherMemberships: number;
  /** The org acted for; null until chosen when there are several. */
  currentOrgId: string | null;
  load(): Promise<void>;
  /** Chooses the org to act for (remembered). False when the person is not a member of it. */
  select(orgId: string): boolean;
}

export interface OrgDeps {
  client: Client;
  storage?: KeyValueStorage;
}

export function createOrgStore(deps: OrgDeps) {
  return createStore<OrgState>()((set, get) => {
    const gen = latest();
    return {
      me: { status: 'idle' },
      memberships: [],
      otherMemberships: 0,
      currentOrgId: null,
      async load() {
        const mine = gen.next();
        // A reload keeps the screen as it was until the answer arrives (no flash of "loading").
        if (get().me.status !== 'ready') set({ me: { status: 'loading' } });
        const r = await deps.client.channel.me({});
        if (!gen.isLatest(mine)) return;
        if (!r.ok) {
          // A failed refresh keeps what was known (the person can keep working); a first load says why.
          if (get().me.status !== 'ready') set({ me: { status: 'error', error: r.error } });
          return;
        }
        const memberships = dealerMemberships(r.data);
        const remembered = readJson(deps.storage, CURRENT_ORG_KEY);
        const current = get().currentOrgId ?? (typeof remembered === 'string' ? remembered : null);
        // Keep the choice while it is still a membership; with exactly one, there is nothing to choose.
        const currentOrgId = memberships.some((m) => m.orgId === current) ? current : memberships.length === 1 ? memberships[0]!.orgId : null;
        set({ me: { status: 'ready', value: r.data }, memberships, otherMemberships: r.data.memberships.length - memberships.length, currentOrgId });
        if (currentOrgId !== null) writeJson(deps.storage, CURRENT_ORG_KEY, currentOrgId);
      },
      select(orgId) {
        if (!get().memberships.some((m) => m.orgId === orgId)) return false;
        set({ currentOrgId: orgId });
        writeJson(deps.storage, CURRENT_ORG_KEY, orgId);
        return true;
      },
    };
  });
}

/** The membership acted for, or null (none yet, or not chosen). */
export function currentMembership(s: Pick<OrgState, 'memberships' | 'currentOrgId'>): OrgMembership | null {
  return s.memberships.find((m) => m.orgId === s.currentOrgId) ?? null;
}
