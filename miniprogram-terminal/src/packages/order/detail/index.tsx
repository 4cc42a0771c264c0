/** One order (the kit's OrderDetailScreen; its test ids). Query: orderId. */
import { useRouter } from '@tarojs/taro';
import { OrderDetailScreen } from '@channel-router/ui';
import { BuyPage, buying, nav } from '../buying';

export default function Detail() {
  const orderId = useRouter().params['orderId'] ?? '';
  return <BuyPage testId='page-order' title='订单详情'>{() => <OrderDetailScreen buying={buying} orderId={orderId} nav={nav} />}</BuyPage>;
}
