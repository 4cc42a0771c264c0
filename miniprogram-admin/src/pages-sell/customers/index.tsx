/** Seller: customers (the kit's `SellCustomers`; test ids there). */
import { SellCustomers } from '@channel-router/ui';
import { SellFrame } from '../../components/sell-frame';

export default function SellCustomersPage() {
  return (
    <SellFrame title='客户' testId='page-sell-customers'>
      {(p, _q) => <SellCustomers {...p} />}
    </SellFrame>
  );
}
