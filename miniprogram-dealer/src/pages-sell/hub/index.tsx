/** Seller: the seller office: every seller screen, incoming orders with a badge (the kit's `SellHub`; test ids there). */
import { SellHub } from '@channel-router/ui';
import { SellFrame } from '../../components/sell-frame';

export default function SellHubPage() {
  return (
    <SellFrame title='销售管理' testId='page-sell-hub'>
      {(p, _q) => <SellHub {...p} />}
    </SellFrame>
  );
}
