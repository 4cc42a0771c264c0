/**
 * A logical clock of committed writes, for transaction conflict checks.
 *
 * Every committed write of a document (inside a transaction or not) takes the next sequence
 * number. While transactions are open, the clock remembers the last sequence number of each
 * document key; a transaction that started at `s` conflicts on a key whose last write is after
 * `s`. Entries older than the oldest open transaction can never cause a conflict and are
 * dropped; with no open transaction the map is empty. The clock lives in memory only:
 * transactions do not survive a restart either.
 */
export class WriteClock {
  private seq = 0;
  private readonly lastWrite = new Map<string, number>();
  private tracking = false;

  get now(): number {
    return this.seq;
  }

  /** Called by the transaction manager: on while any transaction is open. */
  setTracking(on: boolean): void {
    this.tracking = on;
    if (!on) this.lastWrite.clear();
  }

  recordWrite(key: string): void {
    this.seq += 1;
    if (this.tracking) this.lastWrite.set(key, this.seq);
  }

  lastWriteOf(key: string): number {
    return this.lastWrite.get(key) ?? 0;
  }

  get trackedKeys(): number {
    return this.lastWrite.size;
  }

  /** Forgets writes no open transaction can conflict with (all of them started at or after `oldestStart`). */
  prune(oldestStart: number): void {
    for (const [key, seq] of this.lastWrite) {
      if (seq <= oldestStart) this.lastWrite.delete(key);
    }
  }
}
