/**
 * The request schema of every action, as declared with the action (shared/src/api/functions/).
 * A violation answers INVALID_ARGUMENT naming the field, before anything is read or written
 * (docs/actions.md#bad-input).
 *
 * What needs the database (an org exists, a region code is in the region table, the caller's
 * memberships) is checked by the function afterwards.
 */
import { actionDecl, FUNCTIONS, type ActionName, type ActionReq, type FunctionName } from '../api/actions.js';
import type { Result } from '../result.js';
import { err } from '../result.js';
import { validate, type Schema } from './schema.js';

type RequestSchemas = { readonly [F in FunctionName]: { readonly [A in ActionName<F>]: Schema<ActionReq<F, A>> } };

export const REQUEST_SCHEMAS: RequestSchemas = Object.fromEntries(
  Object.entries(FUNCTIONS).map(([fn, actions]) => [fn, Object.fromEntries(Object.entries(actions).map(([a, d]) => [a, (d as { schema: Schema<unknown> }).schema]))]),
) as unknown as RequestSchemas;

/**
 * Validates the request of `fn.action` (the event's other fields, `action` itself is ignored).
 * Use as an action's `parse`: `parse: requestParser('scan', 'ship')`.
 */
export function parseRequest<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, raw: unknown): Result<ActionReq<F, A>> {
  const decl = actionDecl(fn, action);
  if (decl === undefined) return err('INVALID_ARGUMENT', `${fn} has no action "${action}"`, 'action');
  return validate(decl.schema, raw) as Result<ActionReq<F, A>>;
}

export function requestParser<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A): (raw: unknown) => Result<ActionReq<F, A>> {
  return (raw) => parseRequest(fn, action, raw);
}
