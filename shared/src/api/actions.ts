/**
 * The typed contract between the apps and the cloud functions, derived from the declarations in
 * `./functions/` (one file per cloud function): for every function and action, the request and
 * the reply's `data`, who may call it, how it may be retried and which errors it may answer.
 * Amounts are integer fen; times are milliseconds since the epoch.
 *
 * To add a function: declare it in `./functions/<name>.ts` and list it in `DECLARED` below
 * (docs/actions.md walks through the rest).
 */
import type { ActionDecl, Access, RetryClass } from './declare.js';
import { CHANNEL } from './functions/channel.js';
import { CODES } from './functions/codes.js';
import { ORDER } from './functions/order.js';
import { REPORT } from './functions/report.js';
import { SCAN } from './functions/scan.js';
import { WALLET } from './functions/wallet.js';
import { TRADE } from './functions/trade.js';

export * from './functions/channel.js';
export * from './functions/codes.js';
export * from './functions/scan.js';
export * from './functions/wallet.js';
export * from './functions/report.js';
export * from './functions/order.js';
export * from './functions/trade.js';
export { APP_NAMES, RETRY_CLASSES, ALWAYS_POSSIBLE_ERRORS, possibleErrors, implicitErrors } from './declare.js';
export type { ActionDecl, Access, AppName, RetryClass } from './declare.js';

/** Every cloud function of the contract, by declaration. */
const DECLARED = [CHANNEL, CODES, SCAN, WALLET, REPORT, ORDER, TRADE] as const;

type Declared = (typeof DECLARED)[number];
/** function name → action name → declaration. */
export type Declarations = { readonly [D in Declared as D['name']]: D['actions'] };

export const FUNCTIONS: Declarations = Object.fromEntries(DECLARED.map((d) => [d.name, d.actions])) as unknown as Declarations;

type ReqOf<D> = D extends ActionDecl<infer Q, unknown, RetryClass, Access> ? Q : never;
type ResOf<D> = D extends ActionDecl<unknown, infer S, RetryClass, Access> ? S : never;

/** The map: function → action → { req, res }. */
export type ActionMap = {
  [F in keyof Declarations]: { [A in keyof Declarations[F]]: { req: ReqOf<Declarations[F][A]>; res: ResOf<Declarations[F][A]> } };
};

export type FunctionName = keyof ActionMap;
export type ActionName<F extends FunctionName> = keyof ActionMap[F] & string;
export type ActionReq<F extends FunctionName, A extends ActionName<F>> = ActionMap[F][A] extends { req: infer R } ? R : never;
export type ActionRes<F extends FunctionName, A extends ActionName<F>> = ActionMap[F][A] extends { res: infer R } ? R : never;
/** How a client may retry `F.A` (see `RetryClass`). */
export type ActionRetry<F extends FunctionName, A extends ActionName<F>> = Declarations[F][A & keyof Declarations[F]] extends { retry: infer R } ? R : never;
/** Whether `F.A` runs without signing in. */
export type ActionAccess<F extends FunctionName, A extends ActionName<F>> = Declarations[F][A & keyof Declarations[F]] extends { access: infer X } ? X : never;
/** The event a client sends: `{ action, ...request }`. */
export type ActionEvent<F extends FunctionName, A extends ActionName<F>> = { action: A } & ActionReq<F, A>;

/** The actions of each function, in declaration order. */
export const FUNCTION_ACTIONS: { readonly [F in FunctionName]: ReadonlyArray<ActionName<F>> } = Object.fromEntries(
  DECLARED.map((d) => [d.name, Object.freeze(Object.keys(d.actions))]),
) as unknown as { readonly [F in FunctionName]: ReadonlyArray<ActionName<F>> };

export const FUNCTION_NAMES: readonly FunctionName[] = Object.freeze(DECLARED.map((d) => d.name));

/** The declaration of `fn.action`, or undefined when the contract has no such action. */
export function actionDecl(fn: string, action: string): ActionDecl | undefined {
  if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, fn)) return undefined;
  const actions = FUNCTIONS[fn as FunctionName] as Readonly<Record<string, ActionDecl>>;
  return Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined;
}
