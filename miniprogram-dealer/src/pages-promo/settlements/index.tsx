import { SettlementsScreen } from '@channel-router/ui';
import { PromoPage } from '../../components/promo';

export default function SettlementsPage() {
  return <PromoPage testId='settlements-page' title='清分单据'>{(p) => <SettlementsScreen {...p} />}</PromoPage>;
}
