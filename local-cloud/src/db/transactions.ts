/**
 * Multi-request transactions with snapshot-style isolation and optimistic concurrency, as
 * CloudBase (MongoDB) behaves:
 *
 * - A transaction sees the database as of its start plus its own writes. The store keeps no old
 *   versions, so reading a document that another writer changed after the start is a conflict
 *   (MongoDB would return the old version and fail the write later; the outcome for a writer is
 *   the same, earlier).
 * - Writes are buffered. The first transaction to write a document holds it until it ends; a
 *   second writer conflicts at once (MongoDB's WriteConflict).
 * - Commit checks that no write outside the transaction overtook its documents, then applies all
 *   its writes in one SQLite transaction: all or nothing.
 * - A conflict aborts the transaction on the spot and answers DATABASE_TRANSACTION_CONFLICT, the
 *   code `db.runTransaction` retries on (it starts a new transaction without rolling back).
 * - Transactions expire after limits.transactionTimeout_ms; at most limits.maxOpenTransactions
 *   are open and each makes at most limits.maxOpsPerTransaction reads and writes.
 *
 * Only single-document operations exist inside a transaction (doc(id).get/set/update/remove and
 * add), as in CloudBase.
 */
import { randomBytes } from 'node:crypto';
import { decodeDoc, type Doc } from './doc-codec.js';
import { duplicateKey, limitExceeded, transactionConflict, transactionFailed } from './errors.js';
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
  startSeq: number;
  deadline_ms: number;
  ops: number;
  pending: Map<string, Pending>;
}

type EndReason = 'committed' | 'aborted' | 'conflict' | 'expired';

const MAX_REMEMBERED_ENDINGS = 10_000;
const PRUNE_TRACKED_KEYS_ABOVE = 50_000;
const SWEEP_INTERVAL_MS = 1000;

export class TransactionManager {
  private readonly open = new Map<string, Txn>();
  /** Document key → transaction holding its write. */
  private readonly writers = new Map<string, string>();
  /** Recently ended transactions, so late requests get the reason rather than "not found". */
  private readonly endings = new Map<string, { reason: EndReason; detail: string }>();
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

  start(): string {
    if (this.open.size >= this.limits.maxOpenTransactions) this.sweep();
    if (this.open.size >= this.limits.maxOpenTransactions) {
      throw limitExceeded(`at most ${this.limits.maxOpenTransactions} transactions may be open at once`);
    }
    const id = randomBytes(16).toString('hex');
    this.open.set(id, { id, startSeq: this.clock.now, deadline_ms: this.now() + this.limits.transactionTimeout_ms, ops: 0, pending: new Map() });
    this.clock.setTracking(true);
    this.sweeper ??= setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();
    return id;
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
      if (this.clock.lastWriteOf(key) > txn.startSeq) {
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
      if (now > txn.deadline_ms) this.end(txn, 'expired', `the transaction expired after ${this.limits.transactionTimeout_ms} ms`);
    }
    if (this.open.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }

  private live(txId: string): Txn {
    const txn = this.open.get(txId);
    if (!txn) {
      const ending = this.endings.get(txId);
      if (ending?.reason === 'conflict') throw transactionConflict(ending.detail);
      throw transactionFailed(ending ? `transaction ${txId}: ${ending.detail}` : `transaction ${String(txId).slice(0, 64)} not found`);
    }
    if (this.now() > txn.deadline_ms) {
      const detail = `the transaction expired after ${this.limits.transactionTimeout_ms} ms`;
      this.end(txn, 'expired', detail);
      throw transactionFailed(`transaction ${txId}: ${detail}`);
    }
    if (++txn.ops > this.limits.maxOpsPerTransaction) {
      this.end(txn, 'aborted', 'too many operations');
      throw limitExceeded(`at most ${this.limits.maxOpsPerTransaction} operations per transaction`);
    }
    return txn;
  }

  /** The document as the transaction sees it; a conflict when another writer changed it since the start. */
  private view(txn: Txn, collection: string, id: DocId): { text: string | null; existed: boolean } {
    assertDocId(id);
    this.store.table(collection);
    const key = docKey(collection, id);
    const pending = txn.pending.get(key);
    if (pending) return { text: pending.text, existed: pending.existed };
    if (this.clock.lastWriteOf(key) > txn.startSeq) {
      this.conflict(txn, `document ${String(id)} in ${collection} changed after the transaction started`);
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
    txn.pending.set(key, { collection, id, doc, text, existed });
  }

  private conflict(txn: Txn, detail: string): never {
    this.end(txn, 'conflict', detail);
    throw transactionConflict(detail);
  }

  private end(txn: Txn, reason: EndReason, detail: string): void {
    if (!this.open.delete(txn.id)) return;
    for (const key of txn.pending.keys()) {
      if (this.writers.get(key) === txn.id) this.writers.delete(key);
    }
    this.endings.set(txn.id, { reason, detail });
    if (this.endings.size > MAX_REMEMBERED_ENDINGS) {
      const oldest = this.endings.keys().next().value;
      if (oldest !== undefined) this.endings.delete(oldest);
    }
    if (this.open.size === 0) {
      this.clock.setTracking(false);
    } else if (this.clock.trackedKeys > PRUNE_TRACKED_KEYS_ABOVE) {
      let oldest = Infinity;
      for (const t of this.open.values()) oldest = Math.min(oldest, t.startSeq);
      this.clock.prune(oldest);
    }
  }
}
