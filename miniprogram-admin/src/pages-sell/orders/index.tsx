/** Seller: incoming orders by state (the kit's `SellOrders`; test ids there). */
import { SellOrders } from '@channel-router/ui';
import { SellFrame } from '../../components/sell-frame';

export default function SellOrdersPage() {
  return (
    <SellFrame title='订单' testId='page-sell-orders' wide>
      {(p, _q) => <SellOrders {...p} />}
    </SellFrame>
  );
}
