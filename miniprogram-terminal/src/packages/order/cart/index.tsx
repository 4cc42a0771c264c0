/** 购物车 and checkout (the kit's CartScreen; its test ids). */
import { CartScreen } from '@channel-router/ui';
import { BuyPage, buying, nav } from '../buying';

export default function Cart() {
  return <BuyPage testId='page-cart' title='购物车'>{(orgId) => <CartScreen buying={buying} buyerOrgId={orgId} nav={nav} />}</BuyPage>;
}
