import { LoginScreen } from '@channel-router/ui';

export default function Login() {
  return <LoginScreen app='terminal' title='门店 · 登录' />;
}
