import { useRouter } from '@tarojs/taro';
import { StatementsScreen } from '@channel-router/ui';
import { PromoPage } from '../../components/promo';

export default function StatementsPage() {
  const { params } = useRouter();
  return <PromoPage testId='statements-page' title='返利对账单'>{(p) => <StatementsScreen {...p} programId={params.programId} periodKey={params.periodKey} />}</PromoPage>;
}
