/**
 * The gateway's API (channel-router.md §6): dev sign-in, function calls, health.
 *
 * Identity rule: a function receives the caller's identity only from a token that verifies. A call
 * without a token runs anonymously (public actions such as `scan.verify` work; the others answer
 * UNAUTHENTICATED from the function). A token that is present but forged, malformed or expired is
 * refused here with UNAUTHENTICATED, so a client never mistakes a broken session for anonymity.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FunctionRunner, InvokeOutcome } from '../runner/function-runner.js';
import { FUNCTION_NAME_RE } from '../runner/function-runner.js';
import { APPS, type AppName, type CallerIdentity } from '../runner/sdk-env.js';
import { clientIp, errorBody, readBody, sendJson } from './http-io.js';
import type { GatewayLimits } from './limits.js';
import { ID_PATTERN, type TokenService } from './tokens.js';

export interface ApiContext {
  runner: FunctionRunner;
  tokens: TokenService;
  limits: GatewayLimits;
  trustForwardedFor: boolean;
  startedAt_ms: number;
  appIds: Readonly<Record<AppName, string>>;
}

const STATUS_BY_OUTCOME: Record<InvokeOutcome, number> = {
  ok: 200,
  threw: 500,
  crashed: 500,
  timeout: 504,
  queue_full: 429,
  unavailable: 503,
};

type JsonParse = { ok: true; value: unknown } | { ok: false };

function parseJson(body: Buffer): JsonParse {
  const text = body.toString('utf8').trim();
  if (text === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads and parses a JSON object body, answering 400 itself when it cannot. */
async function readJsonObject(req: IncomingMessage, res: ServerResponse, limit_bytes: number): Promise<Record<string, unknown> | null> {
  const body = await readBody(req, limit_bytes);
  if (!body.ok) {
    if (body.reason === 'too_large') {
      sendJson(res, 400, errorBody('INVALID_ARGUMENT', `request body exceeds ${limit_bytes} bytes`));
    } else {
      res.destroy();
    }
    return null;
  }
  const parsed = parseJson(body.body);
  if (!parsed.ok) {
    sendJson(res, 400, errorBody('INVALID_ARGUMENT', 'request body is not valid JSON'));
    return null;
  }
  if (!isPlainObject(parsed.value)) {
    sendJson(res, 400, errorBody('INVALID_ARGUMENT', 'request body must be a JSON object'));
    return null;
  }
  return parsed.value;
}

/** POST /api/dev/login {app, openId, unionId?} → {token, expiresAt} */
export async function handleLogin(req: IncomingMessage, res: ServerResponse, ctx: ApiContext): Promise<void> {
  const body = await readJsonObject(req, res, ctx.limits.maxLoginBytes);
  if (!body) return;
  const { app, openId } = body;
  const unionId = body.unionId ?? openId;
  if (typeof app !== 'string' || !APPS.includes(app as AppName)) {
    return sendJson(res, 400, errorBody('INVALID_ARGUMENT', `app must be one of ${APPS.join(', ')}`, 'app'));
  }
  if (typeof openId !== 'string' || !ID_PATTERN.test(openId)) {
    return sendJson(res, 400, errorBody('INVALID_ARGUMENT', 'openId must be 1-128 characters of A-Z a-z 0-9 _ -', 'openId'));
  }
  if (typeof unionId !== 'string' || !ID_PATTERN.test(unionId)) {
    return sendJson(res, 400, errorBody('INVALID_ARGUMENT', 'unionId must be 1-128 characters of A-Z a-z 0-9 _ -', 'unionId'));
  }
  const { token, claims } = ctx.tokens.issue({ app: app as AppName, openId, unionId });
  sendJson(res, 200, { token, expiresAt: new Date(claims.exp * 1000).toISOString() });
}

export type Auth = { kind: 'anonymous' } | { kind: 'verified'; app: AppName; openId: string; unionId: string } | { kind: 'refused'; message: string };

/** The caller of an /api/ request, from its Bearer token. */
export function authenticate(req: IncomingMessage, tokens: TokenService): Auth {
  const header = req.headers.authorization;
  if (header === undefined) return { kind: 'anonymous' };
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m?.[1]) return { kind: 'refused', message: 'Authorization must be "Bearer <token>"' };
  const v = tokens.verify(m[1]);
  if (!v.ok) {
    return { kind: 'refused', message: v.reason === 'expired' ? 'the sign-in token has expired; sign in again' : 'the sign-in token is not valid' };
  }
  return { kind: 'verified', app: v.claims.app, openId: v.claims.openId, unionId: v.claims.unionId };
}

/** POST /api/fn/<name> with the event as JSON body → the function's reply. */
export async function handleFunctionCall(
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  requestId: string,
  ctx: ApiContext,
): Promise<void> {
  if (!FUNCTION_NAME_RE.test(name) || !ctx.runner.has(name)) {
    req.resume();
    return sendJson(res, 404, errorBody('NOT_FOUND', `no cloud function named "${name.slice(0, 64)}"`));
  }
  const auth = authenticate(req, ctx.tokens);
  if (auth.kind === 'refused') {
    req.resume();
    // 200 like every function reply (docs/actions.md#local-gateway: the body carries the outcome); the header still
    // tells HTTP-minded clients why.
    return sendJson(res, 200, errorBody('UNAUTHENTICATED', auth.message), { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  }
  const event = await readJsonObject(req, res, ctx.limits.maxEventBytes);
  if (!event) return;

  const identity: CallerIdentity = { clientIp: clientIp(req, ctx.trustForwardedFor) };
  // WeChat overwrites event.userInfo with the verified caller; a client-sent one is never trusted.
  delete event.userInfo;
  if (auth.kind === 'verified') {
    identity.app = auth.app;
    identity.openId = auth.openId;
    identity.unionId = auth.unionId;
    event.userInfo = { openId: auth.openId, appId: ctx.appIds[auth.app] };
  }
  const result = await ctx.runner.invoke(name, event, identity, requestId);
  const headers: Record<string, string> = result.outcome === 'queue_full' ? { 'Retry-After': '1' } : {};
  sendJson(res, STATUS_BY_OUTCOME[result.outcome], result.json, headers);
}

/** GET /api/health */
export function handleHealth(res: ServerResponse, ctx: ApiContext): void {
  sendJson(res, 200, {
    ok: true,
    data: {
      status: 'ok',
      uptime_s: Math.round((Date.now() - ctx.startedAt_ms) / 1000),
      functions: ctx.runner.list(),
      runner: ctx.runner.stats(),
    },
  });
}
