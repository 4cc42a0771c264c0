/**
 * Joining a dealer or wholesaler with an invite code.
 * Test ids: join, inviteCode field (`.cr-field--inviteCode input`), inviteCode-error, join-submit,
 * join-failed, join-retry, join-done, join-done-org, join-start, join-store.
 */
import { View, Text } from '@tarojs/components';
import { useStore } from 'zustand';
import { Button, Field, Header, Page, Result, useRequireLogin } from '@channel-router/ui';
import { joinStore } from '../../services/app';
import { orgKindLabel, roleLabel } from '../../stores/labels';
import { home, onBackH5 } from '../../components/nav';

export default function Join() {
  useRequireLogin('dealer');
  const s = useStore(joinStore);
  const { setCode, submit, reset } = joinStore.getState();
  const phase = s.phase;

  if (phase.kind === 'joined') {
    const joined = phase.joined;
    return (
      <Page testId='join'>
        <Header title='加入单位' onBack={onBackH5} />
        {joined !== null ? (
          <Result status='success' title='加入成功' testId='join-done' description={
            <Text data-testid='join-done-org'>您已成为 {joined.orgName} 的{roleLabel(joined.role)}（{orgKindLabel(joined.kind)}），现在为它操作。</Text>
          }>
            <Button block variant='primary' onClick={() => { reset(); home(); }} testId='join-start'>开始使用</Button>
          </Result>
        ) : (
          <Result status='info' title='已加入' testId='join-store' description='这个邀请码属于门店。门店的收货、库存和奖励请在门店小程序中使用。'>
            <Button block onClick={() => { reset(); home(); }} testId='join-start'>返回首页</Button>
          </Result>
        )}
      </Page>
    );
  }

  return (
    <Page testId='join'>
      <Header title='加入单位' subtitle='输入品牌或上级经销商给您的邀请码' onBack={onBackH5} />
      <Field
        name='inviteCode'
        label='邀请码'
        value={s.codeText}
        onChange={setCode}
        onConfirm={() => void submit()}
        placeholder='例如 K7M2 QX9P TA'
        maxlength={40}
        error={s.fieldError}
        hint='邀请码由字母和数字组成，不区分大小写'
      />
      {phase.kind === 'failed' ? (
        <Result status='fail' title='没有加入成功' description={phase.error.userMessage} testId='join-failed'>
          {phase.retryable ? <Button block variant='primary' onClick={() => void submit()} testId='join-retry'>重试</Button> : null}
        </Result>
      ) : null}
      <View className='dl-actions'>
        <Button block variant='primary' size='large' loading={phase.kind === 'joining'} onClick={() => void submit()} testId='join-submit'>
          加入
        </Button>
      </View>
    </Page>
  );
}
