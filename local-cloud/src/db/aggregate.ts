/**
 * Aggregation pipelines through mingo, with the stages CloudBase's SDK offers.
 *
 * A leading `$match` is answered like a query (indexes narrow the input). `$lookup` loads only
 * the foreign documents whose `foreignField` equals one of the local values, through the same
 * planner, instead of the whole foreign collection. Inputs and outputs are bounded.
 */
import { Aggregator } from 'mingo';
import type { CollectionTable } from './collection-table.js';
import { isPlainObject, type Doc } from './doc-codec.js';
import { invalidParam, limitExceeded, requestFailed, unsupportedOperation } from './errors.js';
import type { StoreLimits } from './limits.js';
import { MINGO_OPTIONS } from './mingo-options.js';
import { matchingDocs } from './query-exec.js';
import { typeBit, T_OTHER } from './path-state.js';

const ALLOWED_STAGES = new Set([
  '$match', '$group', '$sort', '$skip', '$limit', '$project', '$lookup', '$unwind', '$count',
  '$addFields', '$set', '$unset', '$replaceRoot', '$replaceWith', '$sortByCount', '$bucket', '$bucketAuto', '$sample', '$facet',
]);
export const MAX_STAGES = 50;

type TableLookup = (name: string) => CollectionTable | undefined;

export function runAggregation(table: CollectionTable, stages: Doc[], limits: StoreLimits, tables: TableLookup): Doc[] {
  if (stages.length > MAX_STAGES) throw limitExceeded(`at most ${MAX_STAGES} aggregation stages`);
  for (const stage of stages) {
    const keys = Object.keys(stage);
    if (keys.length !== 1) throw invalidParam('an aggregation stage has exactly one operator');
    if (!ALLOWED_STAGES.has(keys[0] as string)) throw unsupportedOperation(`aggregation stage ${keys[0]} is not supported`);
  }
  let rest = stages;
  let filter: Doc = {};
  const first = stages[0];
  if (first && isPlainObject(first.$match)) {
    filter = first.$match;
    rest = stages.slice(1);
  }
  let docs = matchingDocs(table, filter, limits.maxAggregateInputDocs, limits, 'aggregation');
  let segment: Doc[] = [];
  for (const stage of rest) {
    if (stage.$lookup !== undefined) {
      docs = runStages(docs, segment);
      segment = [];
      docs = runLookup(docs, stage.$lookup, limits, tables);
    } else {
      segment.push(stage);
    }
  }
  docs = runStages(docs, segment);
  if (docs.length > limits.maxAggregateOutputDocs) {
    throw limitExceeded(`aggregation returns more than ${limits.maxAggregateOutputDocs} documents; add a $limit stage`);
  }
  return docs;
}

function runStages(docs: Doc[], stages: Doc[], collectionResolver?: (name: string) => Doc[]): Doc[] {
  if (stages.length === 0) return docs;
  try {
    return new Aggregator(stages, { ...MINGO_OPTIONS, collectionResolver }).run(docs) as Doc[];
  } catch (e) {
    throw requestFailed(`aggregation failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function runLookup(docs: Doc[], spec: unknown, limits: StoreLimits, tables: TableLookup): Doc[] {
  if (!isPlainObject(spec) || typeof spec.from !== 'string') throw invalidParam('$lookup needs "from"');
  const foreign = tables(spec.from);
  const uncorrelated = uncorrelatedPipeline(spec);
  if (uncorrelated !== null && typeof spec.as === 'string') {
    // The sub-pipeline uses nothing of the outer document: its result is the same for every one
    // of them, so it is computed once (the planner answers its leading $match).
    const matched = foreign ? matchingDocs(foreign, uncorrelated.match, limits.maxAggregateInputDocs, limits, `$lookup from ${spec.from}`) : [];
    const joined = sliceStages(matched, uncorrelated.rest) ?? runStages(matched, uncorrelated.rest);
    const as = spec.as;
    // One array shared by every outer document: the result is encoded, never changed.
    return docs.map((d) => ({ ...d, [as]: joined }));
  }
  let candidates: Doc[] = [];
  if (foreign) {
    const { localField, foreignField } = spec;
    const values = typeof localField === 'string' && typeof foreignField === 'string' ? localValues(docs, localField) : undefined;
    const filter = values && typeof foreignField === 'string' ? { [foreignField]: { $in: values } } : pipelineFilter(spec);
    candidates = matchingDocs(foreign, filter, limits.maxAggregateInputDocs, limits, `$lookup from ${spec.from}`);
  }
  return runStages(docs, [{ $lookup: spec }], () => candidates);
}

/** `$skip` / `$limit` stages applied by slicing (no pipeline engine); null when there are others. */
function sliceStages(docs: Doc[], stages: Doc[]): Doc[] | null {
  let out = docs;
  for (const st of stages) {
    if (typeof st.$limit === 'number' && Number.isInteger(st.$limit) && st.$limit > 0) out = out.slice(0, st.$limit);
    else if (typeof st.$skip === 'number' && Number.isInteger(st.$skip) && st.$skip >= 0) out = out.slice(st.$skip);
    else return null;
  }
  return out;
}

/**
 * A `$lookup` whose sub-pipeline refers to no outer variable (no `let`, no `$$`, no `$expr`,
 * no nested `$lookup`), split into its leading `$match` and the rest; null otherwise.
 */
function uncorrelatedPipeline(spec: Doc): { match: Doc; rest: Doc[] } | null {
  const pipeline = spec.pipeline;
  if (!Array.isArray(pipeline) || pipeline.length === 0) return null;
  if (spec.let !== undefined && !(isPlainObject(spec.let) && Object.keys(spec.let).length === 0)) return null;
  const text = JSON.stringify(pipeline);
  if (text.includes('$$') || text.includes('"$expr"') || text.includes('"$lookup"')) return null;
  const first = pipeline[0] as unknown;
  if (!isPlainObject(first) || !isPlainObject(first.$match)) return { match: {}, rest: pipeline as Doc[] };
  return { match: first.$match, rest: pipeline.slice(1) as Doc[] };
}

/**
 * A `$lookup` with a sub-pipeline (`let` + `pipeline`) whose first stage is a `$match` that uses
 * no variable of the outer document: that match narrows the foreign collection through the
 * planner (indexes), so a lookup of a few documents by `_id` or an indexed field reads only those.
 */
function pipelineFilter(spec: Doc): Doc {
  const pipeline = spec.pipeline;
  if (!Array.isArray(pipeline) || pipeline.length === 0) return {};
  const first = pipeline[0] as unknown;
  if (!isPlainObject(first) || !isPlainObject(first.$match)) return {};
  const text = JSON.stringify(first.$match);
  return text.includes('$$') || text.includes('"$expr"') ? {} : first.$match;
}

/** Values of `path` in `docs` (array elements spread), or undefined when one is not a plain scalar. */
function localValues(docs: Doc[], path: string): unknown[] | undefined {
  const out = new Map<string, unknown>();
  for (const doc of docs) {
    for (const v of valuesAt(doc, path.split('.'))) {
      if (typeBit(v) === T_OTHER) return undefined;
      out.set(`${typeof v}:${v instanceof Date ? v.getTime() : String(v)}`, v);
    }
  }
  return [...out.values()];
}

function valuesAt(value: unknown, segments: string[]): unknown[] {
  // An empty array has no element to compare: the object stands for "load everything".
  if (segments.length === 0) return Array.isArray(value) ? (value.length === 0 ? [{}] : value) : [value ?? null];
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, segments));
  if (!isPlainObject(value)) return [null];
  const [head, ...tail] = segments;
  return valuesAt(value[head as string], tail);
}
