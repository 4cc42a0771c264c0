import { AppShell } from '@channel-router/ui';
import { client } from '../../services/app';

/** Scaffold home: identity and the flows to come (spec: apps.md). Pages replace the list items. */
const FLOWS = [
  { key: 'join', title: '加入门店', description: '使用邀请码加入' },
  { key: 'receive', title: '扫码入库', description: '连续扫码、清单、一次提交，非本经销商货物会提示' },
  { key: 'open', title: '拆箱', description: '标记整箱已拆开' },
  { key: 'stock', title: '库存', description: '当前库存' },
  { key: 'wallet', title: '门店钱包', description: '门店奖励余额与提现（老板）' },
  { key: 'rewards', title: '奖励记录', description: '门店获得的奖励' },
] as const;

export default function Home() {
  return <AppShell app='terminal' client={client} title='门店' subtitle='门店老板、店员与导购' flows={FLOWS} />;
}
