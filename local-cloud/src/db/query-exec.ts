/**
 * Runs queries: SQLite narrows the candidates (query-plan.ts), mingo decides the exact match,
 * order, skip, limit and projection the way MongoDB does.
 *
 * Three shapes, cheapest first:
 * - exact filter, order from SQLite: everything, LIMIT/OFFSET included, happens in SQL and the
 *   stored text goes out untouched;
 * - order from SQLite, inexact filter: rows stream in order, mingo filters, reading stops once
 *   skip+limit matches are found;
 * - order not available from an index: all matches are collected (bounded) and sorted in memory.
 */
import { Query, find as mingoFind } from 'mingo';
import type { CollectionTable } from './collection-table.js';
import { decodeDoc, encodeDoc, type Doc } from './doc-codec.js';
import { limitExceeded, requestFailed } from './errors.js';
import type { StoreLimits } from './limits.js';
import { MINGO_OPTIONS } from './mingo-options.js';
import { planQuery, type QueryPlan, type SortSpec } from './query-plan.js';
import type { DocId } from './ids.js';

export interface BoundedQuery {
  filter: Doc;
  sort?: SortSpec;
  skip: number;
  limit: number;
  projection?: Doc;
}

export function compileFilter(filter: Doc): Query {
  try {
    return new Query(filter, MINGO_OPTIONS);
  } catch (e) {
    throw requestFailed(`invalid query: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function testDoc(query: Query, doc: Doc): boolean {
  try {
    return query.test(doc);
  } catch (e) {
    throw requestFailed(`query failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function selectSql(plan: QueryPlan, columns: string, tail = ''): string {
  return `SELECT ${columns} FROM ${plan.from} WHERE ${plan.where}${plan.orderBy ? ` ORDER BY ${plan.orderBy}` : ''}${tail}`;
}

/** Rows of a plan, each document once (a multikey plan may return one row per matching element). */
function* planRows<R extends { rid: number }>(table: CollectionTable, plan: QueryPlan, columns: string): Generator<R> {
  const seen = plan.dedupe ? new Set<number>() : null;
  for (const row of table.stmt(selectSql(plan, `rid, ${columns}`)).iterate(...plan.params) as IterableIterator<R>) {
    if (seen) {
      if (seen.has(row.rid)) continue;
      seen.add(row.rid);
    }
    yield row;
  }
}

export function findTexts(table: CollectionTable, q: BoundedQuery, limits: StoreLimits): string[] {
  if (q.limit === 0) return [];
  const plan = planQuery(q.filter, q.sort, table.planContext());
  let texts: string[];
  if (plan.exact && plan.orderBy) {
    const rows = table.stmt(selectSql(plan, 'doc', ' LIMIT ? OFFSET ?')).all(...plan.params, q.limit, q.skip) as { doc: string }[];
    texts = rows.map((r) => r.doc);
  } else if (plan.orderBy) {
    texts = streamInOrder(table, plan, q, limits);
  } else {
    texts = sortInMemory(table, plan, q, limits);
  }
  return q.projection ? project(texts, q.projection) : texts;
}

function streamInOrder(table: CollectionTable, plan: QueryPlan, q: BoundedQuery, limits: StoreLimits): string[] {
  const query = compileFilter(q.filter);
  const out: string[] = [];
  let skipped = 0;
  let scanned = 0;
  for (const row of planRows<{ rid: number; doc: string }>(table, plan, 'doc')) {
    if (++scanned > limits.maxScanDocs) throw scanLimit(limits);
    if (!plan.exact && !testDoc(query, decodeDoc(row.doc))) continue;
    if (skipped < q.skip) {
      skipped++;
      continue;
    }
    out.push(row.doc);
    if (out.length >= q.limit) break;
  }
  return out;
}

function sortInMemory(table: CollectionTable, plan: QueryPlan, q: BoundedQuery, limits: StoreLimits): string[] {
  const query = compileFilter(q.filter);
  const matches: Doc[] = [];
  const texts = new Map<Doc, string>();
  let scanned = 0;
  for (const row of planRows<{ rid: number; doc: string }>(table, { ...plan, orderBy: 'rid' }, 'doc')) {
    if (++scanned > limits.maxScanDocs) throw scanLimit(limits);
    const doc = decodeDoc(row.doc);
    if (!plan.exact && !testDoc(query, doc)) continue;
    if (matches.length >= limits.maxInMemorySortDocs) {
      throw limitExceeded(`sort over more than ${limits.maxInMemorySortDocs} documents without an index; declare an index on the sort fields or narrow the query`);
    }
    matches.push(doc);
    texts.set(doc, row.doc);
  }
  let cursor = mingoFind(matches, {}, undefined, MINGO_OPTIONS);
  if (q.sort && Object.keys(q.sort).length > 0) cursor = cursor.sort(q.sort);
  return (cursor.skip(q.skip).limit(q.limit).all() as Doc[]).map((d) => texts.get(d) ?? encodeDoc(d));
}

/** Applies a MongoDB projection to stored texts. */
export function project(texts: string[], projection: Doc): string[] {
  try {
    const docs = texts.map(decodeDoc);
    return (mingoFind(docs, {}, projection, MINGO_OPTIONS).all() as Doc[]).map((d) => encodeDoc(idFirst(d)));
  } catch (e) {
    throw requestFailed(`invalid projection: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** MongoDB returns `_id` first; mingo's projection appends it. */
function idFirst(doc: Doc): Doc {
  if (!('_id' in doc) || Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

function scanLimit(limits: StoreLimits) {
  return limitExceeded(`query examined more than ${limits.maxScanDocs} documents; add an index for it`);
}

export function countMatching(table: CollectionTable, filter: Doc, limits: StoreLimits): number {
  const plan = planQuery(filter, undefined, table.planContext());
  if (plan.exact) {
    return (table.stmt(`SELECT count(*) AS n FROM ${plan.from} WHERE ${plan.where}`).get(...plan.params) as { n: number }).n;
  }
  const query = compileFilter(filter);
  let n = 0;
  let scanned = 0;
  for (const row of planRows<{ rid: number; doc: string }>(table, { ...plan, orderBy: null }, 'doc')) {
    if (++scanned > limits.maxScanDocs) throw scanLimit(limits);
    if (testDoc(query, decodeDoc(row.doc))) n++;
  }
  return n;
}

/** Up to `max` matching rows in insertion order (for updates and removes). */
export function matchingRows(table: CollectionTable, filter: Doc, max: number, limits: StoreLimits): { id: DocId; doc: string }[] {
  const plan = planQuery(filter, undefined, table.planContext());
  const query = plan.exact ? null : compileFilter(filter);
  const out: { id: DocId; doc: string }[] = [];
  let scanned = 0;
  for (const row of planRows<{ rid: number; id: DocId; doc: string }>(table, { ...plan, orderBy: 'rid' }, 'id, doc')) {
    if (++scanned > limits.maxScanDocs) throw scanLimit(limits);
    if (query && !testDoc(query, decodeDoc(row.doc))) continue;
    out.push({ id: row.id, doc: row.doc });
    if (out.length >= max) break;
  }
  return out;
}

/** Every matching document, decoded (aggregation input, $lookup), at most `max`. */
export function matchingDocs(table: CollectionTable, filter: Doc, max: number, limits: StoreLimits, what: string): Doc[] {
  const plan = planQuery(filter, undefined, table.planContext());
  const query = plan.exact ? null : compileFilter(filter);
  const out: Doc[] = [];
  let scanned = 0;
  for (const row of planRows<{ rid: number; doc: string }>(table, { ...plan, orderBy: 'rid' }, 'doc')) {
    if (++scanned > limits.maxScanDocs) throw scanLimit(limits);
    const doc = decodeDoc(row.doc);
    if (query && !testDoc(query, doc)) continue;
    if (out.length >= max) throw limitExceeded(`${what} reads more than ${max} documents; add a $match stage that an index answers`);
    out.push(doc);
  }
  return out;
}
