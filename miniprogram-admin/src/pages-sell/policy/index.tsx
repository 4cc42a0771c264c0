/** Seller: a new or edited price policy (the kit's `SellPolicy`; test ids there). */
import { SellPolicy } from '@channel-router/ui';
import { SellFrame } from '../../components/sell-frame';

export default function SellPolicyPage() {
  return (
    <SellFrame title='编辑价格政策' testId='page-sell-policy'>
      {(p, q) => <SellPolicy {...p} {...(q.id ? { policyId: q.id } : {})} />}
    </SellFrame>
  );
}
