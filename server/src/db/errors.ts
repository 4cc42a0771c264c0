/** Recognising the database's expected failures (the cloud's error shapes, also the local cloud's). */

function text(e: unknown): string {
  if (typeof e !== 'object' || e === null) return String(e);
  const o = e as { code?: unknown; message?: unknown };
  return `${String(o.code ?? '')} ${String(o.message ?? '')}`;
}

/** A unique-key violation (`_id` or a unique index): E11000 in MongoDB's words. */
export function isDuplicateKey(e: unknown): boolean {
  const t = text(e);
  return t.includes('E11000') || t.includes('duplicate key') || t.includes('DUPLICATE');
}

export function isTransactionConflict(e: unknown): boolean {
  return text(e).includes('DATABASE_TRANSACTION_CONFLICT');
}
