import { useRouter } from '@tarojs/taro';
import { RebateProgramEditorScreen } from '@channel-router/ui';
import { PromoScreen } from '../../components/promo';

export default function ProgramPage() {
  const { params } = useRouter();
  return <PromoScreen testId='program-page' title={params.id === undefined ? '新建返利政策' : '编辑返利政策'}>{(p) => <RebateProgramEditorScreen {...p} programId={params.id} />}</PromoScreen>;
}
