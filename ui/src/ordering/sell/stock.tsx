/**
 * Stock for ordering (docs/ordering.md#orders, `order.stock`): per product on hand, reserved by
 * orders, available, safety stock, in order units; low stock marked. Tapping a product shows its
 * moves (库存流水) and lets the safety stock be set in order units (or cleared).
 * Test ids: sell-stock, stock-<productId> (data-low), stock-low-<productId>, stock-detail,
 * safety-units (field), safety-save, safety-clear, safety-error, stock-moves, move-<id>.
 */
import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import type { StockRow } from '@channel-router/shared/api';
import { Button } from '../../button';
import { Card } from '../../card';
import { Cell, List } from '../../cell';
import { Empty } from '../../empty';
import { ErrorNote } from '../../error-note';
import { Field } from '../../field';
import { toast } from '../../feedback';
import { Loading } from '../../loading';
import { Tag } from '../../tag';
import { useQuery } from '../../app-kit/use-query';
import { STOCK_MOVE_LABELS } from '../../kit/ordering-sell/labels';
import { unitsText } from '../../kit/ordering-sell/ship';
import { pick } from '../../kit/labels';
import { useKept, type SellerProps } from './context';
import { shanghaiTime } from '../../kit/shanghai-dates';

function Detail({ row, p, onSaved }: { row: StockRow; p: SellerProps; onSaved: () => void }) {
  const moves = useQuery(() => p.client.order.stockMoves({ orgId: p.seller.orgId, productId: row.productId, limit: 50 }));
  const [units, setUnits] = useState(row.inUnits.safetyStock === null ? '' : String(row.inUnits.safetyStock.units));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (clear: boolean) => {
    const t = units.trim();
    if (!clear && !/^\d{1,7}$/.test(t)) return setError('请填写整数（订货单位）');
    setError(null);
    setBusy(true);
    const r = await p.client.order.setSafetyStock(clear ? { orgId: p.seller.orgId, productId: row.productId, clear: true } : { orgId: p.seller.orgId, productId: row.productId, safetyUnits: Number(t) });
    setBusy(false);
    if (!r.ok) return setError(r.error.userMessage);
    toast(r.data.low ? '已保存：现在低于安全库存' : '已保存', r.data.low ? 'info' : 'success');
    onSaved();
  };
  const u = (items: number) => unitsText(items, row.itemsPerUnit, row.unit);
  return (
    <Card title={row.productName} testId='stock-detail'>
      <Field name='safety-units' label='安全库存' type='number' value={units} onChange={setUnits} error={error} hint='可用库存降到这里及以下时提醒（按订货单位）' />
      <View className='cr-sell-actions'>
        <Button loading={busy} onClick={() => void save(true)} testId='safety-clear'>不设</Button>
        <Button variant='primary' loading={busy} onClick={() => void save(false)} testId='safety-save'>保存</Button>
      </View>
      <List title='库存流水' testId='stock-moves'>
        {moves.status === 'loading' ? <Loading /> : moves.status === 'error' ? <ErrorNote text={moves.error.userMessage} onRetry={moves.reload} /> : moves.data.moves.length === 0 ? <Cell title='还没有流水' /> : moves.data.moves.map((m) => (
          <Cell
            key={m.id}
            title={`${pick(STOCK_MOVE_LABELS, m.type)} ${m.delta_onHand !== 0 ? `${m.delta_onHand > 0 ? '+' : '-'}${u(Math.abs(m.delta_onHand))}` : `预留 ${m.delta_reserved > 0 ? '+' : '-'}${u(Math.abs(m.delta_reserved))}`}`}
            label={`${shanghaiTime(m.at)}${m.after !== null ? ` · 结存 ${u(m.after.onHand)}` : ''}${m.note ? ` · ${m.note}` : ''}`}
            testId={`move-${m.id}`}
          />
        ))}
      </List>
    </Card>
  );
}

export function SellStock(p: SellerProps) {
  const q = useQuery(() => p.client.order.stock({ orgId: p.seller.orgId }));
  const k = useKept(q);
  const [open, setOpen] = useState<string | null>(null);
  if (k.data === null && k.error !== null) return <ErrorNote text={k.error.userMessage} onRetry={q.reload} testId='sell-stock-error' />;
  if (k.data === null) return <Loading testId='sell-stock-loading' />;
  if (k.data.products.length === 0) return <Empty title='还没有库存' description='收货或生产入库后，这里按商品列出库存' testId='sell-stock-empty' />;
  const row = k.data.products.find((r) => r.productId === open) ?? null;
  return (
    <View data-testid='sell-stock'>
      {row !== null ? <Detail key={row.productId} row={row} p={p} onSaved={q.reload} /> : null}
      <List title='库存'>
        {k.data.products.map((r) => {
          const u = (items: number) => unitsText(items, r.itemsPerUnit, r.unit);
          return (
            <View key={r.productId} data-testid={`stock-${r.productId}`} data-low={String(r.low)}>
              <Cell
                title={
                  <View className='cr-sell-row'>
                    <Text>{r.productName}</Text>
                    {r.low ? <Tag tone='danger' testId={`stock-low-${r.productId}`}>低于安全库存</Tag> : null}
                  </View>
                }
                label={`在库 ${u(r.onHand)} · 预留 ${u(r.reserved)}${r.safetyStock !== null ? ` · 安全 ${u(r.safetyStock)}` : ''}`}
                value={`可用 ${u(r.available)}`}
                onClick={() => setOpen(open === r.productId ? null : r.productId)}
              />
            </View>
          );
        })}
      </List>
    </View>
  );
}
