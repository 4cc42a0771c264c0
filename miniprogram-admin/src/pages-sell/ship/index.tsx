/** Seller: ship an order by scanning, with per-line progress (the kit's `SellShip`; test ids there). */
import { SellShip } from '@channel-router/ui';
import { SellFrame } from '../../components/sell-frame';

export default function SellShipPage() {
  return (
    <SellFrame title='按订单发货' testId='page-sell-ship'>
      {(p, q) => <SellShip {...p} orderId={q.id ?? ''} />}
    </SellFrame>
  );
}
