/**
 * The orgs an org supplies directly (`channel.listOrgs` with `upstreamId`): whom it can ship to
 * and whose owners it can invite. Stores and wholesalers, each with its region.
 */
import { createStore } from 'zustand/vanilla';
import type { OrgView } from '@channel-router/shared/api';
import type { Client } from '@channel-router/shared/client';
import { latest, type Load } from '@channel-router/ui/kit';

export interface DownstreamState {
  orgId: string | null;
  orgs: Load<OrgView[]>;
  load(orgId: string): Promise<void>;
}

export function createDownstreamStore(client: Client) {
  return createStore<DownstreamState>()((set, get) => {
    const gen = latest();
    return {
      orgId: null,
      orgs: { status: 'idle' },
      async load(orgId) {
        const mine = gen.next();
        if (get().orgId !== orgId || get().orgs.status !== 'ready') set({ orgId, orgs: { status: 'loading' } });
        const r = await client.channel.listOrgs({ upstreamId: orgId });
        if (!gen.isLatest(mine)) return;
        // Only the orgs this one supplies, whatever the server adds later.
        set({ orgs: r.ok ? { status: 'ready', value: r.data.orgs.filter((o) => o.upstreamId === orgId && (o.kind === 'store' || o.kind === 'wholesaler')) } : { status: 'error', error: r.error } });
      },
    };
  });
}
