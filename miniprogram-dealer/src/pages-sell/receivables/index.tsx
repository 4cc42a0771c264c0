/** Seller: receivables with ageing (the kit's `SellReceivables`; test ids there). */
import { SellReceivables } from '@channel-router/ui';
import { SellFrame } from '../../components/sell-frame';

export default function SellReceivablesPage() {
  return (
    <SellFrame title='应收账款' testId='page-sell-receivables' wide>
      {(p, _q) => <SellReceivables {...p} />}
    </SellFrame>
  );
}
