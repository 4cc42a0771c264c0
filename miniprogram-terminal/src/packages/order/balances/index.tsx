/** 余额与账期: deposit, rebate, credit, bills due, top-up (the kit's BalancesScreen; its test ids). */
import { BalancesScreen } from '@channel-router/ui';
import { BuyPage, buying } from '../buying';

export default function Balances() {
  return <BuyPage testId='page-balances' title='余额与账期'>{(orgId) => <BalancesScreen buying={buying} buyerOrgId={orgId} />}</BuyPage>;
}
