/** h5 demo login (the kit's person picker). Test ids: login, person-<openId>, login-custom. */
import { LoginScreen } from '@channel-router/ui';

export default function Login() {
  return <LoginScreen app='dealer' title='经销商 · 登录' />;
}
