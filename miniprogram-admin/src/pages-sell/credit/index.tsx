/** Seller: credit lines (the kit's `SellCredit`; test ids there). */
import { SellCredit } from '@channel-router/ui';
import { SellFrame } from '../../components/sell-frame';

export default function SellCreditPage() {
  return (
    <SellFrame title='授信额度' testId='page-sell-credit'>
      {(p, _q) => <SellCredit {...p} />}
    </SellFrame>
  );
}
