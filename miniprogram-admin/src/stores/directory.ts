/**
 * The brand's orgs and products (`channel.listOrgs`, `channel.listProducts`), loaded once and
 * shared by every screen that shows a name for an id: alerts, penalties, withdrawals, the
 * inspector's timeline, batches. Lists are capped by the server (1,000 orgs, 1,000 products).
 */
import { createStore } from 'zustand/vanilla';
import type { OrgView, ProductView } from '@channel-router/shared/api';
import type { Client } from '@channel-router/shared/client';
import type { ChannelOrgKind } from '@channel-router/shared/model';
import { latest, type Load } from '@channel-router/ui/kit';

/** The brand org's fixed id (server/src/channel/model.ts). */
export const BRAND_ORG_ID = 'brand';

export interface DirectoryState {
  orgs: Load<OrgView[]>;
  products: Load<ProductView[]>;
  /** Loads what is not loaded yet (or everything again with `force`). */
  load(force?: boolean): Promise<void>;
  reloadOrgs(): Promise<OrgView[] | null>;
  reloadProducts(): Promise<ProductView[] | null>;
}

export function createDirectoryStore(deps: { client: Client }) {
  return createStore<DirectoryState>()((set, get) => {
    const orgGen = latest();
    const productGen = latest();

    const reloadOrgs = async () => {
      const mine = orgGen.next();
      if (get().orgs.status === 'error') set({ orgs: { status: 'loading' } });
      const r = await deps.client.channel.listOrgs({});
      if (!orgGen.isLatest(mine)) return null;
      // Keep a list already shown when a background refresh fails: stale names beat none.
      if (!r.ok) {
        if (get().orgs.status !== 'ready') set({ orgs: { status: 'error', error: r.error } });
        return null;
      }
      set({ orgs: { status: 'ready', value: r.data.orgs } });
      return r.data.orgs;
    };

    const reloadProducts = async () => {
      const mine = productGen.next();
      if (get().products.status === 'error') set({ products: { status: 'loading' } });
      const r = await deps.client.channel.listProducts({});
      if (!productGen.isLatest(mine)) return null;
      if (!r.ok) {
        if (get().products.status !== 'ready') set({ products: { status: 'error', error: r.error } });
        return null;
      }
      set({ products: { status: 'ready', value: r.data.products } });
      return r.data.products;
    };

    return {
      orgs: { status: 'loading' },
      products: { status: 'loading' },
      async load(force = false) {
        const s = get();
        await Promise.all([
          force || s.orgs.status !== 'ready' ? reloadOrgs() : null,
          force || s.products.status !== 'ready' ? reloadProducts() : null,
        ]);
      },
      reloadOrgs,
      reloadProducts,
    };
  });
}

/** Names for ids, from whatever the directory holds (pure: pages and tests call it alike). */
export interface Names {
  org(id: string | null | undefined): string;
  product(id: string | null | undefined): string;
}

export function namesFrom(orgs: Load<OrgView[]>, products: Load<ProductView[]>, brandName: string | null): Names {
  const orgMap = new Map<string, string>();
  if (orgs.status === 'ready') for (const o of orgs.value) orgMap.set(o.id, o.name);
  const productMap = new Map<string, string>();
  if (products.status === 'ready') for (const p of products.value) productMap.set(p.id, p.name);
  return {
    org(id) {
      if (id === null || id === undefined || id === '') return '—';
      if (id === BRAND_ORG_ID) return brandName ?? '品牌方';
      return orgMap.get(id) ?? '未知组织';
    },
    product(id) {
      if (id === null || id === undefined || id === '') return '—';
      return productMap.get(id) ?? '未知商品';
    },
  };
}

export function orgsOfKind(orgs: readonly OrgView[], kind: ChannelOrgKind): OrgView[] {
  return orgs.filter((o) => o.kind === kind);
}
