/**
 * Declares a cloud function's actions with types taken from the shared API contract
 * (`ActionMap`): each action's input is its parsed request, its output its reply `data`, and
 * its parser is the shared request schema. So a field renamed in the contract breaks the build
 * here, not a client at run time.
 */
import { requestParser, type ActionName, type ActionReq, type ActionRes, type FunctionName, type Result } from '@channel-router/shared';
import type { ActionContext, AnyAction, AuthedContext } from './action.js';
import type { AppName } from './caller.js';
import { createMain, type Main } from './handler.js';

type Impl<F extends FunctionName, A extends ActionName<F>> =
  | { public?: false; apps?: readonly AppName[]; run: (ctx: AuthedContext, input: ActionReq<F, A>) => Promise<Result<ActionRes<F, A>>> }
  | { public: true; apps?: readonly AppName[]; run: (ctx: ActionContext, input: ActionReq<F, A>) => Promise<Result<ActionRes<F, A>>> };

export type FunctionImpl<F extends FunctionName> = { [A in ActionName<F>]: Impl<F, A> };

export function defineFunction<F extends FunctionName>(fn: F, impl: FunctionImpl<F>): Main {
  const actions: Record<string, AnyAction> = {};
  for (const name of Object.keys(impl) as Array<ActionName<F>>) {
    const a = impl[name] as Impl<F, typeof name>;
    actions[name] = { ...a, parse: requestParser(fn, name) as AnyAction['parse'] } as AnyAction;
  }
  return createMain(fn, actions);
}
