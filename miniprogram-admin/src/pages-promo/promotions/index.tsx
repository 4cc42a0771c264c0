import { PromotionListScreen } from '@channel-router/ui';
import { PromoScreen } from '../../components/promo';

export default function PromotionsPage() {
  return <PromoScreen testId='promotions-page' title='促销' subtitle='满减、满折、满送、特价、套餐'>{(p) => <PromotionListScreen {...p} />}</PromoScreen>;
}
