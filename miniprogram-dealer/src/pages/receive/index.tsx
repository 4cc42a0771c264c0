/**
 * Receiving: scan the cases and boxes that arrived (continuous scanning, a running list), submit
 * once; the reply's item count and any alerts. The list is kept on the phone until it is sent.
 * Test ids: receive, receive-org, org-loading, no-org, not-allowed, and the scan panel's:
 * scan-continuous, manual-submit (with `.cr-field--code input`), scan-echo, scan-summary,
 * scan-clear, entry-<code>, remove-<code>, recheck, submit, submit-message, submit-failed, retry,
 * submit-done, done-items, done-alerts, scan-again, go-stock.
 * Before the org is known: the gate's ids (components/org-gate.tsx).
 */
import { Text } from '@tarojs/components';
import { useEffect } from 'react';
import { Header, Page } from '@channel-router/ui';
import { receiveList } from '../../services/app';
import { OrgGate } from '../../components/org-gate';
import { ScanPanel } from '../../components/scan-panel';
import { onBackH5 } from '../../components/nav';
import type { OrgMembership } from '../../stores/org';

function Receive({ m }: { m: OrgMembership }) {
  useEffect(() => {
    receiveList.getState().bind(m.orgId);
  }, [m.orgId]);
  return (
    <ScanPanel
      store={receiveList}
      submitText='提交收货'
      scanHint={`为 ${m.orgName} 收货：对准箱或盒上的二维码`}
      emptyText={m.kind === 'dealer' ? '扫描品牌发来的箱、盒上的码，扫到的码会列在这里。' : '扫描上级经销商发来的箱、盒上的码，扫到的码会列在这里。'}
    />
  );
}

export default function ReceivePage() {
  return (
    <Page testId='receive'>
      <OrgGate title='收货' need='receive'>
        {(m) => (
          <>
            <Header title='收货' subtitle={<Text data-testid='receive-org'>为 {m.orgName} 收货</Text>} onBack={onBackH5} />
            <Receive m={m} />
          </>
        )}
      </OrgGate>
    </Page>
  );
}
