/**
 * The frame of every seller page of the dealer app (subpackage pages-sell/): the org acting now
 * (the gate), the seller's page header, and what the kit's seller screens are given.
 */
import { useRouter } from '@tarojs/taro';
import type { ReactNode } from 'react';
import { createNav, Header, Page, taroStorage, type SellerProps } from '@channel-router/ui';
import { SELL_PAGES, storagePrefix } from '@channel-router/ui/kit';
import { client } from '../services/app';
import { OrgGate } from './org-gate';
import { PAGES } from './nav';

const nav = createNav({ ...SELL_PAGES, home: PAGES.home });

export function SellFrame({ title, testId, wide, children }: { title: string; testId: string; wide?: boolean; children: (p: SellerProps, params: Record<string, string | undefined>) => ReactNode }) {
  const { params } = useRouter();
  return (
    <Page testId={testId} className={wide === true ? 'cr-sell-wide' : undefined}>
      <OrgGate title={title}>
        {(m) => (
          <>
            <Header title={title} subtitle={m.orgName} onBack={nav.onBackH5} />
            {children(
              {
                client,
                seller: { orgId: m.orgId, name: m.orgName, kind: m.kind },
                go: (page, q) => nav.go(SELL_PAGES[page], q),
                back: nav.back,
                storage: taroStorage,
                storagePrefix: storagePrefix('dealer'),
              },
              params,
            )}
          </>
        )}
      </OrgGate>
    </Page>
  );
}
