/**
 * Rebate statements (docs/promotions.md#rebate-programs): by program, period and status; each with
 * its figures and its approval chain step by step (who and when); approve, or reject with a reason.
 * The buyer's own view is `MyRebatesScreen` (my-rebates.tsx).
 * Test ids: statements, statements-loading, statements-error, statements-empty, statement-<id>,
 * statement-status-<id>, step-<id>-<i>, approve-<id>, reject-<id>, reject-reason (field, one at a time),
 * reject-confirm-<id>, tab-<status>, statements-program, statements-period.
 */
import { Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useReloadOn } from './reload';
import { MAX_REASON_LENGTH, type StatementState } from '@channel-router/shared';
import { formatFen } from '@channel-router/shared/money';
import { Button } from '../button';
import { Empty } from '../empty';
import { ErrorNote } from '../error-note';
import { Field } from '../field';
import { Loading } from '../loading';
import { Tabs } from '../tabs';
import { Tag } from '../tag';
import { confirm, toast } from '../feedback';
import { useQuery } from '../app-kit/use-query';
import { bpToPercent } from '../kit/promotions/form';
import { approvalSteps, canDecide, periodText, progressText, recentPeriodKeys, STATEMENT_TONES } from '../kit/promotions/statements';
import { STATEMENT_STATUS_LABELS } from '../kit/promotions/words';
import type { StatementView } from '../kit/promotions/api';
import { promoApi, useCustomerRefs, type PromoSellerProps } from './context';

const STATUS_TABS: ReadonlyArray<{ key: StatementState | 'all'; label: string }> = [
  { key: 'pending_approval', label: '待审批' },
  { key: 'returned', label: '已退回' },
  { key: 'posted', label: '已入账' },
  { key: 'all', label: '全部' },
];

/** A statement's figures and chain, shared by the seller's list and the buyer's view. */
export function StatementBody({ s, names }: { s: StatementView; names?: (id: string) => string }) {
  const steps = approvalSteps(s, names);
  const adjust = s.adjustments.reduce((a, x) => a + x.amount_fen, 0);
  return (
    <>
      <View className='cr-promo__figures'>
        <Text>基数 {formatFen(s.basis_fen, { grouping: true })}</Text>
        <Text>订单 {s.ordersCounted} 笔</Text>
        <Text>比例 {bpToPercent(s.rate_bp)}%</Text>
        <Text>返利 {formatFen(s.rebate_fen, { grouping: true })}</Text>
        {adjust !== 0 ? <Text>上期退货调整 {formatFen(adjust)}</Text> : null}
        {s.carriedIn_fen !== 0 ? <Text>结转 {formatFen(s.carriedIn_fen)}</Text> : null}
        <Text>应付 {formatFen(s.payable_fen, { grouping: true })}</Text>
        {s.carriedOut_fen !== 0 ? <Text>转入下期 {formatFen(s.carriedOut_fen)}</Text> : null}
      </View>
      <View className='cr-promo__steps'>
        <Text className='cr-promo__meta'>审批进度：{progressText(s)}</Text>
        {steps.map((x, i) => (
          <Text key={i} className={`cr-promo__step cr-promo__step--${x.state}`} data-testid={`step-${s.statementId}-${i}`}>
            {x.text}
            {x.reason !== undefined && x.reason !== '' ? `：${x.reason}` : ''}
          </Text>
        ))}
      </View>
    </>
  );
}

export function StatementsScreen(p: PromoSellerProps & { programId?: string; periodKey?: string; now_ms?: number }) {
  const api = promoApi(p.client);
  const now = p.now_ms ?? Date.now();
  const [status, setStatus] = useState<StatementState | 'all'>('pending_approval');
  const [periodKey, setPeriodKey] = useState<string>(p.periodKey ?? '');
  const [programId, setProgramId] = useState<string>(p.programId ?? '');
  const programs = useQuery(() => api.listRebatePrograms(p.seller.orgId));
  const programList = programs.status === 'ready' ? programs.data.programs : [];
  const programName = (id: string) => programList.find((x) => x.programId === id)?.name ?? '';
  const [rejecting, setRejecting] = useState<{ id: string; reason: string; error: string | null } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const customers = useCustomerRefs(p.client, p.seller.orgId);
  const buyerName = (id: string) => customers.value.find((c) => c.buyerOrgId === id)?.buyerName ?? id;
  const q = useQuery(
    () =>
      api.listStatements({
        sellerOrgId: p.seller.orgId,
        ...(programId === '' ? {} : { programId }),
        ...(periodKey === '' ? {} : { periodKey }),
        ...(status === 'all' ? {} : { status }),
      }),
  );
  useReloadOn(q.reload, `${status}|${periodKey}|${programId}`);
  // The chosen program's periods; without one, the recent quarters, months and years.
  const chosen = programList.find((x) => x.programId === programId);
  const keys = ['', ...(chosen !== undefined ? recentPeriodKeys(chosen.period, now, 8) : [...recentPeriodKeys('quarter', now, 4), ...recentPeriodKeys('month', now, 6), ...recentPeriodKeys('year', now, 2)])];

  const approve = async (s: StatementView) => {
    if (busy !== null) return;
    const last = s.step === s.chain.length - 1;
    const ok = await confirm({
      title: `通过 ${buyerName(s.buyerOrgId)} 的对账单？`,
      content: last ? `这是最后一步：通过后 ${formatFen(s.payable_fen)} 将计入对方的返利账户，不能撤回。` : `通过后交给下一步审批。应付 ${formatFen(s.payable_fen)}。`,
      confirmText: '通过',
      danger: last,
    });
    if (!ok) return;
    setBusy(s.statementId);
    const r = await api.approveStatement(s.statementId, s.version);
    setBusy(null);
    if (!r.ok) return toast(r.error.userMessage, 'fail');
    toast(r.data.posted_fen > 0 ? `已入账 ${formatFen(r.data.posted_fen)}` : '已通过', 'success');
    q.reload();
  };
  const reject = async (s: StatementView) => {
    if (rejecting === null || busy !== null) return;
    const reason = rejecting.reason.trim();
    if (reason === '') return setRejecting({ ...rejecting, error: '请填写退回原因' });
    if (reason.length > MAX_REASON_LENGTH) return setRejecting({ ...rejecting, error: `退回原因最多 ${MAX_REASON_LENGTH} 个字` });
    setBusy(s.statementId);
    const r = await api.rejectStatement(s.statementId, reason, s.version);
    setBusy(null);
    if (!r.ok) return setRejecting({ ...rejecting, error: r.error.userMessage });
    setRejecting(null);
    toast('已退回', 'success');
    q.reload();
  };

  return (
    <View data-testid='statements'>
      <Tabs value={status} options={STATUS_TABS} onChange={setStatus} />
      <View className='cr-promo__actions'>
        <Picker mode='selector' range={['全部政策', ...programList.map((x) => x.name)]} value={Math.max(0, programList.findIndex((x) => x.programId === programId) + 1)} onChange={(e) => setProgramId(Number(e.detail.value) === 0 ? '' : (programList[Number(e.detail.value) - 1]?.programId ?? ''))}>
          <Text className='cr-promo__picker' data-testid='statements-program'>{programId === '' ? '全部政策' : programName(programId) || programId}</Text>
        </Picker>
        <Picker mode='selector' range={keys.map((k) => (k === '' ? '全部期间' : periodText(k)))} value={Math.max(0, keys.indexOf(periodKey))} onChange={(e) => setPeriodKey(keys[Number(e.detail.value)] ?? '')}>
          <Text className='cr-promo__picker' data-testid='statements-period'>{periodKey === '' ? '全部期间' : periodText(periodKey)}</Text>
        </Picker>
      </View>
      {q.status === 'loading' ? <Loading testId='statements-loading' /> : null}
      {q.status === 'error' ? <ErrorNote text={q.error.userMessage} onRetry={q.reload} testId='statements-error' /> : null}
      {q.status === 'ready' && q.data.statements.length === 0 ? <Empty title='没有对账单' description='在返利政策里计算已结束的期间，会生成每个客户的对账单' testId='statements-empty' /> : null}
      {q.status === 'ready'
        ? q.data.statements.map((s) => (
            <View key={s.statementId} className='cr-promo__card' data-testid={`statement-${s.statementId}`}>
              <View className='cr-promo__card-head'>
                <Text className='cr-promo__name'>{buyerName(s.buyerOrgId)} · {periodText(s.periodKey)}</Text>
                <Tag tone={STATEMENT_TONES[s.status]} testId={`statement-status-${s.statementId}`}>{STATEMENT_STATUS_LABELS[s.status]}</Tag>
              </View>
              {programName(s.programId) !== '' ? <Text className='cr-promo__meta'>{programName(s.programId)}</Text> : null}
              <StatementBody s={s} />
              {canDecide(s, p.roles) ? (
                rejecting?.id === s.statementId ? (
                  <View>
                    <Field name='reject-reason' label='退回原因' value={rejecting.reason} onChange={(reason) => setRejecting({ ...rejecting, reason, error: null })} placeholder='如：3 月退货未扣减' maxlength={200} error={rejecting.error} />
                    <View className='cr-promo__actions'>
                      <Button size='small' variant='danger' loading={busy === s.statementId} onClick={() => void reject(s)} testId={`reject-confirm-${s.statementId}`}>确认退回</Button>
                      <Button size='small' onClick={() => setRejecting(null)}>取消</Button>
                    </View>
                  </View>
                ) : (
                  <View className='cr-promo__actions'>
                    <Button size='small' variant='primary' loading={busy === s.statementId} onClick={() => void approve(s)} testId={`approve-${s.statementId}`}>通过</Button>
                    <Button size='small' variant='danger' onClick={() => setRejecting({ id: s.statementId, reason: '', error: null })} testId={`reject-${s.statementId}`}>退回</Button>
                  </View>
                )
              ) : null}
            </View>
          ))
        : null}
    </View>
  );
}
