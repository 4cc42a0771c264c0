/** Seller: returns to approve or reject (the kit's `SellReturns`; test ids there). */
import { SellReturns } from '@channel-router/ui';
import { SellFrame } from '../../components/sell-frame';

export default function SellReturnsPage() {
  return (
    <SellFrame title='退货审核' testId='page-sell-returns'>
      {(p, _q) => <SellReturns {...p} />}
    </SellFrame>
  );
}
