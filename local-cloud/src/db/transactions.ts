/**
 * Multi-request transactions with snapshot isolation and optimistic concurrency, as CloudBase
 * (MongoDB) behaves:
 *
 * - A transaction takes its snapshot at its first document operation (MongoDB picks the read
 *   timestamp then too) and sees the database as of that moment plus its own writes. The store
 *   keeps no old versions, so reading a document that another writer changed after the snapshot
 *   is a conflict (MongoDB would return the old version and fail the write later; for a writer
 *   the outcome is the same, earlier).
 * - Writes are buffered. The first transaction to write a document holds it until it ends; a
 *   second writer conflicts at once (MongoDB's WriteConflict).
 * - Commit checks that no write outside any transaction overtook its documents, then applies all
 *   its writes in one SQLite transaction: all or nothing.
 * - A conflict aborts the transaction on the spot and answers DATABASE_TRANSACTION_CONFLICT, the
 *   code `db.runTransaction` retries on (it starts a new transaction without rolling back).
 * - A first operation on a document another transaction holds waits its turn (first-op-queue.ts):
 *   timing only, it saves doomed retries on hot documents.
 * - Transactions expire after limits.transactionTimeout_ms; at most limits.maxOpenTransactions
 *   are open and each makes at most limits.maxOpsPerTransaction reads and writes.
 *
 * Only single-document operations exist inside a transaction (doc(id).get/set/update/remove and
 * add), as in CloudBase.
 */
import { randomBytes } from 'node:crypto';
import { decodeDoc, type Doc } from './doc-codec.js';
import { duplicateKey, limitExceeded, transactionConflict, transactionFailed } from './errors.js';
import { FirstOpQueue } from './first-op-queue.js';
import { assertDocId, docKey, type DocId } from './ids.js';
import type { StoreLimits } from './limits.js';
import type { DocumentStore, UpdateResult, WriteOp } from './store.js';
import { applyModifier, planUpdate } from './update-apply.js';
import type { WriteClock } from './write-clock.js';

interface Pending {
  collection: string;
  id: DocId;
  /** Text of the document as this transaction left it; null when it removed it. */
  text: string | null;
  doc: Doc | null;
  /** Whether the document existed (committed) when the transaction first touched it. */
  existed: boolean;
}

interface Txn {
  id: string;
  /** Clock value of the snapshot; null until the first document operation. */
  snapshot: number | null;
  deadline_ms: number;
  ops: number;
  pending: Map<string, Pending>;
}

type EndReason = 'committed' | 'aborted' | 'conflict' | 'expired';

export interface TransactionStats {
  open: number;
  started: number;
  committed: number;
  conflicts: number;
  expired: number;
  /** First operations that waited for another transaction to end. */
  queued: number;
}

const MAX_REMEMBERED_ENDINGS = 10_000;
const PRUNE_TRACKED_KEYS_ABOVE = 50_000;
const SWEEP_INTERVAL_MS = 1000;
/** Longest wait of a first operation behind another transaction. */
const MAX_FIRST_OP_WAIT_MS = 2000;

export class TransactionManager {
  private readonly open = new Map<string, Txn>();
  /** Document key → transaction holding a write on it. */
  private readonly writers = new Map<string, string>();
  private readonly queue = new FirstOpQueue(
    (key) => this.writers.get(key),
    (txId) => this.open.has(txId),
  );
  /** Recently ended transactions, so late requests get the reason rather than "not found". */
  private readonly endings = new Map<string, { reason: EndReason; detail: string }>();
  private readonly counters = { started: 0, committed: 0, conflicts: 0, expired: 0, queued: 0 };
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: DocumentStore,
    private readonly clock: WriteClock,
    private readonly limits: StoreLimits,
    private readonly now: () => number,
  ) {}

  get openCount(): number {
    return this.open.size;
  }

  stats(): TransactionStats {
    return { open: this.open.size, ...this.counters };
  }

  start(): string {
    if (this.open.size >= this.limits.maxOpenTransactions) this.sweep();
    if (this.open.size >= this.limits.maxOpenTransactions) {
      throw limitExceeded(`at most ${this.limits.maxOpenTransactions} transactions may be open at once`);
    }
    const id = randomBytes(16).toString('hex');
    this.open.set(id, { id, snapshot: null, deadline_ms: this.now() + this.limits.transactionTimeout_ms, ops: 0, pending: new Map() });
    this.counters.started++;
    this.clock.setTracking(true);
    this.sweeper ??= setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();
    return id;
  }

  /**
   * Call before a document operation: a promise to await when this is the transaction's first
   * operation and another transaction holds the document, else null (go ahead).
   */
  turnFor(txId: string, collection: string, id: unknown): Promise<void> | null {
    const txn = this.open.get(txId);
    if (!txn || txn.snapshot !== null || (typeof id !== 'string' && typeof id !== 'number')) return null;
    const key = docKey(collection, id);
    if (!this.queue.mustWait(key, txId)) return null;
    this.counters.queued++;
    const wait_ms = Math.max(0, Math.min(MAX_FIRST_OP_WAIT_MS, txn.deadline_ms - this.now()));
    return this.queue.wait(key, txId, wait_ms).then(() => undefined);
  }

  /** Stored text of the document as the transaction sees it, or null. */
  get(txId: string, collection: string, id: DocId): string | null {
    const txn = this.live(txId);
    return this.view(txn, collection, id).text;
  }

  insert(txId: string, collection: string, doc: Doc): DocId {
    const txn = this.live(txId);
    const op = this.store.prepareInsert(collection, doc);
    const current = this.view(txn, collection, op.id);
    if (current.text !== null) throw duplicateKey(collection, '_id_', { _id: op.id });
    this.write(txn, collection, op.id, current.existed, op.doc, op.text);
    return op.id;
  }

  update(txId: string, collection: string, id: DocId, data: unknown, options: { merge: boolean; upsert: boolean }): UpdateResult {
    const txn = this.live(txId);
    const plan = planUpdate(data, options.merge);
    const current = this.view(txn, collection, id);
    if (current.text === null) {
      if (!options.upsert) return { updated: 0, upsertedId: null };
      const base: Doc = plan.kind === 'replace' ? { _id: id, ...plan.doc } : { _id: id };
      if (plan.kind === 'modify') applyModifier(base, plan.modifier);
      const op = this.store.prepareInsert(collection, base);
      this.write(txn, collection, id, current.existed, op.doc, op.text);
      return { updated: 0, upsertedId: id };
    }
    const next = this.store.nextVersion(decodeDoc(current.text), plan);
    if (!next) return { updated: 0, upsertedId: null };
    this.write(txn, collection, id, current.existed, next.doc, next.text);
    return { updated: 1, upsertedId: null };
  }

  remove(txId: string, collection: string, id: DocId): number {
    const txn = this.live(txId);
    const current = this.view(txn, collection, id);
    if (current.text === null) return 0;
    this.write(txn, collection, id, current.existed, null, null);
    return 1;
  }

  commit(txId: string): void {
    const txn = this.live(txId);
    const ops: WriteOp[] = [];
    for (const [key, p] of txn.pending) {
      if (this.clock.lastWriteOf(key) > (txn.snapshot ?? Infinity)) {
        this.conflict(txn, `document ${String(p.id)} in ${p.collection} was changed outside the transaction`);
      }
      if (p.doc === null) {
        if (p.existed) ops.push({ kind: 'delete', collection: p.collection, id: p.id });
      } else {
        ops.push({ kind: p.existed ? 'replace' : 'insert', collection: p.collection, id: p.id, doc: p.doc, text: p.text as string });
      }
    }
    try {
      this.store.commitWrites(ops);
    } catch (e) {
      this.end(txn, 'aborted', 'the commit failed');
      throw e;
    }
    this.counters.committed++;
    this.end(txn, 'committed', 'already committed');
  }

  /** Discards the transaction's writes. Ending an already ended transaction is not an error. */
  abort(txId: string): void {
    const txn = this.open.get(txId);
    if (txn) this.end(txn, 'aborted', 'the transaction was aborted');
  }

  /** Aborts every open transaction (store closing). */
  shutdown(): void {
    for (const txn of [...this.open.values()]) this.end(txn, 'aborted', 'the database closed');
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  /** Expires transactions past their deadline. */
  sweep(): void {
    const now = this.now();
    for (const txn of [...this.open.values()]) {
      if (now > txn.deadline_ms) this.expire(txn);
    }
    if (this.open.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }

  private expire(txn: Txn): string {
    const detail = `the transaction expired after ${this.limits.transactionTimeout_ms} ms`;
    this.counters.expired++;
    this.end(txn, 'expired', detail);
    return detail;
  }

  private live(txId: string): Txn {
    const txn = this.open.get(txId);
    if (!txn) {
      const ending = this.endings.get(txId);
      if (ending?.reason === 'conflict') throw transactionConflict(ending.detail);
      throw transactionFailed(ending ? `transaction ${txId}: ${ending.detail}` : `transaction ${String(txId).slice(0, 64)} not found`);
    }
    if (this.now() > txn.deadline_ms) throw transactionFailed(`transaction ${txId}: ${this.expire(txn)}`);
    if (++txn.ops > this.limits.maxOpsPerTransaction) {
      this.end(txn, 'aborted', 'too many operations');
      throw limitExceeded(`at most ${this.limits.maxOpsPerTransaction} operations per transaction`);
    }
    return txn;
  }

  /** The document as the transaction sees it; a conflict when another writer changed it after the snapshot. */
  private view(txn: Txn, collection: string, id: DocId): { text: string | null; existed: boolean } {
    assertDocId(id);
    this.store.table(collection);
    txn.snapshot ??= this.clock.now;
    const key = docKey(collection, id);
    const pending = txn.pending.get(key);
    if (pending) return { text: pending.text, existed: pending.existed };
    if (this.clock.lastWriteOf(key) > txn.snapshot) {
      this.conflict(txn, `document ${String(id)} in ${collection} changed after the transaction's snapshot`);
    }
    const text = this.store.readText(collection, id) ?? null;
    return { text, existed: text !== null };
  }

  private write(txn: Txn, collection: string, id: DocId, existed: boolean, doc: Doc | null, text: string | null): void {
    const key = docKey(collection, id);
    const holder = this.writers.get(key);
    if (holder !== undefined && holder !== txn.id) {
      this.conflict(txn, `document ${String(id)} in ${collection} is being written by another transaction`);
    }
    this.writers.set(key, txn.id);
    this.queue.tookWrite(key, txn.id);
    txn.pending.set(key, { collection, id, doc, text, existed });
  }

  private conflict(txn: Txn, detail: string): never {
    this.counters.conflicts++;
    this.end(txn, 'conflict', detail);
    throw transactionConflict(detail);
  }

  private end(txn: Txn, reason: EndReason, detail: string): void {
    if (!this.open.delete(txn.id)) return;
    const written: string[] = [];
    for (const key of txn.pending.keys()) {
      if (this.writers.get(key) === txn.id) {
        this.writers.delete(key);
        written.push(key);
      }
    }
    this.queue.ended(txn.id, written);
    this.endings.set(txn.id, { reason, detail });
    if (this.endings.size > MAX_REMEMBERED_ENDINGS) {
      const oldest = this.endings.keys().next().value;
      if (oldest !== undefined) this.endings.delete(oldest);
    }
    if (this.open.size === 0) {
      this.clock.setTracking(false);
    } else if (this.clock.trackedKeys > PRUNE_TRACKED_KEYS_ABOVE) {
      let oldest = Infinity;
      for (const t of this.open.values()) oldest = Math.min(oldest, t.snapshot ?? this.clock.now);
      this.clock.prune(oldest);
    }
  }
}
