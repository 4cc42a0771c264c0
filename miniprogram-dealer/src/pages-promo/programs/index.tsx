import { RebateProgramsScreen } from '@channel-router/ui';
import { PromoPage } from '../../components/promo';

export default function ProgramsPage() {
  return <PromoPage testId='programs-page' title='返利政策'>{(p) => <RebateProgramsScreen {...p} />}</PromoPage>;
}
