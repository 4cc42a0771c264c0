/**
 * Shipping: pick the store or wholesaler (orgs this one supplies), scan, check the running list,
 * confirm and submit; the reply's item count. The list and the receiver are kept on the phone.
 * Test ids: ship, ship-org, target-card, target-name, target-change, targets, target-<orgId>,
 * targets-loading, targets-error, targets-error-retry, targets-empty, plus the scan panel's ids
 * (see pages/receive).
 * Before the org is known: the gate's ids (components/org-gate.tsx).
 */
import { View, Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { Header, Page, TargetCard, TargetPicker } from '@channel-router/ui';
import { downstreamStore, shipList } from '../../services/app';
import { OrgGate } from '../../components/org-gate';
import { ScanPanel } from '../../components/scan-panel';
import { onBackH5 } from '../../components/nav';
import { orgKindLabel, regionLabel } from '../../stores/labels';
import type { OrgMembership } from '../../stores/org';

function Ship({ m }: { m: OrgMembership }) {
  const target = useStore(shipList, (s) => s.target);
  const orgs = useStore(downstreamStore, (s) => s.orgs);
  const sending = useStore(shipList, (s) => s.submit.status === 'submitting' || s.submit.status === 'confirming');
  const done = useStore(shipList, (s) => s.submit.status === 'done');
  const [picking, setPicking] = useState(false);

  useEffect(() => {
    shipList.getState().bind(m.orgId);
    void downstreamStore.getState().load(m.orgId);
  }, [m.orgId]);

  const choosing = target === null || picking;

  const picker = () => (
    <TargetPicker
      orgs={orgs}
      target={target}
      onPick={(o) => {
        shipList.getState().setTarget({ orgId: o.id, name: o.name });
        setPicking(false);
      }}
      onReload={() => void downstreamStore.getState().load(m.orgId)}
      describe={(o) => `${orgKindLabel(o.kind)} · ${regionLabel(o.regionCode)}`}
      idPrefix='target'
      title='选择收货方'
      loadingText='正在加载下游单位…'
      emptyTitle='还没有下游门店或批发商'
      emptyText='请联系品牌为本单位添加下游门店或批发商'
    />
  );

  return (
    <View>
      {done ? null : choosing ? (
        picker()
      ) : (
        <TargetCard title='收货方' target={target!} sending={sending} onChange={() => setPicking(true)} />
      )}
      {choosing && target === null ? null : (
        <ScanPanel
          store={shipList}
          submitText='确认发货'
          scanHint={`发往 ${target?.name ?? '下游'}：对准箱或盒上的二维码`}
          emptyText='扫描要发出的箱、盒上的码，扫到的码会列在这里。只能发本单位库存中的货。'
        />
      )}
    </View>
  );
}

export default function ShipPage() {
  return (
    <Page testId='ship'>
      <OrgGate title='发货' need='ship'>
        {(m) => (
          <>
            <Header title='发货' subtitle={<Text data-testid='ship-org'>从 {m.orgName} 发往下游门店或批发商</Text>} onBack={onBackH5} />
            <Ship m={m} />
          </>
        )}
      </OrgGate>
    </Page>
  );
}
