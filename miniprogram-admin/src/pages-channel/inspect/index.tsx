/*
 * The inspector's scan (稽查): where the inspector stands (a store, or judge at the holder),
 * scan or type a code, then the verdict badge and the full custody history as a timeline.
 *
 * data-testids: inspect (page), inspect-at-holder, inspect-at-<storeId>, scan (ScanButton:
 * scan-button, code field cr-field-code, manual-submit), inspecting, inspect-result,
 * verdict (Result, data-status), verdict-in_territory | verdict-diverted | verdict-unallocated
 * (badge), inspect-facts, timeline, timeline-row (data-highlight), timeline-empty,
 * inspect-failed, inspect-retry, inspect-again.
 */
import { View, Text } from '@tarojs/components';
import { useStore } from 'zustand';
import { Button, Card, Loading, Result, ScanButton, type ResultStatus } from '@channel-router/ui';
import { currentNames, directoryStore } from '../../services/app';
import { inspectStore } from '../../services/channel-stores';
import { Screen } from '../../components/screen';
import { Chips } from '../../components/chips';
import { orgsOfKind } from '../../stores/directory';
import { isRetryable } from '@channel-router/ui/kit';
import { inspectView } from '../../stores/inspect';
import { valueOf } from '@channel-router/ui/kit';
import { regionLabel } from '../../stores/regions';
import './index.css';

const VERDICT_STATUS: Record<string, ResultStatus> = { success: 'success', danger: 'fail', warning: 'warning' };

export default function Inspect() {
  const atOrgId = useStore(inspectStore, (s) => s.atOrgId);
  const phase = useStore(inspectStore, (s) => s.phase);
  const orgs = useStore(directoryStore, (d) => d.orgs);
  useStore(directoryStore, (d) => d.products);
  const { setAt, submit, retry, reset } = inspectStore.getState();
  const names = currentNames();
  const stores = orgsOfKind(valueOf(orgs) ?? [], 'store');
  const places = [{ key: 'holder', label: '按当前持有者判定' }, ...stores.map((o) => ({ key: o.id, label: o.name, hint: regionLabel(o.regionCode) ?? undefined }))];

  let body;
  if (phase.kind === 'inspecting') {
    body = <Loading text='正在查询流向…' testId='inspecting' />;
  } else if (phase.kind === 'failed') {
    const retryable = isRetryable(phase.error);
    body = (
      <Result status='fail' title={phase.error.code === 'INVALID_CODE' ? '无效的码' : '稽查没有完成'} description={phase.error.userMessage} testId='inspect-failed'>
        {retryable ? <Button block variant='primary' onClick={() => void retry()} testId='inspect-retry'>重试</Button> : null}
        <Button block onClick={reset} testId='inspect-again'>重新扫码</Button>
      </Result>
    );
  } else if (phase.kind === 'done') {
    const v = inspectView(phase, names);
    body = (
      <View data-testid='inspect-result'>
        <Result
          status={VERDICT_STATUS[v.verdict.tone] ?? 'info'}
          title={
            <Text className={`inspect__verdict inspect__verdict--${v.verdict.tone}`} data-testid={v.verdict.testId}>
              {v.verdict.label}
            </Text>
          }
          description={v.verdict.text}
          testId='verdict'
        />
        <Card title='商品与流向' testId='inspect-facts'>
          {v.facts.map((f) => (
            <View key={f.label} className='ad-kv'>
              <Text className='ad-kv__label'>{f.label}</Text>
              <Text className='ad-kv__value'>{f.value}</Text>
            </View>
          ))}
        </Card>
        <Card title='流向记录' testId='timeline'>
          {v.timeline.length === 0 ? <Text className='cr-muted' data-testid='timeline-empty'>还没有任何扫码记录。</Text> : null}
          {v.timeline.map((r) => (
            <View key={r.key} className={`tl__row${r.highlight ? ' tl__row--highlight' : ''}`} data-testid='timeline-row' data-highlight={r.highlight ? 'true' : 'false'}>
              <View className='tl__dot' />
              <View className='tl__main'>
                <View className='cr-row cr-row--between'>
                  <Text className='tl__step'>{r.step}</Text>
                  <Text className='tl__time'>{r.time}</Text>
                </View>
                <Text className='tl__where'>{r.where}</Text>
                {r.region !== null || r.actor !== null ? (
                  <Text className='tl__meta'>{[r.region, r.actor === null ? null : `操作人 ${r.actor}`].filter((x) => x !== null).join(' · ')}</Text>
                ) : null}
              </View>
            </View>
          ))}
        </Card>
        <View className='ad-actions'>
          <Button block variant='primary' onClick={reset} testId='inspect-again'>继续稽查</Button>
        </View>
      </View>
    );
  } else {
    body = (
      <View>
        <Text className='ad-field-label'>稽查地点</Text>
        <Chips options={places} value={atOrgId ?? 'holder'} onChange={(k) => setAt(k === 'holder' ? null : k)} testId='inspect-at' scroll />
        <Text className='ad-note'>在门店稽查时选择该门店：货在这里出现是否超出其经销商的经营区域，就在这里判定。</Text>
        <ScanButton text='扫码稽查' manualLabel='或输入包装上的码' onCode={(text) => void submit(text)} testId='scan' />
      </View>
    );
  }

  return (
    <Screen testId='inspect' title='稽查扫码' subtitle='一件货的全部流向与判定' access='staff' onShow={() => void directoryStore.getState().load()}>
      {body}
    </Screen>
  );
}
