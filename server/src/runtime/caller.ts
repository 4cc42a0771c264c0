/**
 * Who is calling. Identity comes only from the platform (CloudBase's WX context, or the local
 * gateway's verified token turned into the same variables), never from a request field.
 */
import { APP_NAMES, type AppName } from '@channel-router/shared';

export { APP_NAMES, type AppName };

export interface Caller {
  unionId: string;
  openId: string;
  /** Which mini-program the call came from, when the platform says so. */
  app: AppName | null;
  clientIp: string;
}

/**
 * Maps WeChat app ids to our app names. In production the four AppIDs are configured in the
 * functions' environment as `APPID_ADMIN`, `APPID_DEALER`, ... ; locally the gateway uses
 * `local-<app>`.
 */
export function appFromAppId(appId: string | undefined, env: Record<string, string | undefined>): AppName | null {
  if (!appId) return null;
  for (const name of APP_NAMES) {
    if (appId === `local-${name}`) return name;
    if (env[`APPID_${name.toUpperCase()}`] === appId) return name;
  }
  return null;
}

const MAX_ID_LENGTH = 128;

export function callerFrom(ctx: Record<string, string | undefined>): Caller | null {
  const openId = ctx.WX_OPENID ?? '';
  // A person is one unionId across the four apps; fall back to openId where the platform has no
  // unionId (an app not bound to the Open Platform account), as the local gateway does.
  const unionId = ctx.WX_UNIONID || openId;
  if (!unionId || unionId.length > MAX_ID_LENGTH || openId.length > MAX_ID_LENGTH) return null;
  return {
    unionId,
    openId,
    app: appFromAppId(ctx.WX_APPID, ctx),
    clientIp: ctx.WX_CLIENTIP ?? '',
  };
}
