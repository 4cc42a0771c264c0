/**
 * What every promotion screen is given by the app that wires it: the client, the selling org (the
 * brand in the admin app, the dealer or wholesaler acting now in the dealer app), the person's
 * roles there (who may take a statement's step), and moving between the subpackage's pages.
 */
import { useEffect, useState } from 'react';
import type { Client, ClientError, ClientResult } from '@channel-router/shared/client';
import { createPromotionsApi, type CustomerRef, type ListPriceRef, type ProductRef, type PromotionsApi } from '../kit/promotions/api';
import type { PromoPage } from '../kit/promotions/routes';

export interface PromoSeller {
  orgId: string;
  name: string;
  kind: 'brand' | 'dealer' | 'wholesaler';
}

export interface PromoSellerProps {
  client: Client;
  seller: PromoSeller;
  /** The person's roles in the seller (`admin` for brand admins, `owner`, `finance`, …). */
  roles: readonly string[];
  go: (page: PromoPage, params?: Record<string, string>) => void;
  back: () => void;
}

const apis = new WeakMap<Client, PromotionsApi>();
/** One adapter per client. */
export function promoApi(client: Client): PromotionsApi {
  let a = apis.get(client);
  if (a === undefined) {
    a = createPromotionsApi(client);
    apis.set(client, a);
  }
  return a;
}

type Ref<T> = { value: T; error: ClientError | null; loading: boolean };
const CACHE_MS = 60_000;
const cache = new Map<string, { at: number; value: unknown }>();

/** A reference list (products, prices, customers) kept for a minute across the promotion screens. */
function useRefList<T>(key: string, empty: T, run: () => Promise<ClientResult<T>>): Ref<T> {
  const hit = cache.get(key);
  const fresh = hit !== undefined && Date.now() - hit.at < CACHE_MS;
  const [state, setState] = useState<Ref<T>>({ value: fresh ? (hit.value as T) : empty, error: null, loading: !fresh });
  useEffect(() => {
    if (fresh) return;
    let live = true;
    void run().then((r) => {
      if (!live) return;
      if (r.ok) cache.set(key, { at: Date.now(), value: r.data });
      setState(r.ok ? { value: r.data, error: null, loading: false } : { value: empty, error: r.error, loading: false });
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}

export function useProductRefs(client: Client): Ref<ProductRef[]> {
  return useRefList<ProductRef[]>('promo:products', [], () => promoApi(client).listProducts());
}
/** List prices may be unavailable (an older backend): the preview then asks for prices typed. */
export function usePriceRefs(client: Client): Ref<ListPriceRef[]> {
  return useRefList<ListPriceRef[]>('promo:prices', [], () => promoApi(client).listListPrices());
}
export function useCustomerRefs(client: Client, sellerOrgId: string): Ref<CustomerRef[]> {
  return useRefList<CustomerRef[]>(`promo:customers:${sellerOrgId}`, [], () => promoApi(client).listCustomers(sellerOrgId));
}

/** Drops the kept lists (after a save that may change them). */
export function forgetPromoRefs(): void {
  cache.clear();
}
