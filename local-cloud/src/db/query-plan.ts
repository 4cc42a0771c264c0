/**
 * Turns a MongoDB filter and sort into SQL for one collection table.
 *
 * The SQL filter is always a superset of the MongoDB filter (mingo checks every candidate
 * unless the plan is `exact`). Conditions are pushed down only on indexed paths (and `_id`) that
 * never held an array, and only for operators an index answers: equality, ranges, `$in`.
 * Ranges follow MongoDB's type bracketing (`$gt: 5` matches numbers only), written as two bounds
 * of the same index expression so SQLite scans one range of the index.
 *
 * `exact` means SQLite alone gives MongoDB's answer (every condition pushed down, each path
 * holding only the queried type), so counts, skip and limit can run in SQL. `orderBy` is set when
 * SQLite's order equals MongoDB's for every candidate (sort paths indexed, single-typed).
 */
import { ObjectId } from 'bson';
import { encodeDate, isPlainObject, type Doc } from './doc-codec.js';
import { fieldExpr, NULL_KEY_SQL } from './sql-schema.js';
import { T_BOOL, T_DATE, T_NULL, T_NUMBER, T_OTHER, T_STRING, typeBit, typesWithin, type PathState } from './path-state.js';

export type SortSpec = Record<string, 1 | -1>;

export interface QueryPlan {
  /** SQL boolean expression over the table's columns; '1' when nothing is pushed down. */
  where: string;
  params: unknown[];
  exact: boolean;
  /** SQL ORDER BY list ending with rid, or null when the order must be computed in memory. */
  orderBy: string | null;
}

/** Brackets of MongoDB's comparison types within SQLite's order (NULL key < numbers < text < blob). */
const BRACKET: Record<number, { low: string; high: string }> = {
  [T_NUMBER]: { low: `> ${NULL_KEY_SQL}`, high: `< ''` },
  [T_STRING]: { low: `>= ''`, high: `< x''` },
  [T_DATE]: { low: `>= '{"$date":"'`, high: `< '{"$date":"~'` },
};

const RANGE_OPS: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

interface SqlValue {
  /** One T_* bit. */
  type: number;
  /** Bound parameter, or null for the null key (written as a literal). */
  param: unknown;
}

/** A scalar as the index stores it; undefined when the value is not one an index can answer. */
function toSqlValue(value: unknown): SqlValue | undefined {
  if (value === null) return { type: T_NULL, param: null };
  const type = typeBit(value);
  switch (type) {
    case T_NUMBER:
    case T_STRING:
      return { type, param: value };
    case T_BOOL:
      return { type, param: value === true ? 1 : 0 };
    case T_DATE:
      return { type, param: encodeDate(value as Date) };
    default:
      return value instanceof ObjectId ? { type: T_OTHER, param: JSON.stringify({ $oid: value.toHexString() }) } : undefined;
  }
}

class PlanBuilder {
  readonly terms: string[] = [];
  readonly params: unknown[] = [];
  exact = true;

  constructor(private readonly paths: ReadonlyMap<string, PathState>) {}

  addFilter(filter: Doc): void {
    for (const [key, cond] of Object.entries(filter)) {
      if (key === '$and' && Array.isArray(cond) && cond.every(isPlainObject)) {
        for (const sub of cond) this.addFilter(sub);
      } else if (key.startsWith('$')) {
        this.exact = false; // $or, $nor, $expr...: left to mingo
      } else {
        this.addField(key, cond);
      }
    }
  }

  private addField(path: string, cond: unknown): void {
    const state = this.paths.get(path);
    if (!state || state.multikey) {
      this.exact = false;
      return;
    }
    const expr = fieldExpr(path);
    if (isPlainObject(cond) && Object.keys(cond).some((k) => k.startsWith('$'))) {
      for (const [op, operand] of Object.entries(cond)) {
        if (op === '$eq') this.addEquality(path, expr, state, operand);
        else if (op in RANGE_OPS) this.addRange(path, expr, state, RANGE_OPS[op] as string, operand);
        else if (op === '$in') this.addIn(path, expr, state, operand);
        else this.exact = false;
      }
      return;
    }
    this.addEquality(path, expr, state, cond);
  }

  private addEquality(path: string, expr: string, state: PathState, operand: unknown): void {
    const v = toSqlValue(operand);
    if (!v || (path === '_id' && v.type !== T_STRING && v.type !== T_NUMBER)) {
      this.exact = false;
      return;
    }
    if (v.type === T_NULL) {
      this.terms.push(`${expr} = ${NULL_KEY_SQL}`);
    } else {
      this.terms.push(`${expr} = ?`);
      this.params.push(v.param);
    }
    if (v.type === T_OTHER || !typesWithin(state, v.type)) this.exact = false;
  }

  private addRange(path: string, expr: string, state: PathState, sqlOp: string, operand: unknown): void {
    const v = toSqlValue(operand);
    const bracket = v ? BRACKET[v.type] : undefined;
    if (!v || !bracket || (path === '_id' && v.type === T_DATE)) {
      this.exact = false;
      return;
    }
    const lower = sqlOp.startsWith('>');
    this.terms.push(lower ? `${expr} ${sqlOp} ? AND ${expr} ${bracket.high}` : `${expr} ${bracket.low} AND ${expr} ${sqlOp} ?`);
    this.params.push(v.param);
    if (!typesWithin(state, v.type)) this.exact = false;
  }

  private addIn(path: string, expr: string, state: PathState, operand: unknown): void {
    if (!Array.isArray(operand)) {
      this.exact = false;
      return;
    }
    const values = operand.map(toSqlValue);
    if (values.some((v) => !v || v.type === T_OTHER || (path === '_id' && v.type !== T_STRING && v.type !== T_NUMBER))) {
      this.exact = false;
      return;
    }
    if (values.length === 0) {
      this.terms.push('0');
      return;
    }
    let allowed = 0;
    const slots: string[] = [];
    for (const v of values as SqlValue[]) {
      allowed |= v.type;
      if (v.type === T_NULL) {
        slots.push(NULL_KEY_SQL);
      } else {
        slots.push('?');
        this.params.push(v.param);
      }
    }
    this.terms.push(`${expr} IN (${slots.join(', ')})`);
    // Booleans are stored as 0/1 and dates as text: a list mixing numbers with booleans, or
    // strings with dates, could match across types in SQL.
    const crossTyped = (allowed & T_NUMBER && allowed & T_BOOL) || (allowed & T_STRING && allowed & T_DATE);
    if (crossTyped || !typesWithin(state, allowed)) this.exact = false;
  }
}

function planOrder(sort: SortSpec | undefined, paths: ReadonlyMap<string, PathState>): string | null {
  const parts: string[] = [];
  for (const [path, dir] of Object.entries(sort ?? {})) {
    const state = paths.get(path);
    if (!state || state.multikey) return null;
    const kinds = state.types & ~T_NULL;
    const singleType = kinds === 0 || (kinds & (kinds - 1)) === 0;
    if (!singleType || (kinds & T_OTHER) !== 0) return null;
    parts.push(`${fieldExpr(path)}${dir === -1 ? ' DESC' : ''}`);
  }
  parts.push('rid');
  return parts.join(', ');
}

export function planQuery(filter: Doc, sort: SortSpec | undefined, paths: ReadonlyMap<string, PathState>): QueryPlan {
  const b = new PlanBuilder(paths);
  b.addFilter(filter);
  return {
    where: b.terms.length === 0 ? '1' : b.terms.join(' AND '),
    params: b.params,
    exact: b.exact,
    orderBy: planOrder(sort, paths),
  };
}

/** `{ _id: <string|number> }` and nothing else: the point-read fast path. */
export function pointId(filter: Doc): string | number | undefined {
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== '_id') return undefined;
  const id = filter._id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : undefined;
}
