/** 扫码退回 of an approved return (the kit's ReturnShipScreen; its test ids). Query: orderId, returnId. */
import { useRouter } from '@tarojs/taro';
import { ReturnShipScreen } from '@channel-router/ui';
import { BuyPage, buying, nav } from '../buying';

export default function ReturnShip() {
  const params = useRouter().params;
  return (
    <BuyPage testId='page-return-ship' title='扫码退回' subtitle='退货的商品扫码发回'>
      {() => <ReturnShipScreen buying={buying} orderId={params['orderId'] ?? ''} returnId={params['returnId'] ?? ''} nav={nav} />}
    </BuyPage>
  );
}
