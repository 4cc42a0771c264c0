/**
 * Binds a cloud function's declared actions (shared/src/api/functions/<fn>.ts) to what they do.
 * The declaration gives each action its request schema, callers, apps and error codes; here a
 * function supplies only one implementation per action, typed from the contract: its input is the
 * parsed request, its output the reply `data`. A declared action left unimplemented, or an
 * implemented one the contract does not declare, fails to compile and fails at load.
 */
import { FUNCTIONS, requestParser, type ActionAccess, type ActionDecl, type ActionName, type ActionReq, type ActionRes, type FunctionName, type Result } from '@channel-router/shared';
import type { ActionContext, AuthedContext, BoundAction } from './action.js';
import { createMain, type Main } from './handler.js';

/** A public action may run without a caller; every other one always has one. */
export type ActionImpl<F extends FunctionName, A extends ActionName<F>> =
  ActionAccess<F, A> extends 'public'
    ? (ctx: ActionContext, input: ActionReq<F, A>) => Promise<Result<ActionRes<F, A>>>
    : (ctx: AuthedContext, input: ActionReq<F, A>) => Promise<Result<ActionRes<F, A>>>;

export type FunctionImpl<F extends FunctionName> = { readonly [A in ActionName<F>]: ActionImpl<F, A> };

/** A cloud function's `main`, and the actions it serves (for the contract's completeness test). */
export type DefinedFunction<F extends FunctionName> = Main & { readonly functionName: F; readonly actions: readonly string[] };

export function defineFunction<F extends FunctionName>(fn: F, impl: FunctionImpl<F>): DefinedFunction<F> {
  const decls = FUNCTIONS[fn] as unknown as Readonly<Record<string, ActionDecl>>;
  const declared = Object.keys(decls);
  const implemented = Object.keys(impl);
  const missing = declared.filter((a) => !implemented.includes(a));
  const undeclared = implemented.filter((a) => !declared.includes(a));
  if (missing.length > 0 || undeclared.length > 0) {
    throw new Error(`function ${fn}: declared but not implemented [${missing.join(', ')}]; implemented but not declared [${undeclared.join(', ')}]`);
  }
  const actions: Record<string, BoundAction> = {};
  for (const name of declared) {
    const run = (impl as unknown as Record<string, BoundAction['run']>)[name]!;
    if (typeof run !== 'function') throw new Error(`function ${fn}: ${name} is not a function`);
    actions[name] = { decl: decls[name]!, parse: requestParser(fn, name as ActionName<F>) as BoundAction['parse'], run };
  }
  return Object.assign(createMain(fn, actions), { functionName: fn, actions: Object.freeze(declared) });
}
