/**
 * 我的返利 (a dealer or a store as a buyer): the rebate account balance with each seller, and the
 * statements those sellers computed — figures, approval progress, what was posted.
 * Test ids: my-rebates, my-rebates-loading, my-rebates-error, my-rebates-empty, my-rebates-summary,
 * rebate-balance-<sellerOrgId>, statement-<id>, statement-status-<id>.
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Client } from '@channel-router/shared/client';
import { formatFen } from '@channel-router/shared/money';
import { Amount } from '../amount';
import { Empty } from '../empty';
import { ErrorNote } from '../error-note';
import { Loading } from '../loading';
import { Tag } from '../tag';
import { useQuery } from '../app-kit/use-query';
import { useReloadOn } from './reload';
import { buyerSummary, bySeller, periodText, STATEMENT_TONES } from '../kit/promotions/statements';
import { STATEMENT_STATUS_LABELS } from '../kit/promotions/words';
import { promoApi } from './context';
import { Section } from './parts';
import { StatementBody } from './statements';

export interface MyRebatesProps {
  client: Client;
  buyerOrgId: string;
  /** The buyer's own seller (its upstream): its balance shows even before any statement. */
  sellerOrgId?: string;
  /** Seller names by id, when the app knows them. */
  sellerName?: (id: string) => string;
}

function Balance({ client, buyerOrgId, sellerOrgId }: { client: Client; buyerOrgId: string; sellerOrgId: string }) {
  const [fen, setFen] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    void promoApi(client)
      .rebateBalance(buyerOrgId, sellerOrgId)
      .then((r) => {
        if (live && r.ok) setFen(r.data.rebate);
      });
    return () => {
      live = false;
    };
  }, [client, buyerOrgId, sellerOrgId]);
  return fen === null ? <Text className='cr-promo__muted'>—</Text> : <Amount fen={fen} size='large' testId={`rebate-balance-${sellerOrgId}`} />;
}

export function MyRebatesScreen(p: MyRebatesProps) {
  const q = useQuery(() => promoApi(p.client).listStatements({ buyerOrgId: p.buyerOrgId }));
  useReloadOn(q.reload);
  const name = p.sellerName ?? ((id: string) => (id === 'brand' ? '品牌方' : '供货方'));
  if (q.status === 'loading') return <Loading testId='my-rebates-loading' />;
  if (q.status === 'error') return <ErrorNote text={q.error.userMessage} onRetry={q.reload} testId='my-rebates-error' />;
  const groups = bySeller(q.data.statements);
  if (p.sellerOrgId !== undefined && !groups.some((g) => g.sellerOrgId === p.sellerOrgId)) groups.unshift({ sellerOrgId: p.sellerOrgId, statements: [] });
  const sum = buyerSummary(q.data.statements);
  return (
    <View data-testid='my-rebates'>
      <Section title='返利汇总' testId='my-rebates-summary'>
        <View className='cr-promo__figures'>
          <Text>已入账 {formatFen(sum.posted_fen, { grouping: true })}</Text>
          <Text>审批中 {formatFen(sum.pending_fen, { grouping: true })}</Text>
          {sum.returned > 0 ? <Text>已退回重算 {sum.returned} 张</Text> : null}
        </View>
        <Text className='cr-promo__muted'>返利入账后，可在向该供货方下单时抵扣货款。</Text>
      </Section>
      {groups.length === 0 ? <Empty title='还没有返利对账单' description='供货方按返利政策结算后，对账单会出现在这里' testId='my-rebates-empty' /> : null}
      {groups.map((g) => (
        <Section key={g.sellerOrgId} title={name(g.sellerOrgId)} extra={<Balance client={p.client} buyerOrgId={p.buyerOrgId} sellerOrgId={g.sellerOrgId} />}>
          <Text className='cr-promo__muted'>返利账户余额（右上）</Text>
          {g.statements.map((s) => (
            <View key={s.statementId} className='cr-promo__card' data-testid={`statement-${s.statementId}`}>
              <View className='cr-promo__card-head'>
                <Text className='cr-promo__name'>{periodText(s.periodKey)}</Text>
                <Tag tone={STATEMENT_TONES[s.status]} testId={`statement-status-${s.statementId}`}>{STATEMENT_STATUS_LABELS[s.status]}</Tag>
              </View>
              <StatementBody s={s} />
            </View>
          ))}
        </Section>
      ))}
    </View>
  );
}
