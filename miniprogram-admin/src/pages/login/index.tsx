import { LoginScreen } from '@channel-router/ui';

export default function Login() {
  return <LoginScreen app='admin' title='品牌管理 · 登录' />;
}
