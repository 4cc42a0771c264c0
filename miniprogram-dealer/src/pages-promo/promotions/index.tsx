import { PromotionListScreen } from '@channel-router/ui';
import { PromoPage } from '../../components/promo';

export default function PromotionsPage() {
  return <PromoPage testId='promotions-page' title='促销'>{(p) => <PromotionListScreen {...p} />}</PromoPage>;
}
