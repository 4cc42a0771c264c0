/**
 * 扫码收货 of ordered goods: the dealer's running receive list (the same list as 扫码入库) with
 * what open shipments still expect (the kit's ReceiveOrderScreen; its and ScanListPanel's test ids).
 */
import { ReceiveOrderScreen } from '@channel-router/ui';
import { BuyPage, buying, nav, receiveList } from '../buying';

export default function Receive() {
  return <BuyPage testId='page-receive-order' title='扫码收货' subtitle='扫到的码与在途发货单核对'>{(orgId) => <ReceiveOrderScreen buying={buying} buyerOrgId={orgId} list={receiveList} nav={nav} />}</BuyPage>;
}
