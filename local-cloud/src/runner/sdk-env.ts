/**
 * The environment a cloud function sees, as CloudBase would inject it, pointed at the local cloud.
 *
 * What @cloudbase/node-sdk 3.18.3 reads (see dist/utils/tcbcontext.js, cloudplatform.js,
 * tcbapirequester.js):
 * - `TCB_CONTEXT_CNFG` `{"URL": ...}`: where database requests go (instead of tcb-api.tencentcloudapi.com).
 * - `TENCENTCLOUD_SECRETID` / `TENCENTCLOUD_SECRETKEY`: request signing; without them the SDK
 *   crashes the process with an unhandled rejection.
 * - `TENCENTCLOUD=true`: skips a metadata-server lookup (about 65 ms) on every request.
 * - `SCF_NAMESPACE` and, through `TCB_CONTEXT_KEYS`, `TCB_ENV`: what `SYMBOL_CURRENT_ENV` becomes.
 * - `WX_CONTEXT_KEYS`: the list of caller-identity variables `getCloudbaseContext()` returns
 *   (wx-server-sdk's `getWXContext()` reads the same `WX_*` variables).
 * `TENCENTCLOUD_RUNENV` is deliberately not `SCF`: that would make the SDK demand a region and
 * turn keep-alive off, which only matters inside Tencent's network.
 */

import path from 'node:path';

export const APPS = ['admin', 'dealer', 'terminal', 'consumer'] as const;
export type AppName = (typeof APPS)[number];

/**
 * The WeChat appid each mini-program has locally. In production each app has its own real appid;
 * functions map appid → app through `APPID_ADMIN`, `APPID_DEALER`, ... (set here for the local
 * cloud, and in the CloudBase console for the real environment; see server/src/runtime/caller.ts).
 */
export const LOCAL_APP_IDS: Readonly<Record<AppName, string>> = {
  admin: 'local-admin',
  dealer: 'local-dealer',
  terminal: 'local-terminal',
  consumer: 'local-consumer',
};

/** Identity variables set per invocation (and cleared after it). */
export const WX_IDENTITY_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'WX_CLIENTIPV6'] as const;

/** Who is calling, as verified by the gateway; all fields absent for an anonymous caller. */
export interface CallerIdentity {
  app?: AppName;
  openId?: string;
  unionId?: string;
  clientIp?: string;
}

export interface FunctionEnvOptions {
  /** Base URL of the local cloud, e.g. http://127.0.0.1:8787 */
  baseUrl: string;
  envId: string;
  secretId: string;
  secretKey: string;
  appIds: Readonly<Record<AppName, string>>;
  /** Extra variables for every function (e.g. configuration the console would hold). */
  extra?: Readonly<Record<string, string>>;
  /**
   * Where a bundle's external packages (the SDK) are found when its folder has no node_modules of
   * its own; CloudBase installs them next to the function, locally they are the repository's.
   */
  modulePaths?: readonly string[];
}

/** Fixed environment of every function worker. */
export function functionEnv(opts: FunctionEnvOptions): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    // The parent's own identity or SDK settings (e.g. from a shell) must not leak into functions.
    if (v === undefined || k.startsWith('WX_') || k.startsWith('TCB_') || k.startsWith('TENCENTCLOUD')) continue;
    inherited[k] = v;
  }
  return {
    ...inherited,
    ...opts.extra,
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_SECRETID: opts.secretId,
    TENCENTCLOUD_SECRETKEY: opts.secretKey,
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${opts.baseUrl}/tcb` }),
    SCF_NAMESPACE: opts.envId,
    TCB_ENV: opts.envId,
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID,TCB_SOURCE',
    TCB_SOURCE: 'local-cloud',
    WX_CONTEXT_KEYS: WX_IDENTITY_KEYS.join(','),
    ...Object.fromEntries(APPS.map((app) => [`APPID_${app.toUpperCase()}`, opts.appIds[app]])),
    ...(opts.modulePaths?.length
      ? { NODE_PATH: [...opts.modulePaths, ...(inherited.NODE_PATH ? [inherited.NODE_PATH] : [])].join(path.delimiter) }
      : {}),
    // The SDK prints a warning for every database call slower than 3 s; the runner has its own timeout.
    SILENCE: 'true',
  };
}

/** Per-invocation variables: a value sets the variable, null removes it. */
export function invocationEnv(
  identity: CallerIdentity,
  appIds: Readonly<Record<AppName, string>>,
  requestId: string,
): Record<string, string | null> {
  const ip = identity.clientIp ?? '';
  const isV6 = ip.includes(':');
  return {
    WX_OPENID: identity.openId ?? null,
    WX_UNIONID: identity.unionId ?? null,
    WX_APPID: identity.app ? appIds[identity.app] : null,
    // Functions rate-limit per WX_CLIENTIP, so it always carries the address; v6 also goes where
    // WeChat puts it.
    WX_CLIENTIP: ip !== '' ? ip : null,
    WX_CLIENTIPV6: ip !== '' && isV6 ? ip : null,
    TCB_SEQID: requestId,
  };
}
