/**
 * Join a store with an invite code.
 * testIds: join, join-form, join-submit, inviteCode-error (field error), join-done, join-go-home,
 *   join-failed, join-retry, join-again; the input is `.cr-field--inviteCode input`
 */
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useStore } from 'zustand';
import { Button, Field, Header, Page, Result, ROLE_LABELS, useRequireLogin, Loading } from '@channel-router/ui';
import { joinStore } from '../../services/app';
import { onBackIfH5, PAGES } from '../../services/nav';

export default function Join() {
  const ready = useRequireLogin('terminal');
  const codeText = useStore(joinStore, (s) => s.codeText);
  const fieldError = useStore(joinStore, (s) => s.fieldError);
  const phase = useStore(joinStore, (s) => s.phase);
  const { setCode, submit, reset } = joinStore.getState();

  const home = () => {
    reset();
    void Taro.reLaunch({ url: PAGES.home });
  };

  return (
    <Page testId='join'>
      <Header title='加入门店' subtitle='输入店主（或品牌方）给您的邀请码' onBack={onBackIfH5} />
      {!ready ? <Loading /> : null}
      {ready && phase.kind === 'joined' ? (
        <Result
          status={phase.joined.isStore ? 'success' : 'info'}
          title={phase.joined.isStore ? '加入成功' : '已加入'}
          description={
            phase.joined.isStore
              ? `您已成为「${phase.joined.orgName ?? '门店'}」的${ROLE_LABELS[phase.result.role] ?? '成员'}，现在可以扫码入库了。`
              : `您已加入「${phase.joined.orgName ?? '该组织'}」。它不是门店，请使用对应的小程序办理业务。`
          }
          testId='join-done'
        >
          <Button block variant='primary' onClick={home} testId='join-go-home'>进入门店</Button>
        </Result>
      ) : null}
      {ready && phase.kind === 'failed' ? (
        <Result status='fail' title='没有加入成功' description={phase.error.userMessage} testId='join-failed'>
          {phase.retryable ? <Button block variant='primary' onClick={() => void submit()} testId='join-retry'>重试</Button> : null}
          <Button block onClick={reset} testId='join-again'>重新输入</Button>
        </Result>
      ) : null}
      {ready && (phase.kind === 'idle' || phase.kind === 'joining') ? (
        <View data-testid='join-form'>
          <Field
            name='inviteCode'
            label='邀请码'
            value={codeText}
            onChange={setCode}
            onConfirm={() => void submit()}
            placeholder='例如 K7M2X9P4'
            maxlength={40}
            error={fieldError}
            hint='邀请码不区分大小写，一个邀请码只能使用一次'
          />
          <View className='t-actions'>
            <Button block variant='primary' size='large' loading={phase.kind === 'joining'} onClick={() => void submit()} testId='join-submit'>
              加入
            </Button>
          </View>
          <Text className='t-hint'>没有邀请码？请让店主在门店助手「邀请店员」里生成，或联系品牌业务员。</Text>
        </View>
      ) : null}
    </Page>
  );
}
