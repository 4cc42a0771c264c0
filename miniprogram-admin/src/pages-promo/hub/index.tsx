import { PromoHub } from '@channel-router/ui';
import { PromoScreen } from '../../components/promo';

export default function PromoHubPage() {
  return <PromoScreen testId='promo-hub-page' title='促销与返利'>{(p) => <PromoHub {...p} />}</PromoScreen>;
}
