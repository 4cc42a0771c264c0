import { SettlementsScreen } from '@channel-router/ui';
import { PromoScreen } from '../../components/promo';

export default function SettlementsPage() {
  return <PromoScreen testId='settlements-page' title='清分单据' subtitle='已完成订单的分账与费用'>{(p) => <SettlementsScreen {...p} />}</PromoScreen>;
}
