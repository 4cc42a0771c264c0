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
import { Card, Cell, Empty, Header, List, Loading, Page, Tag } from '@channel-router/ui';
import { downstreamStore, shipList } from '../../services/app';
import { OrgGate } from '../../components/org-gate';
import { ScanPanel } from '../../components/scan-panel';
import { ErrorBlock } from '../../components/error-block';
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

  const picker = () => {
    if (orgs.status === 'idle' || orgs.status === 'loading') return <Loading text='正在加载下游单位…' testId='targets-loading' />;
    if (orgs.status === 'error') return <ErrorBlock message={orgs.error.userMessage} onRetry={() => void downstreamStore.getState().load(m.orgId)} testId='targets-error' />;
    if (orgs.value.length === 0) return <Empty title='还没有下游门店或批发商' description='请联系品牌为本单位添加下游门店或批发商' testId='targets-empty' />;
    return (
      <List title='选择收货方' testId='targets'>
        {orgs.value.map((o) => (
          <Cell
            key={o.id}
            title={o.name}
            label={`${orgKindLabel(o.kind)} · ${regionLabel(o.regionCode)}`}
            value={o.id === target?.orgId ? <Tag tone='success'>已选</Tag> : undefined}
            onClick={() => {
              shipList.getState().setTarget({ orgId: o.id, name: o.name });
              setPicking(false);
            }}
            testId={`target-${o.id}`}
          />
        ))}
      </List>
    );
  };

  return (
    <View>
      {done ? null : choosing ? (
        picker()
      ) : (
        <Card
          title='收货方'
          testId='target-card'
          extra={
            sending ? undefined : (
              <Text className='dl-link' onClick={() => setPicking(true)} data-testid='target-change'>
                更换
              </Text>
            )
          }
        >
          <Text className='dl-org-name' data-testid='target-name'>{target!.name}</Text>
        </Card>
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
