/**
 * The frame of every seller page of the admin app (subpackage pages-sell/): brand admins only
 * (the Screen frame), selling as the brand; what the kit's seller screens are given.
 */
import { useRouter } from '@tarojs/taro';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import { createNav, taroStorage, type SellerProps } from '@channel-router/ui';
import { SELL_PAGES, storagePrefix, valueOf } from '@channel-router/ui/kit';
import { client, sessionStore } from '../services/app';
import { BRAND_ORG_ID } from '../stores/directory';
import { ROUTES } from '../nav';
import { Screen } from './screen';

const nav = createNav({ ...SELL_PAGES, home: ROUTES.home });

export function SellFrame({ title, testId, wide, children }: { title: string; testId: string; wide?: boolean; children: (p: SellerProps, params: Record<string, string | undefined>) => ReactNode }) {
  const { params } = useRouter();
  const brandName = useStore(sessionStore, (s) => valueOf(s.me)?.brandName ?? null) ?? '品牌';
  return (
    <Screen testId={testId} title={title} access='admin' wide={wide}>
      {children(
        {
          client,
          seller: { orgId: BRAND_ORG_ID, name: brandName, kind: 'brand' },
          go: (page, q) => nav.go(SELL_PAGES[page], q),
          back: nav.back,
          storage: taroStorage,
          storagePrefix: storagePrefix('admin'),
        },
        params,
      )}
    </Screen>
  );
}
