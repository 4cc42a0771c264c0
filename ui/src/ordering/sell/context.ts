/**
 * What every seller screen is given by the app that wires it: the client, the selling org (the
 * brand in the admin app, the dealer or wholesaler acting now in the dealer app), moving between
 * the seller's pages, and where the phone keeps things.
 */
import { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { Client, ClientError } from '@channel-router/shared/client';
import type { CustomerView, ListPriceView, ProductView } from '@channel-router/shared/api';
import type { KeyValueStorage } from '../../kit/storage';
import type { SellPage } from '../../kit/ordering-sell/routes';

export interface Seller {
  orgId: string;
  name: string;
  kind: 'brand' | 'dealer' | 'wholesaler';
}

export interface SellerProps {
  client: Client;
  seller: Seller;
  go: (page: SellPage, params?: Record<string, string>) => void;
  back: () => void;
  storage?: KeyValueStorage;
  /** `cr.<app>.` */
  storagePrefix: string;
}

/** The buyer kinds a seller's prices reach (docs/ordering.md#prices): floors are checked for each. */
export function kindsSoldBy(kind: Seller['kind']): string[] {
  return kind === 'brand' ? ['dealer', 'wholesaler', 'store'] : kind === 'dealer' ? ['wholesaler', 'store'] : ['store'];
}

type Cached<T> = { at: number; key: string; value: T };
const CACHE_MS = 60_000;
const cache = new Map<string, Cached<unknown>>();

/** Reference lists (customers, products, list prices) shared by the seller's screens for a minute. */
function useShared<T>(key: string, run: () => Promise<{ ok: true; data: T } | { ok: false; error: ClientError }>): { value: T | null; error: ClientError | null; reload: () => void } {
  const hit = cache.get(key) as Cached<T> | undefined;
  const fresh = hit !== undefined && Date.now() - hit.at < CACHE_MS;
  const [state, setState] = useState<{ value: T | null; error: ClientError | null }>({ value: fresh ? hit.value : null, error: null });
  const [n, setN] = useState(0);
  useEffect(() => {
    const h = cache.get(key) as Cached<T> | undefined;
    if (n === 0 && h !== undefined && Date.now() - h.at < CACHE_MS) {
      setState({ value: h.value, error: null });
      return;
    }
    let live = true;
    void run().then((r) => {
      if (!live) return;
      if (r.ok) cache.set(key, { at: Date.now(), key, value: r.data });
      setState(r.ok ? { value: r.data, error: null } : { value: null, error: r.error });
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, n]);
  return { ...state, reload: () => setN((x) => x + 1) };
}

export function forgetShared(prefix: string): void {
  for (const k of [...cache.keys()]) if (k.startsWith(prefix)) cache.delete(k);
}

export function useCustomers(p: Pick<SellerProps, 'client' | 'seller'>) {
  const r = useShared<CustomerView[]>(`customers:${p.seller.orgId}`, async () => {
    const x = await p.client.trade.listCustomers({ sellerOrgId: p.seller.orgId });
    return x.ok ? { ok: true, data: x.data.customers } : x;
  });
  const nameOf = (buyerOrgId: string) => r.value?.find((c) => c.buyerOrgId === buyerOrgId)?.buyerName ?? buyerOrgId;
  return { ...r, nameOf };
}

export function useProducts(p: Pick<SellerProps, 'client'>) {
  const r = useShared<ProductView[]>('products', async () => {
    const x = await p.client.channel.listProducts({});
    return x.ok ? { ok: true, data: x.data.products } : x;
  });
  const nameOf = (productId: string) => r.value?.find((x) => x.id === productId)?.name ?? productId;
  return { ...r, nameOf };
}

export function useListPrices(p: Pick<SellerProps, 'client'>) {
  const r = useShared<ListPriceView[]>('list-prices', async () => {
    const x = await p.client.trade.listListPrices({});
    return x.ok ? { ok: true, data: x.data.prices } : x;
  });
  const of = (productId: string) => r.value?.find((x) => x.productId === productId) ?? null;
  return { ...r, of };
}

/** A query that keeps showing its last answer while it loads again (a step's reload keeps the screen). */
export function useKept<T>(q: { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: ClientError }) {
  const [last, setLast] = useState<T | null>(null);
  useEffect(() => {
    if (q.status === 'ready') setLast(q.data);
  }, [q]);
  const data = q.status === 'ready' ? q.data : last;
  return { data, error: q.status === 'error' ? q.error : null, loading: q.status === 'loading' };
}

/** Reads again when the person comes back to the screen (after approving or shipping elsewhere); not on its first show. */
export function useReloadOnShow(reload: () => void): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) reload();
    shown.current = true;
  });
}
