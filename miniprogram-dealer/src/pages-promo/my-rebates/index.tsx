import { MyRebatesScreen } from '@channel-router/ui';
import { PromoPage } from '../../components/promo';

/** The org as a buyer: its rebate statements and balances with its suppliers. */
export default function MyRebatesPage() {
  return <PromoPage testId='my-rebates-page' title='我的返利'>{(p, m) => <MyRebatesScreen client={p.client} buyerOrgId={m.orgId} />}</PromoPage>;
}
