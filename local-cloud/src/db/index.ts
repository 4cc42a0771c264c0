/** The local cloud's document store (see store.ts). */
export { DocumentStore, type StoreOptions, type FindQuery, type UpdateOptions, type UpdateResult, type WriteOp } from './store.js';
export { TransactionManager, type TransactionStats } from './transactions.js';
export { DbError, isDbError, type DbErrorCode } from './errors.js';
export { DEFAULT_STORE_LIMITS, resolveStoreLimits, type StoreLimits } from './limits.js';
export { loadCollectionsFile, parseCollectionsFile, DEFAULT_COLLECTIONS_FILE, type CollectionSpec } from './collections-file.js';
export { parseIndexSpec, type IndexSpec, type IndexField } from './index-spec.js';
export { decodeDoc, encodeDoc, parseWireValue, type Doc } from './doc-codec.js';
export { newDocId, type DocId } from './ids.js';
export type { SortSpec } from './query-plan.js';
