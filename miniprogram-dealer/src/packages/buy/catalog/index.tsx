/** 订货: the brand's catalogue at the dealer's prices (the kit's CatalogScreen; its test ids). */
import { CatalogScreen } from '@channel-router/ui';
import { BuyPage, buying, nav } from '../buying';

export default function Catalog() {
  return <BuyPage testId='page-catalog' title='订货' subtitle='品牌的商品，按本单位价格'>{(orgId) => <CatalogScreen buying={buying} buyerOrgId={orgId} nav={nav} />}</BuyPage>;
}
