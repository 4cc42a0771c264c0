/**
 * The database actions of the CloudBase protocol, as @cloudbase/node-sdk 3.18.3 (with
 * @cloudbase/database 1.4.3) sends them, and the reply each one expects:
 *
 * | action                        | request fields                                                  | reply                                   |
 * |-------------------------------|-----------------------------------------------------------------|-----------------------------------------|
 * | database.getDocument          | collectionName, queryType WHERE/DOC, query, order, offset, limit, projection, transactionId | data.list: EJSON strings |
 * | database.insertDocument       | collectionName, data: [EJSON string], transactionId              | data.insertedIds                        |
 * | database.modifyDocument       | collectionName, queryType, query, data (EJSON), multi, merge, upsert, transactionId | data.updated, data.upsert_id |
 * | database.modifyAndReturnDoc   | collectionName, query, data (EJSON): first match only             | data.updated, data.doc (EJSON string)   |
 * | database.removeDocument       | collectionName, queryType, query, multi, transactionId           | data.deleted                            |
 * | database.calculateDocument    | collectionName, query                                            | data.total                              |
 * | database.aggregateDocuments   | collectionName, stages: [{stageKey, stageValue (EJSON)}]         | data.list: EJSON strings                |
 * | database.startTransaction     | -                                                                | transactionId                           |
 * | database.commitTransaction    | transactionId                                                    | -                                       |
 * | database.abortTransaction     | transactionId                                                    | -                                       |
 * | database.addCollection        | collectionName                                                   | -                                       |
 *
 * Every reply also carries `requestId` (added by the handler). Inside a transaction only
 * single-document operations exist (DOC queries, inserts), as in CloudBase.
 */
import { encodeDoc, isPlainObject, parseWireValue, type Doc } from '../db/doc-codec.js';
import { DbError, invalidParam, limitExceeded, unsupportedOperation } from '../db/errors.js';
import { assertDocId, type DocId } from '../db/ids.js';
import { project } from '../db/query-exec.js';
import type { DocumentStore } from '../db/store.js';
import type { RequestParams } from './request-params.js';

export type ActionReply = Record<string, unknown>;
type Action = (p: RequestParams, store: DocumentStore) => ActionReply | Promise<ActionReply>;

/** Runs a transaction's document operation once it is its turn (see db/first-op-queue.ts). */
function inTurn(store: DocumentStore, txId: string, collection: string, id: DocId, run: () => ActionReply): ActionReply | Promise<ActionReply> {
  const wait = store.transactions.turnFor(txId, collection, id);
  return wait ? wait.then(run) : run();
}

/** The `_id` of a DOC query (`{"_id": ...}`). */
function docIdOf(p: RequestParams): DocId {
  const query = p.ejsonObject('query');
  const id = query._id;
  assertDocId(id);
  return id;
}

function isDocQuery(p: RequestParams): boolean {
  const type = p.optionalString('queryType') ?? 'WHERE';
  if (type !== 'DOC' && type !== 'WHERE') throw invalidParam('queryType must be DOC or WHERE');
  return type === 'DOC';
}

/** The transaction a request belongs to; a transaction only takes DOC operations. */
function transactionOf(p: RequestParams, doc: boolean): string | undefined {
  const txId = p.optionalString('transactionId');
  if (txId !== undefined && !doc) {
    throw unsupportedOperation('only single-document operations (doc(id), add) are allowed inside a transaction');
  }
  return txId;
}

const getDocument: Action = (p, store) => {
  const collection = p.string('collectionName');
  const doc = isDocQuery(p);
  const txId = transactionOf(p, doc);
  const projection = p.ejson('projection');
  if (projection !== undefined && !isPlainObject(projection)) throw invalidParam('projection must be an object');
  if (txId !== undefined) {
    const id = docIdOf(p);
    return inTurn(store, txId, collection, id, () => {
      const text = store.transactions.get(txId, collection, id);
      const list = text === null ? [] : [text];
      return { data: { list: projection ? project(list, projection) : list } };
    });
  }
  const list = store.findTexts(collection, {
    filter: p.ejsonObject('query'),
    sort: doc ? undefined : p.sort(),
    skip: doc ? 0 : p.optionalInteger('offset') ?? 0,
    limit: doc ? 1 : p.optionalInteger('limit'),
    projection: projection as Doc | undefined,
  });
  return { data: { list } };
};

const insertDocument: Action = (p, store) => {
  const collection = p.string('collectionName');
  const raw = p.raw.data;
  if (!Array.isArray(raw) || raw.length === 0) throw invalidParam('data must be a non-empty array of documents');
  if (raw.length > store.limits.maxDocsPerInsert) throw limitExceeded(`at most ${store.limits.maxDocsPerInsert} documents per insert`);
  const docs = raw.map((item, i) => {
    const doc = typeof item === 'string' ? parseWireValue(item, store.now(), store.limits.maxDepth) : item;
    if (!isPlainObject(doc)) throw invalidParam(`data[${i}] must be an object`);
    return doc;
  });
  const txId = p.optionalString('transactionId');
  if (txId !== undefined) {
    return { data: { insertedIds: docs.map((d) => store.transactions.insert(txId, collection, d)) } };
  }
  return { data: { insertedIds: store.insert(collection, docs) } };
};

const modifyDocument: Action = (p, store) => {
  const collection = p.string('collectionName');
  const doc = isDocQuery(p);
  const txId = transactionOf(p, doc);
  const data = p.ejson('data');
  const merge = p.boolean('merge', true);
  const upsert = p.boolean('upsert', false);
  const reply = (r: { updated: number; upsertedId: DocId | null }) => ({ data: { updated: r.updated, upsert_id: r.upsertedId ?? undefined } });
  if (txId !== undefined) {
    const id = docIdOf(p);
    return inTurn(store, txId, collection, id, () => reply(store.transactions.update(txId, collection, id, data, { merge, upsert })));
  }
  const filter = doc ? { _id: docIdOf(p) } : p.ejsonObject('query');
  return reply(store.update(collection, filter, data, { multi: doc ? false : p.boolean('multi', false), merge, upsert }));
};

const modifyAndReturnDoc: Action = (p, store) => {
  const collection = p.string('collectionName');
  transactionOf(p, false);
  const result = store.updateAndReturn(collection, p.ejsonObject('query'), p.ejson('data'));
  return { data: { updated: result.updated, doc: result.text ?? undefined } };
};

const removeDocument: Action = (p, store) => {
  const collection = p.string('collectionName');
  const doc = isDocQuery(p);
  const txId = transactionOf(p, doc);
  if (txId !== undefined) {
    const id = docIdOf(p);
    return inTurn(store, txId, collection, id, () => ({ data: { deleted: store.transactions.remove(txId, collection, id) } }));
  }
  const filter = doc ? { _id: docIdOf(p) } : p.ejsonObject('query');
  return { data: { deleted: store.remove(collection, filter, { multi: doc ? false : p.boolean('multi', false) }) } };
};

const calculateDocument: Action = (p, store) => {
  const collection = p.string('collectionName');
  return { data: { total: store.count(collection, p.ejsonObject('query')) } };
};

const aggregateDocuments: Action = (p, store) => {
  const collection = p.string('collectionName');
  const raw = p.raw.stages;
  if (!Array.isArray(raw)) throw invalidParam('stages must be an array');
  const stages = raw.map((s, i) => {
    if (!isPlainObject(s) || typeof s.stageKey !== 'string' || !s.stageKey.startsWith('$')) throw invalidParam(`stages[${i}] needs a stageKey like "$match"`);
    if (typeof s.stageValue !== 'string') throw invalidParam(`stages[${i}].stageValue must be an EJSON string`);
    const value = parseWireValue(s.stageValue, store.now(), store.limits.maxDepth);
    return { [s.stageKey]: value };
  });
  return { data: { list: store.aggregate(collection, stages).map((d) => encodeDoc(d)) } };
};

const startTransaction: Action = (_p, store) => ({ transactionId: store.transactions.start() });

const commitTransaction: Action = (p, store) => {
  store.transactions.commit(p.string('transactionId'));
  return {};
};

const abortTransaction: Action = (p, store) => {
  store.transactions.abort(p.string('transactionId'));
  return {};
};

const addCollection: Action = (p, store) => {
  const name = p.string('collectionName');
  if (!store.createCollection(name)) throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`);
  return {};
};

export const ACTIONS: Readonly<Record<string, Action>> = Object.freeze({
  'database.getDocument': getDocument,
  'database.insertDocument': insertDocument,
  'database.modifyDocument': modifyDocument,
  'database.modifyAndReturnDoc': modifyAndReturnDoc,
  'database.removeDocument': removeDocument,
  'database.calculateDocument': calculateDocument,
  'database.aggregateDocuments': aggregateDocuments,
  'database.startTransaction': startTransaction,
  'database.commitTransaction': commitTransaction,
  'database.abortTransaction': abortTransaction,
  'database.addCollection': addCollection,
});
