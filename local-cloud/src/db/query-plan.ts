/**
 * Turns a MongoDB filter and sort into SQL for one collection table.
 *
 * The SQL filter is always a superset of the MongoDB filter (mingo checks every candidate
 * unless the plan is `exact`). Conditions are pushed down only on indexed paths (and `_id`) and
 * only for operators an index answers: equality, ranges, `$in`. Ranges follow MongoDB's type
 * bracketing (`$gt: 5` matches numbers only), written as two bounds of the same index expression
 * so SQLite scans one range of the index.
 *
 * A path that never held an array is answered by the collection table's expression indexes. A
 * path that did is answered by a multikey index's entry table (one row per array element),
 * joined to the collection table; a document may then come back once per matching element, so
 * the plan says `dedupe`.
 *
 * `exact` means SQLite alone gives MongoDB's answer (every condition pushed down to expression
 * indexes, each path holding only the queried type), so counts, skip and limit can run in SQL.
 * `orderBy` is set when SQLite's order equals MongoDB's for every candidate (sort paths indexed,
 * array-free, single-typed).
 */
import { ObjectId } from 'bson';
import { encodeDate, isPlainObject, type Doc } from './doc-codec.js';
import type { IndexSpec } from './index-spec.js';
import { T_BOOL, T_DATE, T_NULL, T_NUMBER, T_OTHER, T_STRING, typeBit, typesWithin, type PathState } from './path-state.js';
import { fieldExpr, NULL_KEY_SQL, quoteIdent } from './sql-schema.js';

export type SortSpec = Record<string, 1 | -1>;

export interface QueryPlan {
  /** SQL FROM clause: `$T`, or an entry table joined to `$T`. */
  from: string;
  /** SQL boolean expression; '1' when nothing is pushed down. */
  where: string;
  params: unknown[];
  exact: boolean;
  /** SQL ORDER BY list ending with the row id, or null when the order must be computed in memory. */
  orderBy: string | null;
  /** Rows may repeat a document (multikey entries): keep the first of each rid. */
  dedupe: boolean;
}

/** What the planner knows of a collection. */
export interface PlanContext {
  paths: ReadonlyMap<string, PathState>;
  /** Multikey indexes and their entry tables. */
  multikey?: readonly { spec: IndexSpec; entryTable: string }[];
}

/** Brackets of MongoDB's comparison types within SQLite's order (null key < numbers < text < blob). */
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

/** A scalar as the indexes store it; undefined when an index cannot answer it. */
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

/** One pushable comparison on a path. */
type Condition =
  | { kind: 'eq'; value: SqlValue }
  | { kind: 'range'; op: string; value: SqlValue }
  | { kind: 'in'; values: SqlValue[] };

/** Splits a filter into pushable conditions per path and a flag for anything left to mingo. */
function collect(filter: Doc, out: Map<string, Condition[]>, residual: { any: boolean }): void {
  for (const [key, cond] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(cond) && cond.every(isPlainObject)) {
      for (const sub of cond) collect(sub, out, residual);
      continue;
    }
    if (key.startsWith('$')) {
      residual.any = true; // $or, $nor, $expr...
      continue;
    }
    const list = out.get(key) ?? [];
    out.set(key, list);
    if (!isPlainObject(cond) || !Object.keys(cond).some((k) => k.startsWith('$'))) {
      const v = toSqlValue(cond);
      if (v) list.push({ kind: 'eq', value: v });
      else residual.any = true;
      continue;
    }
    for (const [op, operand] of Object.entries(cond)) {
      const v = op === '$eq' || op in RANGE_OPS ? toSqlValue(operand) : undefined;
      if (op === '$eq' && v) list.push({ kind: 'eq', value: v });
      else if (op in RANGE_OPS && v && BRACKET[v.type]) list.push({ kind: 'range', op: RANGE_OPS[op] as string, value: v });
      else if (op === '$in' && Array.isArray(operand) && operand.every((x) => toSqlValue(x)?.type !== undefined && toSqlValue(x)?.type !== T_OTHER)) {
        list.push({ kind: 'in', values: operand.map((x) => toSqlValue(x) as SqlValue) });
      } else residual.any = true;
    }
  }
}

class Terms {
  readonly sql: string[] = [];
  readonly params: unknown[] = [];

  /** Adds `cond` on `expr`; returns the T_* types it can match (for exactness), or -1 when it cannot be pushed. */
  add(expr: string, cond: Condition, idOnly: boolean): number {
    const idType = (v: SqlValue) => v.type === T_STRING || v.type === T_NUMBER;
    if (cond.kind === 'eq') {
      if (idOnly && !idType(cond.value)) return -1;
      if (cond.value.type === T_NULL) {
        this.sql.push(`${expr} = ${NULL_KEY_SQL}`);
      } else {
        this.sql.push(`${expr} = ?`);
        this.params.push(cond.value.param);
      }
      return cond.value.type;
    }
    if (cond.kind === 'range') {
      if (idOnly && !idType(cond.value)) return -1;
      const bracket = BRACKET[cond.value.type] as { low: string; high: string };
      const lower = cond.op.startsWith('>');
      this.sql.push(lower ? `${expr} ${cond.op} ? AND ${expr} ${bracket.high}` : `${expr} ${bracket.low} AND ${expr} ${cond.op} ?`);
      this.params.push(cond.value.param);
      return cond.value.type;
    }
    if (idOnly && !cond.values.every(idType)) return -1;
    if (cond.values.length === 0) {
      this.sql.push('0');
      return T_NUMBER | T_STRING | T_BOOL | T_DATE; // matches nothing, whatever the path holds
    }
    let types = 0;
    const slots = cond.values.map((v) => {
      types |= v.type;
      if (v.type === T_NULL) return NULL_KEY_SQL;
      this.params.push(v.param);
      return '?';
    });
    this.sql.push(`${expr} IN (${slots.join(', ')})`);
    // Booleans are stored as 0/1 and dates as text: a list mixing numbers with booleans, or
    // strings with dates, could match across types.
    const crossTyped = (types & T_NUMBER && types & T_BOOL) || (types & T_STRING && types & T_DATE);
    return crossTyped ? T_OTHER | types : types;
  }
}

function singleTyped(state: PathState | undefined): boolean {
  if (!state || state.multikey) return false;
  const kinds = state.types & ~T_NULL;
  return (kinds === 0 || (kinds & (kinds - 1)) === 0) && (kinds & T_OTHER) === 0;
}

export function planQuery(filter: Doc, sort: SortSpec | undefined, ctx: PlanContext): QueryPlan {
  const { paths } = ctx;
  const conditions = new Map<string, Condition[]>();
  const residual = { any: false };
  collect(filter, conditions, residual);
  let exact = !residual.any;

  // A multikey index whose first field has a condition drives the query.
  const driver = (ctx.multikey ?? []).find((m) => (conditions.get(m.spec.fields[0]?.path as string)?.length ?? 0) > 0);
  const driverField = (path: string) => driver?.spec.fields.findIndex((f) => f.path === path) ?? -1;

  const terms = new Terms();
  for (const [path, list] of conditions) {
    const k = driverField(path);
    const state = paths.get(path);
    for (const [i, cond] of list.entries()) {
      if (k >= 0) {
        // One condition per entry column: on an array, `$gt: 1, $lt: 5` (or two `$in`s) may be
        // met by different elements, which one entry row cannot show. mingo checks the rest.
        if (i === 0) terms.add(`s.k${k}`, cond, false);
        exact = false;
      } else if (state && !state.multikey) {
        const types = terms.add(fieldExpr(path), cond, path === '_id');
        if (types < 0 || (types & T_OTHER) !== 0 || !typesWithin(state, types)) exact = false;
      } else {
        exact = false;
      }
    }
  }

  let orderBy: string | null = null;
  const sortPaths = Object.entries(sort ?? {});
  if (sortPaths.every(([path]) => singleTyped(paths.get(path)))) {
    const keys = sortPaths.map(([path, dir]) => {
      const k = driverField(path);
      return `${k >= 0 ? `s.k${k}` : fieldExpr(path)}${dir === -1 ? ' DESC' : ''}`;
    });
    orderBy = [...keys, driver ? 's.srid' : 'rid'].join(', ');
  }

  return {
    from: driver ? `${quoteIdent(driver.entryTable)} s JOIN $T ON rid = s.srid` : '$T',
    where: terms.sql.length === 0 ? '1' : terms.sql.join(' AND '),
    params: terms.params,
    exact: exact && !driver,
    orderBy,
    dedupe: driver !== undefined,
  };
}

/** `{ _id: <string|number> }` and nothing else: the point-read fast path. */
export function pointId(filter: Doc): string | number | undefined {
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== '_id') return undefined;
  const id = filter._id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : undefined;
}
