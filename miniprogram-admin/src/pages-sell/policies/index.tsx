/** Seller: price policies, CSV import and export (the kit's `SellPolicies`; test ids there). */
import { SellPolicies } from '@channel-router/ui';
import { SellFrame } from '../../components/sell-frame';

export default function SellPoliciesPage() {
  return (
    <SellFrame title='价格政策' testId='page-sell-policies'>
      {(p, _q) => <SellPolicies {...p} />}
    </SellFrame>
  );
}
