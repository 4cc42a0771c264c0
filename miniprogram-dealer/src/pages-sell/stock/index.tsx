/** Seller: stock, moves, safety stock (the kit's `SellStock`; test ids there). */
import { SellStock } from '@channel-router/ui';
import { SellFrame } from '../../components/sell-frame';

export default function SellStockPage() {
  return (
    <SellFrame title='库存' testId='page-sell-stock'>
      {(p, _q) => <SellStock {...p} />}
    </SellFrame>
  );
}
