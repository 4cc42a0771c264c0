/**
 * Bounds of the document store. Each one turns a runaway request into a clear error instead of
 * an exhausted process; the defaults follow CloudBase where it publishes a figure.
 */
export interface StoreLimits {
  /** `get()` without `limit()` (CloudBase server SDK default). */
  defaultQueryLimit: number;
  /** Most documents one `get()` returns (CloudBase: 1,000). */
  maxQueryLimit: number;
  /** Largest `skip()`. */
  maxQueryOffset: number;
  /** Documents in one `add([...])`. */
  maxDocsPerInsert: number;
  /** Documents one `where().update()` / `where().remove()` may touch; more is refused before any write. */
  maxDocsPerWrite: number;
  /** Encoded size of one stored document. */
  maxDocumentBytes: number;
  /** Nesting depth of a document or a query (MongoDB: 100). */
  maxDepth: number;
  /** Documents examined by one query before it is stopped (a scan with no usable index). */
  maxScanDocs: number;
  /** Matching documents sorted in memory when no index gives the order (MongoDB refuses large in-memory sorts too). */
  maxInMemorySortDocs: number;
  /** Documents entering an aggregation pipeline, and documents a `$lookup` may load. */
  maxAggregateInputDocs: number;
  /** Documents an aggregation may return. */
  maxAggregateOutputDocs: number;
  /** Values in one `$in` / `$nin` list. */
  maxInValues: number;
  /** Collections in the database. */
  maxCollections: number;
  /** Indexes per collection (besides `_id`). */
  maxIndexesPerCollection: number;
  /** Transactions open at once. */
  maxOpenTransactions: number;
  /** A transaction older than this is aborted (its later operations and its commit fail). */
  transactionTimeout_ms: number;
  /** Document reads and writes in one transaction. */
  maxOpsPerTransaction: number;
}

export const DEFAULT_STORE_LIMITS: Readonly<StoreLimits> = Object.freeze({
  defaultQueryLimit: 100,
  maxQueryLimit: 1000,
  maxQueryOffset: 10_000_000,
  maxDocsPerInsert: 1000,
  maxDocsPerWrite: 10_000,
  maxDocumentBytes: 1024 * 1024,
  maxDepth: 100,
  maxScanDocs: 2_000_000,
  maxInMemorySortDocs: 100_000,
  maxAggregateInputDocs: 200_000,
  maxAggregateOutputDocs: 10_000,
  maxInValues: 1000,
  maxCollections: 1000,
  maxIndexesPerCollection: 32,
  maxOpenTransactions: 256,
  transactionTimeout_ms: 5000,
  maxOpsPerTransaction: 1000,
});

export function resolveStoreLimits(overrides: Partial<StoreLimits> = {}): StoreLimits {
  const limits: StoreLimits = { ...DEFAULT_STORE_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`store limit ${name} must be a positive integer, got ${String(value)}`);
    }
  }
  if (limits.defaultQueryLimit > limits.maxQueryLimit) {
    throw new RangeError('store limit defaultQueryLimit must not exceed maxQueryLimit');
  }
  return limits;
}
