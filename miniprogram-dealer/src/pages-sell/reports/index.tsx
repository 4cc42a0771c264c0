/** Seller: ordering reports with CSV export (the kit's `SellReports`; test ids there). */
import { SellReports } from '@channel-router/ui';
import { SellFrame } from '../../components/sell-frame';

export default function SellReportsPage() {
  return (
    <SellFrame title='报表' testId='page-sell-reports' wide>
      {(p, _q) => <SellReports {...p} />}
    </SellFrame>
  );
}
