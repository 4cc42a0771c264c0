/** Seller: one order: approve, reject, ship, close, cancel, transfers, returns (the kit's `SellOrder`; test ids there). */
import { SellOrder } from '@channel-router/ui';
import { SellFrame } from '../../components/sell-frame';

export default function SellOrderPage() {
  return (
    <SellFrame title='订单详情' testId='page-sell-order'>
      {(p, q) => <SellOrder {...p} orderId={q.id ?? ''} />}
    </SellFrame>
  );
}
