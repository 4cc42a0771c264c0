/**
 * The shape of an action's declaration: the one place that says, for an action of a cloud
 * function, what its request is (a schema, checked on the phone and on the server), what its
 * reply is, who may call it from which app, how a client may retry it, and which error codes it
 * may answer (with the words a person sees for them). Everything else is derived from these
 * declarations: the typed contract (`ActionMap`), the action lists (`FUNCTION_ACTIONS`), the
 * request parsers, the client's methods and retry classes, and the server's function tables.
 *
 * How to add an action or a function: docs/actions.md.
 */
import type { ErrorCode } from '../result.js';
import type { Infer, Schema } from '../validation/schema.js';

/** The four mini-programs. Identity of the app comes from the platform, never from a request. */
export const APP_NAMES = ['admin', 'dealer', 'terminal', 'consumer'] as const;
export type AppName = (typeof APP_NAMES)[number];

/**
 * How a client may repeat a call whose reply was lost:
 * - `read`: only reads; asked again as is.
 * - `write`: changes something and carries no idempotency key; sent once, the page offers "retry"
 *   (the server's own keys, if any, keep a second attempt from acting twice).
 * - `keyed`: a creating write with an optional `requestId`; given an intent, it is retried with
 *   the same key, without one it is sent once.
 * - `intent`: moves money; it must carry an intent (sent as `requestId`) and is retried with it.
 */
export const RETRY_CLASSES = ['read', 'write', 'keyed', 'intent'] as const;
export type RetryClass = (typeof RETRY_CLASSES)[number];

/** `public`: may be called without signing in (e.g. checking a code is genuine). */
export type Access = 'public' | 'signed-in';

/**
 * Error codes any action may answer without declaring them: its request schema refuses bad input
 * (INVALID_ARGUMENT), and a bug or an outage answers INTERNAL. The runtime adds UNAUTHENTICATED
 * for signed-in actions and FORBIDDEN for actions limited to some apps (`implicitErrors`).
 */
export const ALWAYS_POSSIBLE_ERRORS = ['INVALID_ARGUMENT', 'INTERNAL'] as const satisfies readonly ErrorCode[];

/** At most this many app-specific words per action: words belong to a few telling codes. */
const MAX_WORDS_PER_ACTION = 8;

export interface ActionDecl<Req = unknown, Res = unknown, R extends RetryClass = RetryClass, X extends Access = Access> {
  /** Checks and normalises the request; unknown fields are dropped. */
  readonly schema: Schema<Req>;
  /** Who may call it, in words (the use case checks roles against memberships on the server). */
  readonly who: string;
  /** `public` actions run without an identity; all others answer UNAUTHENTICATED without one. */
  readonly access: X;
  /** The apps it may be called from (`any`, or a list: other apps get FORBIDDEN). */
  readonly apps: 'any' | readonly AppName[];
  readonly retry: R;
  /** Business error codes it may answer, beyond `ALWAYS_POSSIBLE_ERRORS`. */
  readonly errors: readonly ErrorCode[];
  /** Plain Chinese words for some of those codes where the default words would mislead. */
  readonly words?: Partial<Record<ErrorCode, string>>;
  /** Carries the reply type; never set at run time. */
  readonly reply?: Res;
}

/** Strict type identity (optional keys and all). */
export type Same<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;

type HasRequestId<Req> = 'requestId' extends keyof Req ? true : false;
/** Keyed and intent actions carry `requestId`; no other action does. */
type RetryFits<Req, R extends RetryClass> = HasRequestId<Req> extends (R extends 'keyed' | 'intent' ? true : false) ? true : false;

/**
 * Declares one action: `declareAction<ShipReq, ShipRes>()({ schema, who, access, apps, retry,
 * errors, words })`. Fails to compile when the schema does not parse exactly `Req`, or when
 * `requestId` and the retry class disagree.
 */
export function declareAction<Req, Res>() {
  return function <S extends Schema<unknown>, const R extends RetryClass, const X extends Access>(
    decl: Omit<ActionDecl<Req, Res, R, X>, 'schema' | 'reply'> & { readonly schema: S } & (Same<Infer<S>, Req> extends true
        ? unknown
        : { readonly schemaDoesNotParseExactlyTheRequestType: never }) &
      (RetryFits<Req, R> extends true ? unknown : { readonly requestIdOnlyForKeyedAndIntentActions: never }),
  ): ActionDecl<Req, Res, R, X> {
    assertDecl(decl as unknown as ActionDecl);
    return decl as unknown as ActionDecl<Req, Res, R, X>;
  };
}

/** A cloud function's actions, by name. */
export type FunctionDecl = Readonly<Record<string, ActionDecl<any, any, any, any>>>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Declares a cloud function: its name (the cloud function's folder) and its actions. */
export function declareFunction<const N extends string, const D extends FunctionDecl>(name: N, actions: D): { readonly name: N; readonly actions: D } {
  if (!/^[a-z][a-zA-Z0-9]{0,31}$/.test(name)) throw new Error(`declareFunction: bad function name ${JSON.stringify(name)}`);
  const names = Object.keys(actions);
  if (names.length === 0 || names.length > 100) throw new Error(`declareFunction(${name}): 1..100 actions, got ${names.length}`);
  for (const a of names) if (!/^[a-z][a-zA-Z0-9]{0,63}$/.test(a)) throw new Error(`declareFunction(${name}): bad action name ${JSON.stringify(a)}`);
  return { name, actions };
}

/** The codes an action may answer: its declared ones, the always-possible ones and the runtime's. */
export function possibleErrors(decl: ActionDecl): ReadonlySet<ErrorCode> {
  return new Set<ErrorCode>([...ALWAYS_POSSIBLE_ERRORS, ...implicitErrors(decl), ...decl.errors]);
}

/** Codes the runtime itself answers for this action, before it runs. */
export function implicitErrors(decl: ActionDecl): ErrorCode[] {
  const out: ErrorCode[] = [];
  if (decl.access === 'signed-in') out.push('UNAUTHENTICATED');
  if (decl.apps !== 'any') out.push('FORBIDDEN');
  return out;
}

function assertDecl(d: ActionDecl): void {
  if (typeof d.schema?.parse !== 'function') throw new Error('declareAction: schema is required');
  if (typeof d.who !== 'string' || d.who.trim() === '') throw new Error('declareAction: who is required');
  if (d.apps !== 'any' && (d.apps.length === 0 || d.apps.some((a) => !(APP_NAMES as readonly string[]).includes(a)))) {
    throw new Error(`declareAction: bad apps ${JSON.stringify(d.apps)}`);
  }
  if (new Set(d.errors).size !== d.errors.length) throw new Error(`declareAction: errors listed twice: ${d.errors.join(', ')}`);
  const words = Object.keys(d.words ?? {});
  if (words.length > MAX_WORDS_PER_ACTION) throw new Error(`declareAction: at most ${MAX_WORDS_PER_ACTION} words`);
  const possible = possibleErrors(d);
  for (const code of words) {
    if (!possible.has(code as ErrorCode)) throw new Error(`declareAction: words for ${code}, which the action does not answer`);
  }
}
