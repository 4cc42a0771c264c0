/** 申请退货 for one order (the kit's ReturnScreen; its test ids). Query: orderId. */
import { useRouter } from '@tarojs/taro';
import { ReturnScreen } from '@channel-router/ui';
import { BuyPage, buying, nav } from '../buying';

export default function Return() {
  const orderId = useRouter().params['orderId'] ?? '';
  return <BuyPage testId='page-return' title='申请退货'>{() => <ReturnScreen buying={buying} orderId={orderId} nav={nav} />}</BuyPage>;
}
