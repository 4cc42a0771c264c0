/**
 * The app's client: the gateway on h5 (local cloud, Bearer token), `Taro.cloud.callFunction` on
 * weapp. Created once per app; pages and stores receive it (stores never import Taro).
 */
import Taro from '@tarojs/taro';
import {
  createClient,
  createCloudTransport,
  createGatewayTransport,
  type AppName,
  type Client,
  type Transport,
} from '@channel-router/shared/client';
import { clearToken, getToken, LOGIN_PAGE } from './session';

let cloudReady = false;

/** weapp: `wx.cloud.init` once, before the first call (CLOUD_ENV empty: the default env). */
function ensureCloud(): void {
  if (cloudReady) return;
  const options: { env?: string; traceUser: boolean } = { traceUser: true };
  if (CLOUD_ENV !== '') options.env = CLOUD_ENV;
  Taro.cloud.init(options);
  cloudReady = true;
}

function platformTransport(app: AppName): Transport {
  if (process.env.TARO_ENV === 'h5') {
    return createGatewayTransport({
      baseUrl: API_BASE_URL,
      getToken: () => getToken(app),
      fetch: (url, init) => fetch(url, init),
    });
  }
  return createCloudTransport(async (o) => {
    ensureCloud();
    return (await Taro.cloud.callFunction(o)) as { result?: unknown };
  });
}

export function createAppClient(app: AppName): Client {
  return createClient(platformTransport(app), {
    onUnauthenticated: () => {
      if (process.env.TARO_ENV !== 'h5') return;
      clearToken(app);
      void Taro.reLaunch({ url: LOGIN_PAGE });
    },
  });
}
