/**
 * 我的返利: the store's rebate statements from its suppliers and its rebate balances (the kit's
 * buyer view, ui/src/promotions/my-rebates.tsx).
 * testIds: my-rebates-page and the kit's (my-rebates, my-rebates-summary, statement-<id>, …);
 *   (from StoreGate) me-loading, me-error, me-retry, no-store, go-join, owner-only
 */
import { Header, MyRebatesScreen, Page } from '@channel-router/ui';
import { client } from '../../services/app';
import { StoreGate } from '../../components/store-gate';
import { onBackIfH5 } from '../../services/nav';

export default function MyRebates() {
  return (
    <Page testId='my-rebates-page'>
      <Header title='我的返利' subtitle='供货方按返利政策结算给本店的返利' onBack={onBackIfH5} />
      <StoreGate ownerOnly>{(store) => <MyRebatesScreen client={client} buyerOrgId={store.orgId} />}</StoreGate>
    </Page>
  );
}
