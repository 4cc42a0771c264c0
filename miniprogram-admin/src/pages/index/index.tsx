/*
 * Home: who is using the app, the first-run brand setup, and the way into every flow.
 *
 * data-testids: admin-home (page), home-loading, session-error(-retry), me, role-tag,
 * bootstrap (card), brandName (field; error: brandName-error), bootstrap-submit, bootstrap-failed,
 * join (card), inviteCode (field; error: inviteCode-error), join-submit, join-failed,
 * home-stats, stat-<key>, nav-<flow> (products, orgs, brand-staff, batches, fund, alerts,
 * penalties, withdrawals, inspect, dashboard, ship, promo), switch-person (h5).
 */
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useStore } from 'zustand';
import { Button, Card, Cell, Field, Header, List, Loading, LOGIN_PAGE, needsLogin, Page, SellEntry, Tag, useQuery, useRequireLogin, ErrorNote } from '@channel-router/ui';
import { SELL_PAGES } from '@channel-router/ui/kit';
import { formatFen } from '@channel-router/shared/money';
import { client, sessionStore } from '../../services/app';
import { StatGrid } from '../../components/stat-grid';
import { go, type RouteName } from '../../nav';
import { isRetryable } from '@channel-router/ui/kit';
import type { BrandRole } from '../../stores/session';
import './index.css';

interface Flow {
  key: string;
  route: RouteName;
  params?: Record<string, string>;
  title: string;
  description: string;
  roles: readonly BrandRole[];
}

const ADMIN: readonly BrandRole[] = ['admin'];
const STAFF: readonly BrandRole[] = ['admin', 'inspector'];

const FLOWS: readonly Flow[] = [
  { key: 'dashboard', route: 'dashboard', title: '数据看板', description: '扫码、动销与窜货，按地区和经销商', roles: STAFF },
  { key: 'inspect', route: 'inspect', title: '稽查扫码', description: '查看流向记录与判定', roles: STAFF },
  { key: 'alerts', route: 'alerts', title: '预警', description: '窜货、奖品截流、重复领奖、克隆码', roles: STAFF },
  { key: 'withdrawals', route: 'withdrawals', title: '提现审批', description: '批准或驳回提现申请', roles: ADMIN },
  { key: 'penalties', route: 'penalties', title: '窜货罚款', description: '扣款、线下结清或免除', roles: ADMIN },
  { key: 'fund', route: 'fund', title: '奖金预算', description: '为扫码奖励和返利充值', roles: ADMIN },
  { key: 'products', route: 'products', title: '商品与奖励政策', description: '包装规格、消费者奖励、门店奖励、返利、罚款', roles: ADMIN },
  { key: 'orgs', route: 'orgs', title: '经销商、批发商、门店', description: '经营区域与邀请码', roles: STAFF },
  { key: 'batches', route: 'batches', title: '码批次', description: '生成码、导出印刷文件', roles: ADMIN },
  { key: 'ship', route: 'ship', title: '发货', description: '扫码把箱、盒发给一级经销商', roles: ADMIN },
  { key: 'promo', route: 'promo', title: '促销与返利', description: '促销、返利政策与对账单审批、清分单据', roles: ADMIN },
  { key: 'brand-staff', route: 'org', params: { id: 'brand' }, title: '品牌成员', description: '邀请管理员或稽查员', roles: ADMIN },
];

const ROLE_NAMES: Record<BrandRole, string> = { admin: '管理员', inspector: '稽查员' };

function FirstRun() {
  const bootstrap = useStore(sessionStore, (s) => s.bootstrap);
  const join = useStore(sessionStore, (s) => s.join);
  const { setBrandName, submitBootstrap, setInviteCode, submitJoin } = sessionStore.getState();
  return (
    <View>
      <Card title='初始化品牌' testId='bootstrap'>
        <Text className='ad-note'>首次使用：为品牌命名，您将成为品牌的第一位管理员。之后可以添加商品、经销商和门店。</Text>
        <Field name='brandName' label='品牌名称' value={bootstrap.text} onChange={setBrandName} onConfirm={() => void submitBootstrap()} placeholder='例如 好味道食品' maxlength={64} error={bootstrap.fieldError} />
        {bootstrap.status === 'failed' && bootstrap.error !== null ? <ErrorNote text={bootstrap.error.userMessage} testId='bootstrap-failed' /> : null}
        <View className='ad-actions'>
          <Button block variant='primary' loading={bootstrap.status === 'submitting'} onClick={() => void submitBootstrap()} testId='bootstrap-submit'>
            {bootstrap.status === 'failed' && bootstrap.error !== null && isRetryable(bootstrap.error) ? '重试' : '创建品牌'}
          </Button>
        </View>
      </Card>
      <Card title='已有邀请码？' testId='join'>
        <Text className='ad-note'>品牌已经建立时，请让管理员在「品牌成员」里生成邀请码，输入后加入。</Text>
        <Field name='inviteCode' label='邀请码' value={join.text} onChange={setInviteCode} onConfirm={() => void submitJoin()} placeholder='例如 K7M2Q9XD4P' maxlength={32} error={join.fieldError} />
        {join.status === 'failed' && join.error !== null ? <ErrorNote text={join.error.userMessage} testId='join-failed' /> : null}
        <View className='ad-actions'>
          <Button block loading={join.status === 'submitting'} onClick={() => void submitJoin()} testId='join-submit'>加入品牌</Button>
        </View>
      </Card>
    </View>
  );
}

function StaffHome({ role, brandName }: { role: BrandRole; brandName: string | null }) {
  const totals = useQuery(() => client.report.dashboard({ days: 7 }), true);
  // Back from approving or settling: the counts move.
  useDidShow(() => totals.reload());
  const flows = FLOWS.filter((f) => f.roles.includes(role));
  return (
    <View>
      <Card testId='me'>
        <View className='cr-row cr-row--between'>
          <Text className='home__brand'>{brandName ?? '品牌'}</Text>
          <Tag tone='primary' testId='role-tag'>{ROLE_NAMES[role]}</Tag>
        </View>
      </Card>
      {totals.status === 'ready' ? (
        <View className='ad-card-gap'>
          <StatGrid
            testId='home-stats'
            stats={[
              { key: 'pending', label: '待审批提现', value: String(totals.data.totals.pendingWithdrawals), attention: totals.data.totals.pendingWithdrawals > 0 },
              { key: 'diversion', label: '7 天窜货预警', value: String(totals.data.totals.diversionAlerts), attention: totals.data.totals.diversionAlerts > 0 },
              { key: 'scans', label: '7 天扫码', value: String(totals.data.totals.scans) },
              { key: 'budget', label: '奖金预算余额', value: formatFen(totals.data.totals.budget, { grouping: true }) },
            ]}
          />
        </View>
      ) : null}
      {role === 'admin' ? (
        <List title='订货'>
          <SellEntry client={client} seller={{ orgId: 'brand', name: brandName ?? '品牌', kind: 'brand' }} onOpen={() => void Taro.navigateTo({ url: SELL_PAGES.hub })} />
        </List>
      ) : null}
      <List title='功能'>
        {flows.map((f) => (
          <Cell key={f.key} title={f.title} label={f.description} onClick={() => go(f.route, f.params)} testId={`nav-${f.key}`} />
        ))}
      </List>
    </View>
  );
}

export default function Home() {
  const ready = useRequireLogin('admin');
  const me = useStore(sessionStore, (s) => s.me);

  useDidShow(() => {
    if (!needsLogin('admin')) void sessionStore.getState().load();
  });

  let body;
  if (!ready || me.status === 'loading' || me.status === 'idle') body = <Loading testId='home-loading' />;
  else if (me.status === 'error') body = <ErrorNote text={me.error.userMessage} onRetry={() => void sessionStore.getState().load()} testId='session-error' />;
  else if (me.value.role === null) body = <FirstRun />;
  else body = <StaffHome role={me.value.role} brandName={me.value.brandName} />;

  return (
    <Page testId='admin-home'>
      <Header
        title='品牌管理'
        subtitle='渠道路由器 · 品牌方'
        extra={
          process.env.TARO_ENV === 'h5' ? (
            <Text className='home__switch' onClick={() => void Taro.reLaunch({ url: LOGIN_PAGE })} data-testid='switch-person'>
              切换身份
            </Text>
          ) : undefined
        }
      />
      {body}
    </Page>
  );
}
