/**
 * Errors of the document store, shaped like CloudBase's: an UPPER_SNAKE `code` and a `message`.
 * The /tcb protocol sends them as `{ code, message, requestId }`, which @cloudbase/node-sdk turns
 * into a thrown error with the same `code`, so functions see locally what they would see in the
 * cloud (`DATABASE_TRANSACTION_CONFLICT` makes `db.runTransaction` retry).
 *
 * The store throws these rather than returning values: it stands in for a database driver, and
 * the SDK in front of it throws too. Anything else thrown from the store is a bug.
 */

/** Codes from CloudBase's documented error list (docs.cloudbase.net/error-code). */
export type DbErrorCode =
  | 'INVALID_PARAM'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_INVALID_OPERRATOR'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_COLLECTION_EXCEED_LIMIT'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'EXCEED_REQUEST_LIMIT';

export class DbError extends Error {
  readonly code: DbErrorCode;

  constructor(code: DbErrorCode, message: string) {
    super(message);
    this.name = 'DbError';
    this.code = code;
  }
}

export function isDbError(e: unknown): e is DbError {
  return e instanceof DbError;
}

export function invalidParam(message: string): DbError {
  return new DbError('INVALID_PARAM', message);
}

/** A query or update the database refuses (what MongoDB would answer with an error). */
export function requestFailed(message: string): DbError {
  return new DbError('DATABASE_REQUEST_FAILED', message);
}

export function unsupportedOperation(message: string): DbError {
  return new DbError('DATABASE_INVALID_OPERRATOR', message);
}

export function collectionNotExist(name: string): DbError {
  return new DbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`);
}

/** A limit of the local cloud was hit; the message names the limit and its value. */
export function limitExceeded(message: string): DbError {
  return new DbError('EXCEED_REQUEST_LIMIT', message);
}

/**
 * MongoDB's E11000 text (what CloudBase passes through), under CloudBase's own code for a
 * duplicate index key. Callers that match either the code or /E11000/ both work.
 */
export function duplicateKey(collection: string, indexName: string, key: Record<string, unknown>): DbError {
  const parts = Object.entries(key).map(([field, value]) => `${field}: ${describeKeyValue(value)}`);
  return new DbError(
    'DATABASE_DUPLICATE_WRITE',
    `E11000 duplicate key error collection: ${collection} index: ${indexName} dup key: { ${parts.join(', ')} }`,
  );
}

function describeKeyValue(value: unknown): string {
  if (value === undefined) return 'null';
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

export function transactionConflict(message: string): DbError {
  return new DbError('DATABASE_TRANSACTION_CONFLICT', message);
}

export function transactionFailed(message: string): DbError {
  return new DbError('DATABASE_TRANSACTION_FAIL', message);
}
