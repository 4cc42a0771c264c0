import { LoginScreen } from '@channel-router/ui';

export default function Login() {
  return <LoginScreen app='consumer' title='扫码领奖 · 登录' />;
}
