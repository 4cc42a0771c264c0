/**
 * Settlement documents (清分, docs/promotions.md#settlement) by month: totals, one row per completed
 * order (goods, discounts, what the seller gets, fees by WeChat 分账 or the ledger), and the CSV
 * export — a download on h5, the text copied on weapp (open the admin's h5 build to download).
 * Test ids: settlements, settlements-month, settlements-loading, settlements-error,
 * settlements-empty, settlements-totals, settlement-<orderId>, settlements-export, settlements-truncated.
 */
import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useReloadOn } from './reload';
import { formatFen } from '@channel-router/shared/money';
import { Amount } from '../amount';
import { Button } from '../button';
import { Empty } from '../empty';
import { ErrorNote } from '../error-note';
import { Loading } from '../loading';
import { toast } from '../feedback';
import { useQuery } from '../app-kit/use-query';
import { dateOf } from '../kit/shanghai-dates';
import { csvDownload, monthWindow, settlementTotals } from '../kit/promotions/settlements';
import { periodText, recentPeriodKeys } from '../kit/promotions/statements';
import { promoApi, useCustomerRefs, type PromoSellerProps } from './context';
import { Section } from './parts';

const MONTHS = 12;

/** h5: the browser saves the file. */
function saveInBrowser(file: { filename: string; text: string; mime: string }): void {
  const doc = (globalThis as { document?: Document }).document;
  if (doc === undefined) throw new Error('saveInBrowser: no document');
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mime }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.filename;
  doc.body.appendChild(a);
  a.click();
  doc.body.removeChild(a);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function SettlementsScreen(p: PromoSellerProps & { now_ms?: number }) {
  const api = promoApi(p.client);
  const months = recentPeriodKeys('month', p.now_ms ?? Date.now(), MONTHS);
  const [month, setMonth] = useState(months[0]!);
  const [exporting, setExporting] = useState(false);
  const customers = useCustomerRefs(p.client, p.seller.orgId);
  const name = (id: string) => customers.value.find((c) => c.buyerOrgId === id)?.buyerName ?? id;
  // The brand sees the channel's documents; any other seller its own.
  const req = () => ({ ...(p.seller.kind === 'brand' ? {} : { sellerOrgId: p.seller.orgId }), ...monthWindow(month) });
  const q = useQuery(() => api.listSettlements(req()));
  useReloadOn(q.reload, month);

  const exportCsv = async () => {
    if (exporting) return;
    setExporting(true);
    const r = await api.exportSettlements(req());
    setExporting(false);
    if (!r.ok) return toast(r.error.userMessage, 'fail');
    const file = csvDownload(r.data.csv, r.data.filename === '' ? `清分-${month}` : r.data.filename);
    if (process.env.TARO_ENV === 'h5') {
      saveInBrowser(file);
      toast(`已导出 ${r.data.rows} 行`, 'success');
    } else {
      await Taro.setClipboardData({ data: file.text });
      toast('已复制 CSV，请在电脑浏览器打开管理后台下载文件', 'info');
    }
  };

  return (
    <View data-testid='settlements'>
      <View className='cr-promo__actions'>
        <Picker mode='selector' range={months.map(periodText)} value={Math.max(0, months.indexOf(month))} onChange={(e) => setMonth(months[Number(e.detail.value)] ?? month)}>
          <Text className='cr-promo__picker' data-testid='settlements-month'>{periodText(month)}</Text>
        </Picker>
        <Button size='small' loading={exporting} onClick={() => void exportCsv()} testId='settlements-export'>导出 CSV</Button>
      </View>
      {q.status === 'loading' ? <Loading testId='settlements-loading' /> : null}
      {q.status === 'error' ? <ErrorNote text={q.error.userMessage} onRetry={q.reload} testId='settlements-error' /> : null}
      {q.status === 'ready' && q.data.documents.length === 0 ? <Empty title='这个月没有完成的订单' testId='settlements-empty' /> : null}
      {q.status === 'ready' && q.data.documents.length > 0
        ? (() => {
            const t = settlementTotals(q.data.documents);
            return (
              <>
                <Section title='合计' testId='settlements-totals'>
                  <View className='cr-promo__figures'>
                    <Text>订单 {t.orders} 笔</Text>
                    <Text>货款 {formatFen(t.goods_fen, { grouping: true })}</Text>
                    <Text>优惠 {formatFen(t.discounts_fen, { grouping: true })}</Text>
                    <Text>卖方应收 {formatFen(t.seller_fen, { grouping: true })}</Text>
                    <Text>手续费及佣金 {formatFen(t.fees_fen, { grouping: true })}</Text>
                    <Text>微信分账 {formatFen(t.shared_fen, { grouping: true })}</Text>
                    <Text>台账结算 {formatFen(t.viaLedger_fen, { grouping: true })}</Text>
                  </View>
                  {q.data.truncated ? <Text className='cr-promo__hint' data-testid='settlements-truncated'>订单太多，只列出了一部分，请导出 CSV 查看全部</Text> : null}
                </Section>
                {q.data.documents.map((d) => {
                  const seller = d.receivers.filter((r) => r.role === 'seller').reduce((s, r) => s + r.amount_fen, 0);
                  return (
                    <View key={d.orderId} className='cr-promo__card' data-testid={`settlement-${d.orderId}`}>
                      <View className='cr-promo__card-head'>
                        <Text className='cr-promo__name'>{d.orderNo}</Text>
                        <Amount fen={d.goods_fen} />
                      </View>
                      <Text className='cr-promo__meta'>{dateOf(d.completedAt_ms)} · {name(d.buyerOrgId)}</Text>
                      <View className='cr-promo__figures'>
                        <Text>优惠 {formatFen(d.discounts_fen)}</Text>
                        <Text>卖方应收 {formatFen(seller)}</Text>
                        {d.receivers.filter((r) => r.role !== 'seller').map((r) => (
                          <Text key={r.receiverId}>{r.name} {formatFen(r.amount_fen)}</Text>
                        ))}
                        {d.profitSharing !== null ? <Text>分账单 {d.profitSharing.outOrderNo}</Text> : null}
                      </View>
                    </View>
                  );
                })}
              </>
            );
          })()
        : null}
    </View>
  );
}
