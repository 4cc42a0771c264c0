/*
 * The local demo's person picker (h5 only; in WeChat the platform gives the identity).
 *
 * data-testids (from the kit's LoginScreen): login (page), person-demo-admin,
 * person-demo-inspector, openId (field), login-custom.
 */
import { LoginScreen } from '@channel-router/ui';

export default function Login() {
  return <LoginScreen app='admin' title='品牌管理 · 登录' />;
}
