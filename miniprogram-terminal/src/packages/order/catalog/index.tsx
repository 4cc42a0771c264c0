/** 订货: the supplier's catalogue at the store's prices (the kit's CatalogScreen; its test ids). */
import { CatalogScreen } from '@channel-router/ui';
import { BuyPage, buying, nav } from '../buying';

export default function Catalog() {
  return <BuyPage testId='page-catalog' title='订货' subtitle='供货商的商品，按本店价格'>{(orgId) => <CatalogScreen buying={buying} buyerOrgId={orgId} nav={nav} />}</BuyPage>;
}
