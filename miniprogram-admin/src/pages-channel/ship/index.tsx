/*
 * Brand shipping (发货): pick the first-tier dealer, scan or type the cases and boxes into a running
 * list, check it, confirm and submit once; the reply's item count. The list and the dealer are
 * kept on the phone, so a failed submit loses nothing and "retry" sends the same request.
 *
 * data-testids: ship (page), dealers-loading, dealers-error(-retry), dealers-empty, dealers,
 * dealer-<orgId>, target-card, target-name, target-change, the kit scan list's (scan-continuous,
 * code field, manual-submit, scan-echo, scan-summary, scan-clear, entry-<code> (data-status),
 * remove-<code>, recheck, submit, submit-message, submit-failed, retry, submit-done,
 * done-items), ship-again, go-home.
 */
import { View } from '@tarojs/components';
import { useState } from 'react';
import { useStore } from 'zustand';
import { Button, ScanListPanel, TargetCard, TargetPicker } from '@channel-router/ui';
import { shipDealers, shipStore } from '../../services/app';
import { goHome, Screen } from '../../components/screen';
import { regionLabel } from '../../stores/regions';

function ShipList() {
  const target = useStore(shipStore, (s) => s.target);
  const dealers = useStore(shipDealers, (s) => s.dealers);
  const status = useStore(shipStore, (s) => s.submit.status);
  const [picking, setPicking] = useState(false);
  const sending = status === 'submitting' || status === 'confirming';

  if (status !== 'done' && (target === null || picking)) {
    return (
      <TargetPicker
        orgs={dealers}
        target={target}
        onPick={(o) => {
          shipStore.getState().setTarget({ orgId: o.id, name: o.name });
          setPicking(false);
        }}
        onReload={() => void shipDealers.getState().load()}
        describe={(o) => regionLabel(o.regionCode) ?? o.regionCode}
        idPrefix='dealer'
        title='选择收货经销商'
        loadingText='正在加载经销商…'
        emptyTitle='还没有一级经销商'
        emptyText='请先在「经销商、批发商、门店」里添加经销商'
      />
    );
  }

  return (
    <View>
      {status === 'done' || target === null ? null : <TargetCard title='收货经销商' target={target} sending={sending} onChange={() => setPicking(true)} />}
      <ScanListPanel
        store={shipStore}
        submitText='确认发货'
        scanText='连续扫码发货'
        scanHint={`发往 ${target?.name ?? '经销商'}：对准箱或盒上的二维码`}
        emptyText='扫描要发出的箱、盒上的码，扫到的码会列在这里。只能发品牌仓库中的货。'
        doneTitle={(r) => `已发货给 ${r.targetName ?? '经销商'}`}
        doneText={(r) => `${r.codes} 个码已发出，货物已分配给该经销商，等待对方扫码签收`}
        doneActions={
          <>
            <Button block variant='primary' onClick={() => shipStore.getState().dismiss()} testId='ship-again'>
              继续发货
            </Button>
            <Button block onClick={goHome} testId='go-home'>
              回到首页
            </Button>
          </>
        }
      />
    </View>
  );
}

export default function Ship() {
  return (
    <Screen testId='ship' title='发货' subtitle='从品牌仓库发往一级经销商' access='admin' onShow={() => void shipDealers.getState().load()}>
      <ShipList />
    </Screen>
  );
}
