/** 发货通知 with the unread count (the kit's NoticesScreen; its test ids). */
import { NoticesScreen } from '@channel-router/ui';
import { BuyPage, buying, nav } from '../buying';

export default function Notices() {
  return <BuyPage testId='page-notices' title='发货通知'>{(orgId) => <NoticesScreen buying={buying} buyerOrgId={orgId} nav={nav} />}</BuyPage>;
}
