/** Seller: the brand's list prices and floors (the kit's `SellPrices`; test ids there). */
import { SellPrices } from '@channel-router/ui';
import { SellFrame } from '../../components/sell-frame';

export default function SellPricesPage() {
  return (
    <SellFrame title='价目与控价' testId='page-sell-prices' wide>
      {(p, _q) => <SellPrices {...p} />}
    </SellFrame>
  );
}
