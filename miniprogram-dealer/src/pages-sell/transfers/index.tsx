/** Seller: transfers to confirm (the kit's `SellTransfers`; test ids there). */
import { SellTransfers } from '@channel-router/ui';
import { SellFrame } from '../../components/sell-frame';

export default function SellTransfersPage() {
  return (
    <SellFrame title='转账确认' testId='page-sell-transfers'>
      {(p, _q) => <SellTransfers {...p} />}
    </SellFrame>
  );
}
