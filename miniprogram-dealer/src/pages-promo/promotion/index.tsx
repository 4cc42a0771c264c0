import { useRouter } from '@tarojs/taro';
import { PromotionEditorScreen } from '@channel-router/ui';
import { PROMOTION_TYPES, type PromotionType } from '@channel-router/shared';
import { PromoPage } from '../../components/promo';

export default function PromotionPage() {
  const { params } = useRouter();
  const type = PROMOTION_TYPES.find((t) => t === params.type) as PromotionType | undefined;
  return <PromoPage testId='promotion-page' title={params.id === undefined ? '新建促销' : '编辑促销'}>{(p) => <PromotionEditorScreen {...p} promotionId={params.id} type={type} />}</PromoPage>;
}
