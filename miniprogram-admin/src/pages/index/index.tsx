import { AppShell } from '@channel-router/ui';
import { client } from '../../services/app';

/** Scaffold home: identity and the flows to come (spec: apps.md). Pages replace the list items. */
const FLOWS = [
  { key: 'bootstrap', title: '初始化品牌', description: '首次使用时创建品牌' },
  { key: 'products', title: '商品与奖励政策', description: '商品、包装规格、消费者奖励、门店奖励、返利、窜货罚款' },
  { key: 'orgs', title: '经销商、批发商、门店', description: '经营区域与邀请码' },
  { key: 'batches', title: '码批次', description: '生成码、导出印刷文件' },
  { key: 'fund', title: '奖金预算', description: '充值奖励预算' },
  { key: 'alerts', title: '预警', description: '窜货、奖品截流、重复领奖、克隆码' },
  { key: 'penalties', title: '罚款', description: '窜货罚款的处理' },
  { key: 'withdrawals', title: '提现审批', description: '审批消费者和门店的提现' },
  { key: 'inspect', title: '稽查扫码', description: '查看流向记录与判定' },
  { key: 'dashboard', title: '数据看板', description: '扫码、动销与窜货，按地区和经销商' },
] as const;

export default function Home() {
  return <AppShell app='admin' client={client} title='品牌管理' subtitle='品牌方：管理员与稽查员' flows={FLOWS} />;
}
