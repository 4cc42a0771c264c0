import { PromoHub } from '@channel-router/ui';
import { PromoPage } from '../../components/promo';

export default function PromoHubPage() {
  return <PromoPage testId='promo-hub-page' title='促销与返利'>{(p) => <PromoHub {...p} />}</PromoPage>;
}
