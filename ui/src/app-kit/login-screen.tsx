import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { DEMO_PEOPLE, devLogin, type AppName } from '@channel-router/shared/client';
import { Page } from '../page';
import { Header } from '../header';
import { Cell, List } from '../cell';
import { Field } from '../field';
import { Button } from '../button';
import { Tag } from '../tag';
import { toast } from '../feedback';
import { clearToken, getToken, HOME_PAGE, setToken } from './session';

export interface LoginScreenProps {
  app: AppName;
  title: string;
}

/**
 * Local mode's person picker: the local cloud has no WeChat to say who is holding the phone, so
 * the tester picks a seeded person (POST /api/dev/login). Not part of any weapp build.
 */
export function LoginScreen({ app, title }: LoginScreenProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [custom, setCustom] = useState('');
  const [error, setError] = useState<string | null>(null);
  const current = getToken(app);

  const login = async (openId: string) => {
    if (busy !== null) return;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(openId)) {
      setError('只能包含字母、数字、- 和 _');
      return;
    }
    setError(null);
    setBusy(openId);
    const r = await devLogin({ baseUrl: API_BASE_URL, fetch: (u, i) => fetch(u, i), app, openId });
    setBusy(null);
    if (!r.ok) {
      toast(r.error.userMessage, 'fail');
      return;
    }
    setToken(app, r.data.token);
    await Taro.reLaunch({ url: HOME_PAGE });
  };

  return (
    <Page testId='login'>
      <Header title={title} subtitle='本地演示环境：请选择一个演示身份登录' />
      <List title='演示身份'>
        {DEMO_PEOPLE[app].map((p) => (
          <Cell
            key={p.openId}
            title={p.label}
            label={p.openId}
            value={busy === p.openId ? <Tag>登录中…</Tag> : undefined}
            onClick={() => void login(p.openId)}
            testId={`person-${p.openId}`}
          />
        ))}
      </List>
      <Field name='openId' label='其他身份（openId）' value={custom} onChange={setCustom} error={error} placeholder='例如 demo-consumer-2' maxlength={64} />
      <View className='cr-login__actions'>
        <Button block variant='primary' onClick={() => void login(custom.trim())} loading={busy !== null && busy === custom.trim()} testId='login-custom'>
          以此身份登录
        </Button>
        {current !== null ? (
          <Button block variant='plain' onClick={() => { clearToken(app); toast('已退出'); }}>
            退出当前身份
          </Button>
        ) : null}
      </View>
      <Text className='cr-login__note'>正式小程序中身份由微信提供，不会出现此页面。</Text>
    </Page>
  );
}
