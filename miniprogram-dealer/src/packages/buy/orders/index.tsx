/** 我的订单 by state (the kit's OrdersScreen; its test ids). */
import { OrdersScreen } from '@channel-router/ui';
import { BuyPage, buying, nav } from '../buying';

export default function Orders() {
  return <BuyPage testId='page-orders' title='我的订单'>{(orgId) => <OrdersScreen buying={buying} buyerOrgId={orgId} nav={nav} />}</BuyPage>;
}
