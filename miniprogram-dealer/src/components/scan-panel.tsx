/**
 * The kit's running scan list as the dealer app shows it: its result words, the alerts a receive
 * raised (about the dealer's own goods), and where to go next. Test ids: the kit panel's, plus
 * done-alerts, scan-again, go-stock.
 */
import { View, Text } from '@tarojs/components';
import type { StoreApi } from 'zustand/vanilla';
import { Button, ScanListPanel, Tag } from '@channel-router/ui';
import type { ScanListState } from '@channel-router/ui/kit';
import type { Alert } from '@channel-router/shared/model';
import { alertEvidenceLabel, alertKindLabel, regionLabel } from '../stores/labels';
import { go, PAGES } from './nav';

function AlertRows({ alerts }: { alerts: Alert[] }) {
  return (
    <View data-testid='done-alerts'>
      {alerts.map((a) => (
        <View key={a.key} className='dl-alert-row'>
          <Tag tone='danger'>{alertKindLabel(a.kind)}</Tag>
          <Text className='dl-alert-row__text'>
            {alertEvidenceLabel(a.evidence)} · {regionLabel(a.regionCode)} · {a.quantity} 件
          </Text>
        </View>
      ))}
    </View>
  );
}

export interface ScanPanelProps {
  store: StoreApi<ScanListState>;
  submitText: string;
  scanHint: string;
  emptyText: string;
}

export function ScanPanel({ store, submitText, scanHint, emptyText }: ScanPanelProps) {
  const receive = store.getState().purpose === 'receive';
  return (
    <ScanListPanel
      store={store}
      submitText={submitText}
      scanHint={scanHint}
      emptyText={emptyText}
      doneTitle={(r) => (receive ? '收货完成' : `已发货给 ${r.targetName ?? '下游'}`)}
      doneText={(r) => `${r.codes} 个码${receive ? '已入库' : '已发出，等待对方扫码签收'}`}
      renderAlerts={(alerts) => <AlertRows alerts={alerts} />}
      doneActions={
        <>
          <Button block variant='primary' onClick={() => store.getState().dismiss()} testId='scan-again'>
            继续扫码
          </Button>
          <Button block onClick={() => go(PAGES.stock)} testId='go-stock'>
            查看库存
          </Button>
        </>
      }
    />
  );
}
