/**
 * Queues transactions whose first operation touches a document another open transaction holds
 * (has written, or was let through this queue to). They go one at a time, in arrival order, as
 * each holder ends.
 *
 * This only changes timing, never what a transaction may see or do: a transaction takes its
 * snapshot at its first operation (as MongoDB does), so one that waited simply behaves as if its
 * request had arrived after the holder committed, a schedule the cloud can produce too. What it
 * saves is the work of transactions that would read a document, lose the write to it, and retry
 * immediately (db.runTransaction retries without pause): under a hot document such as a shared
 * balance, they line up instead. A waiter holds nothing yet, so waiting cannot deadlock; each wait
 * is bounded.
 */

interface Waiter {
  txId: string;
  /** Called when it is this waiter's turn (true) or its wait timed out / was cancelled (false). */
  done: (granted: boolean) => void;
}

export class FirstOpQueue {
  /** Document key → transaction that went through the queue and holds the key until it ends or writes it. */
  private readonly turns = new Map<string, string>();
  private readonly queues = new Map<string, Waiter[]>();

  constructor(
    /** The transaction holding a write on the key, if any. */
    private readonly writerOf: (key: string) => string | undefined,
    private readonly isOpen: (txId: string) => boolean,
  ) {}

  /** True when a first operation of `txId` on `key` should wait. */
  mustWait(key: string, txId: string): boolean {
    const writer = this.writerOf(key);
    const turn = this.turns.get(key);
    return (writer !== undefined && writer !== txId) || (turn !== undefined && turn !== txId) || (this.queues.get(key)?.length ?? 0) > 0;
  }

  /** Resolves true when it is `txId`'s turn on `key`, false when `wait_ms` passed first. */
  wait(key: string, txId: string, wait_ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      let queue = this.queues.get(key);
      if (!queue) this.queues.set(key, (queue = []));
      const waiter: Waiter = {
        txId,
        done: (granted) => {
          clearTimeout(timer);
          resolve(granted);
        },
      };
      const timer = setTimeout(() => {
        this.remove(key, waiter);
        waiter.done(false);
      }, wait_ms);
      timer.unref();
      queue.push(waiter);
    });
  }

  /** `txId` wrote `key`: its turn (if any) becomes a write hold, tracked by the writer map. */
  tookWrite(key: string, txId: string): void {
    if (this.turns.get(key) === txId) this.turns.delete(key);
  }

  /** A transaction ended (its writes already released): hand every key it held to the next waiter. */
  ended(txId: string, writtenKeys: Iterable<string>): void {
    const keys = new Set(writtenKeys);
    for (const [key, holder] of this.turns) {
      if (holder !== txId) continue;
      this.turns.delete(key);
      keys.add(key);
    }
    for (const key of keys) this.handOn(key);
    for (const [key, queue] of this.queues) {
      const left = queue.filter((w) => w.txId !== txId);
      if (left.length !== queue.length) {
        for (const w of queue) if (w.txId === txId) w.done(false);
        this.setQueue(key, left);
      }
    }
  }

  /** Lets the next live waiter of `key` go when nobody holds it. */
  private handOn(key: string): void {
    if (this.writerOf(key) !== undefined || this.turns.has(key)) return;
    const queue = this.queues.get(key);
    while (queue && queue.length > 0) {
      const next = queue.shift() as Waiter;
      if (!this.isOpen(next.txId)) {
        next.done(false);
        continue;
      }
      this.turns.set(key, next.txId);
      next.done(true);
      break;
    }
    if (queue) this.setQueue(key, queue);
  }

  private remove(key: string, waiter: Waiter): void {
    const queue = this.queues.get(key);
    if (queue) this.setQueue(key, queue.filter((w) => w !== waiter));
    // The waiter may have been the one blocking others behind a free key.
    this.handOn(key);
  }

  private setQueue(key: string, queue: Waiter[]): void {
    if (queue.length === 0) this.queues.delete(key);
    else this.queues.set(key, queue);
  }
}
