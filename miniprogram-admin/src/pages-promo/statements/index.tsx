import { useRouter } from '@tarojs/taro';
import { StatementsScreen } from '@channel-router/ui';
import { PromoScreen } from '../../components/promo';

export default function StatementsPage() {
  const { params } = useRouter();
  return <PromoScreen testId='statements-page' title='返利对账单'>{(p) => <StatementsScreen {...p} programId={params.programId} periodKey={params.periodKey} />}</PromoScreen>;
}
