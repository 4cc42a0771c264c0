import { RebateProgramsScreen } from '@channel-router/ui';
import { PromoScreen } from '../../components/promo';

export default function ProgramsPage() {
  return <PromoScreen testId='programs-page' title='返利政策'>{(p) => <RebateProgramsScreen {...p} />}</PromoScreen>;
}
