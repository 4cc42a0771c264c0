import { AppShell } from '@channel-router/ui';
import { client } from '../../services/app';

/** Scaffold home: identity and the flows to come (spec: apps.md). Pages replace the list items. */
const FLOWS = [
  { key: 'join', title: '加入经销商', description: '使用邀请码加入' },
  { key: 'receive', title: '收货', description: '扫码接收品牌发来的货' },
  { key: 'ship', title: '发货', description: '选择下游门店或批发商，扫码发货' },
  { key: 'stock', title: '库存', description: '当前库存' },
  { key: 'rebates', title: '返利与罚款', description: '返利收入与窜货罚款' },
  { key: 'alerts', title: '窜货预警', description: '与本经销商货物相关的预警' },
  { key: 'invite', title: '邀请门店', description: '为下游门店老板生成邀请码' },
] as const;

export default function Home() {
  return <AppShell app='dealer' client={client} title='经销商' subtitle='经销商老板、员工与业务员' flows={FLOWS} />;
}
