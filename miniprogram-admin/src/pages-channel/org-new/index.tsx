/*
 * A new dealer (with its territory), wholesaler or store: kind, name, supplier, registered
 * region (picked or typed as a code, its name shown), territory.
 *
 * data-testids: org-new (page), kind-dealer, kind-wholesaler, kind-store, orgName (field;
 * error: orgName-error), upstream-<orgId> (chips; error: upstream-error), upstream-empty,
 * region (region field: region-pick, region-option-<code>, region-choose, region-name;
 * input cr-field-regionCode; error: regionCode-error), territory (editor: territoryCode field,
 * territory-add, territory-pick, territory-option-<code>, territory-choose, territory-home,
 * territory-entry-<code>, territory-remove-<code>; error: territoryCode-error), org-submit,
 * org-retry, org-failed, org-created, org-open, org-again.
 */
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { Button, Field, Result, ErrorNote } from '@channel-router/ui';
import type { ChannelOrgKind } from '@channel-router/shared/model';
import { directoryStore, orgsStore, sessionStore } from '../../services/app';
import { Screen } from '../../components/screen';
import { Chips } from '../../components/chips';
import { RegionField, TerritoryEditor } from '../../components/region-picker';
import { isRetryable } from '@channel-router/ui/kit';
import { valueOf } from '@channel-router/ui/kit';
import { hasTerritory, ORG_KIND_NAMES, upstreamOptions } from '../../stores/orgs';
import { ROUTES } from '../../nav';

const KINDS: ReadonlyArray<{ key: ChannelOrgKind; label: string }> = [
  { key: 'dealer', label: '经销商' },
  { key: 'wholesaler', label: '批发商（二批）' },
  { key: 'store', label: '门店' },
];

function isKind(k: unknown): k is ChannelOrgKind {
  return k === 'dealer' || k === 'wholesaler' || k === 'store';
}

export default function OrgNew() {
  const router = useRouter();
  const form = useStore(orgsStore, (s) => s.form);
  const errors = useStore(orgsStore, (s) => s.errors);
  const status = useStore(orgsStore, (s) => s.status);
  const error = useStore(orgsStore, (s) => s.error);
  const created = useStore(orgsStore, (s) => s.created);
  const orgs = useStore(directoryStore, (s) => s.orgs);
  const me = useStore(sessionStore, (s) => s.me);
  const { startForm, setField, addTerritory, removeTerritory, submit } = orgsStore.getState();
  const busy = status === 'submitting';

  useEffect(() => {
    // Once per opening: later renders must not reset a form being filled or its result.
    const k = router.params['kind'];
    startForm(isKind(k) ? k : 'dealer');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const options = upstreamOptions(form.kind, valueOf(orgs) ?? [], valueOf(me)?.brandName ?? null);

  let content;
  if (status === 'done' && created !== null) {
    content = (
      <Result status='success' title={`${ORG_KIND_NAMES[created.kind]}已创建`} description={`「${created.name}」已加入。下一步：生成邀请码，请对方的负责人加入。`} testId='org-created'>
        <Button block variant='primary' onClick={() => void Taro.redirectTo({ url: `${ROUTES.org}?id=${encodeURIComponent(created.orgId)}` })} testId='org-open'>
          生成邀请码
        </Button>
        <Button block onClick={() => startForm(created.kind)} testId='org-again'>继续新建</Button>
      </Result>
    );
  } else {
    content = (
      <View>
        <Text className='ad-field-label'>类型</Text>
        <Chips options={KINDS} value={form.kind} onChange={(k) => setField('kind', k)} testId='kind' disabled={busy} />

        <Field name='orgName' label='名称' value={form.name} onChange={(v) => setField('name', v)} placeholder='例如 广东好味经销有限公司' maxlength={64} error={errors.name} disabled={busy} />

        <Text className='ad-field-label'>上级供货方</Text>
        {form.kind === 'dealer' ? (
          <Text className='ad-note'>经销商直接由品牌供货。</Text>
        ) : options.length === 0 ? (
          <Text className='ad-note' data-testid='upstream-empty'>
            {form.kind === 'wholesaler' ? '还没有经销商：请先创建经销商。' : '还没有经销商或批发商：请先创建它们。'}
          </Text>
        ) : (
          <Chips
            options={options.map((o) => ({ key: o.id, label: o.name, hint: o.kind === 'wholesaler' ? '批发商' : '经销商' }))}
            value={form.upstreamId === '' ? null : form.upstreamId}
            onChange={(id) => setField('upstreamId', id)}
            testId='upstream'
            disabled={busy}
          />
        )}
        {errors.upstreamId !== undefined ? <Text className='ad-field-error' data-testid='upstream-error'>{errors.upstreamId}</Text> : null}

        <RegionField name='regionCode' label='所在地区（注册地址）' value={form.regionCode} onChange={(v) => setField('regionCode', v)} error={errors.regionCode} testId='region' disabled={busy} />

        {hasTerritory(form.kind) ? (
          <View>
            <Text className='ad-note'>经营区域：此{ORG_KIND_NAMES[form.kind]}可以销售的地区。货物出现在区域外的门店时，会记为窜货。</Text>
            <TerritoryEditor
              value={form.territory}
              onAdd={addTerritory}
              onRemove={removeTerritory}
              error={errors.territory}
              testId='territory'
              disabled={busy}
              homeRegion={form.regionCode.trim()}
            />
          </View>
        ) : (
          <Text className='ad-note'>门店在注册地区销售，没有经营区域。</Text>
        )}

        {status === 'failed' && error !== null ? (
          <ErrorNote text={isRetryable(error) ? `${error.userMessage}（填写的内容已保留，重试不会重复创建）` : error.userMessage} testId='org-failed' />
        ) : null}
        {errors.form !== undefined ? <ErrorNote text={errors.form} /> : null}
        <View className='ad-actions'>
          <Button block variant='primary' size='large' loading={busy} onClick={() => void submit()} testId={status === 'failed' ? 'org-retry' : 'org-submit'}>
            {status === 'failed' ? '重试' : `创建${ORG_KIND_NAMES[form.kind]}`}
          </Button>
        </View>
      </View>
    );
  }

  return (
    <Screen testId='org-new' title={`新建${ORG_KIND_NAMES[form.kind]}`} subtitle='创建后可生成邀请码' access='admin' onShow={() => void directoryStore.getState().load()}>
      {content}
    </Screen>
  );
}
