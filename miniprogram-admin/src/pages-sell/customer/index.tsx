/** Seller: a customer's profile (the kit's `SellCustomer`; test ids there). */
import { SellCustomer } from '@channel-router/ui';
import { SellFrame } from '../../components/sell-frame';

export default function SellCustomerPage() {
  return (
    <SellFrame title='客户资料' testId='page-sell-customer'>
      {(p, q) => <SellCustomer {...p} buyerOrgId={q.id ?? ''} />}
    </SellFrame>
  );
}
