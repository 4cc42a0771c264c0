import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { resolveRunnerLimits, type RunnerLimits } from './limits.js';
import { invocationEnv, type AppName, type CallerIdentity } from './sdk-env.js';

/** Folder names CloudBase accepts for functions (same rule as scripts/build-functions.mjs). */
export const FUNCTION_NAME_RE = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

const WORKER_FILE = new URL('./function-worker.mjs', import.meta.url);
const MAX_CLOCK_OFFSET_MS = 30 * 24 * 3600_000;

/** How an invocation ended; the reply JSON is always a complete answer for the client. */
export type InvokeOutcome = 'ok' | 'threw' | 'timeout' | 'crashed' | 'queue_full' | 'unavailable';

export interface InvokeResult {
  /** The function's reply, or an `{ok:false,error}` envelope when it did not produce one. */
  json: string;
  outcome: InvokeOutcome;
  requestId: string;
}

export interface RunnerOptions {
  /** Folder holding `<name>/index.js` bundles. */
  functionsDir: string;
  /** Fixed environment of every worker (see functionEnv()). */
  env: Record<string, string>;
  envId: string;
  appIds: Readonly<Record<AppName, string>>;
  limits?: Partial<RunnerLimits>;
  /** Receives the functions' console output and the runner's own diagnostics, one line at a time. */
  log?: (line: string) => void;
}

export interface RunnerStats {
  workers: { total: number; busy: number; starting: number };
  queued: number;
  byFunction: Record<string, { workers: number; busy: number; queued: number }>;
}

interface Job {
  fn: string;
  event: unknown;
  identity: CallerIdentity;
  requestId: string;
  resolve: (r: InvokeResult) => void;
}

type SlotState = 'starting' | 'idle' | 'busy' | 'dead';

interface Slot {
  fn: string;
  worker: Worker;
  state: SlotState;
  /** mtime of the bundle this worker loaded; a newer bundle retires the worker. */
  version: number;
  lastUsed: number;
  job?: Job;
  timer?: NodeJS.Timeout;
}

export function errorReply(code: string, message: string): string {
  return JSON.stringify({ ok: false, error: { code, message } });
}

/**
 * Runs cloud functions in a bounded pool of warm worker threads (limits.ts explains the bounds).
 * Each worker serves one function, one invocation at a time; invocations beyond the free workers
 * wait in a bounded per-function queue.
 */
export class FunctionRunner {
  readonly limits: RunnerLimits;
  private readonly functionsDir: string;
  private readonly slots = new Set<Slot>();
  private readonly queues = new Map<string, Job[]>();
  private readonly versions = new Map<string, number>();
  private readonly log: (line: string) => void;
  private closing = false;
  /** See setClockOffset. */
  private clockOffset_ms = 0;

  constructor(private readonly opts: RunnerOptions) {
    this.limits = resolveRunnerLimits(opts.limits);
    this.functionsDir = path.resolve(opts.functionsDir);
    this.log = opts.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  modulePath(name: string): string {
    return path.join(this.functionsDir, name, 'index.js');
  }

  /** True when `name` is a valid function name with a built bundle. */
  has(name: string): boolean {
    return FUNCTION_NAME_RE.test(name) && existsSync(this.modulePath(name));
  }

  /** Names of the functions with a built bundle, sorted. */
  list(): string[] {
    if (!existsSync(this.functionsDir)) return [];
    return readdirSync(this.functionsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && this.has(d.name))
      .map((d) => d.name)
      .sort();
  }

  /**
   * Invokes `name` with `event` as `identity`. Never rejects: failures come back as error replies
   * (INTERNAL for a throw or crash, TIMEOUT, RATE_LIMITED when the queue is full).
   * Precondition: has(name).
   */
  invoke(name: string, event: unknown, identity: CallerIdentity, requestId: string = randomUUID()): Promise<InvokeResult> {
    if (!this.has(name)) throw new Error(`invoke(${name}): no such function (check has() first)`);
    if (this.closing) {
      return Promise.resolve({ json: errorReply('UNAVAILABLE', 'the local cloud is shutting down'), outcome: 'unavailable', requestId });
    }
    this.noteVersion(name);
    const queue = this.queueOf(name);
    if (queue.length >= this.limits.maxQueuedPerFunction) {
      return Promise.resolve({
        json: errorReply('RATE_LIMITED', `function ${name} is busy (${queue.length} calls waiting); retry shortly`),
        outcome: 'queue_full',
        requestId,
      });
    }
    return new Promise((resolve) => {
      queue.push({ fn: name, event, identity, requestId, resolve });
      this.pump();
    });
  }

  /**
   * Local demo data only: invocations from now on see their clock moved by `offset_ms` (as
   * LOCAL_CLOCK_OFFSET_MS, which the functions add to the time they record), so that a seed can
   * lay down several days of history. 0 turns it off. At most 30 days either way.
   */
  setClockOffset(offset_ms: number): void {
    if (!Number.isSafeInteger(offset_ms) || Math.abs(offset_ms) > MAX_CLOCK_OFFSET_MS) throw new RangeError(`clock offset out of range: ${offset_ms}`);
    this.clockOffset_ms = offset_ms;
  }

  /** Starts one worker per function so the first calls do not pay for loading the SDK. */
  warm(names: readonly string[]): void {
    for (const fn of names) {
      if (!this.has(fn) || this.closing) continue;
      this.noteVersion(fn);
      const have = [...this.slots].some((s) => s.fn === fn && s.state !== 'dead');
      if (!have && this.slots.size < this.limits.maxWorkers) this.spawn(fn);
    }
  }

  stats(): RunnerStats {
    const byFunction: RunnerStats['byFunction'] = {};
    const entry = (fn: string) => (byFunction[fn] ??= { workers: 0, busy: 0, queued: 0 });
    let busy = 0;
    let starting = 0;
    for (const s of this.slots) {
      entry(s.fn).workers++;
      if (s.state === 'busy') {
        busy++;
        entry(s.fn).busy++;
      }
      if (s.state === 'starting') starting++;
    }
    let queued = 0;
    for (const [fn, q] of this.queues) {
      if (q.length === 0) continue;
      entry(fn).queued += q.length;
      queued += q.length;
    }
    return { workers: { total: this.slots.size, busy, starting }, queued, byFunction };
  }

  /**
   * Stops taking invocations, answers queued ones UNAVAILABLE, lets running ones finish for up to
   * shutdownGrace_ms, then terminates every worker.
   */
  async close(): Promise<void> {
    this.closing = true;
    for (const q of this.queues.values()) {
      for (const job of q.splice(0)) {
        job.resolve({ json: errorReply('UNAVAILABLE', 'the local cloud is shutting down'), outcome: 'unavailable', requestId: job.requestId });
      }
    }
    const deadline = Date.now() + this.limits.shutdownGrace_ms;
    while ([...this.slots].some((s) => s.state === 'busy') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await Promise.all([...this.slots].map((s) => this.retire(s, 'the local cloud is shutting down')));
  }

  private queueOf(fn: string): Job[] {
    let q = this.queues.get(fn);
    if (!q) {
      q = [];
      this.queues.set(fn, q);
    }
    return q;
  }

  /** Records the bundle's mtime; a rebuilt bundle retires the idle workers running the old one. */
  private noteVersion(fn: string): number {
    let mtime = 0;
    try {
      mtime = statSync(this.modulePath(fn)).mtimeMs;
    } catch {
      // Removed between has() and here: the worker will report the load failure.
    }
    if (this.versions.get(fn) !== mtime) {
      this.versions.set(fn, mtime);
      for (const s of this.slots) if (s.fn === fn && s.state === 'idle') void this.retire(s, 'bundle rebuilt');
    }
    return mtime;
  }

  /** Matches waiting jobs to workers; spawns or recycles workers within the limits. */
  private pump(): void {
    if (this.closing) return;
    for (const [fn, queue] of this.queues) {
      while (queue.length > 0) {
        const current = this.versions.get(fn);
        const mine = [...this.slots].filter((s) => s.fn === fn);
        const idle = mine.find((s) => s.state === 'idle' && s.version === current);
        if (idle) {
          this.dispatch(idle, queue.shift()!);
          continue;
        }
        const starting = mine.filter((s) => s.state === 'starting').length;
        if (starting >= queue.length || mine.length >= this.limits.maxWorkersPerFunction) break;
        if (this.slots.size >= this.limits.maxWorkers) {
          const victim = this.recyclable(fn);
          if (!victim) break;
          void this.retire(victim, 'slot needed by another function');
        }
        this.spawn(fn);
      }
    }
  }

  /** The least recently used idle worker of a function that has nothing waiting. */
  private recyclable(except: string): Slot | undefined {
    let best: Slot | undefined;
    for (const s of this.slots) {
      if (s.fn === except || s.state !== 'idle' || (this.queues.get(s.fn)?.length ?? 0) > 0) continue;
      if (!best || s.lastUsed < best.lastUsed) best = s;
    }
    return best;
  }

  private spawn(fn: string): void {
    const worker = new Worker(WORKER_FILE, {
      workerData: { modulePath: this.modulePath(fn), functionName: fn },
      env: this.opts.env,
      // Not the parent's flags (e.g. a TypeScript loader under tsx or vitest): a function instance
      // runs its plain JavaScript bundle, as on CloudBase.
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.workerMemory_mb },
      name: `fn:${fn}`,
    });
    const slot: Slot = { fn, worker, state: 'starting', version: this.versions.get(fn) ?? 0, lastUsed: Date.now() };
    this.slots.add(slot);
    this.pipeLines(worker.stdout, fn);
    this.pipeLines(worker.stderr, fn);

    slot.timer = setTimeout(() => {
      this.log(`[runner] ${fn}: worker did not start within ${this.limits.workerStartTimeout_ms} ms`);
      this.failQueue(fn, 'function failed to start in time');
      void this.retire(slot, 'start timeout');
    }, this.limits.workerStartTimeout_ms);

    worker.on('message', (msg: WorkerMessage) => this.onMessage(slot, msg));
    worker.on('error', (e) => {
      this.log(`[runner] ${fn}: worker error: ${e.stack ?? e.message}`);
      this.onWorkerGone(slot, 'the function crashed');
    });
    worker.on('exit', () => this.onWorkerGone(slot, 'the function instance exited'));
  }

  private onMessage(slot: Slot, msg: WorkerMessage): void {
    if (msg.type === 'ready') {
      clearTimeout(slot.timer);
      slot.state = 'idle';
      slot.lastUsed = Date.now();
      this.pump();
      return;
    }
    if (msg.type === 'load-failed') {
      clearTimeout(slot.timer);
      this.log(`[runner] ${slot.fn}: failed to load: ${msg.stack || msg.message}`);
      // Every waiting call would hit the same broken bundle: answer them all now.
      this.failQueue(slot.fn, 'function failed to load');
      void this.retire(slot, 'load failed');
      return;
    }
    const job = slot.job;
    if (!job || msg.id !== job.requestId) return; // a late reply for a job already answered
    clearTimeout(slot.timer);
    slot.job = undefined;
    if (msg.ok) {
      if (Buffer.byteLength(msg.json) > this.limits.maxReplyBytes) {
        this.log(`[runner] ${slot.fn} ${job.requestId}: reply larger than ${this.limits.maxReplyBytes} bytes`);
        job.resolve({ json: errorReply('INTERNAL', 'the reply is too large'), outcome: 'threw', requestId: job.requestId });
      } else {
        job.resolve({ json: msg.json, outcome: 'ok', requestId: job.requestId });
      }
    } else {
      // The stack is for the server log only: clients get a code and a plain message.
      this.log(`[fn:${slot.fn}] ${job.requestId} threw: ${msg.stack || msg.message}`);
      job.resolve({ json: errorReply('INTERNAL', 'internal error'), outcome: 'threw', requestId: job.requestId });
    }
    slot.lastUsed = Date.now();
    if (slot.version !== this.versions.get(slot.fn) || this.closing) {
      void this.retire(slot, 'bundle rebuilt');
    } else {
      slot.state = 'idle';
    }
    this.pump();
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.state = 'busy';
    slot.job = job;
    const context = {
      request_id: job.requestId,
      function_name: job.fn,
      function_version: '$LATEST',
      namespace: this.opts.envId,
      memory_limit_in_mb: this.limits.workerMemory_mb,
      time_limit_in_ms: this.limits.invocationTimeout_ms,
    };
    const env = { ...invocationEnv(job.identity, this.opts.appIds, job.requestId), LOCAL_CLOCK_OFFSET_MS: this.clockOffset_ms === 0 ? null : String(this.clockOffset_ms) };
    // What getCloudbaseContext(context) parses: the same identity the process env carries.
    const environment = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== null));
    slot.timer = setTimeout(() => {
      this.log(`[runner] ${job.fn} ${job.requestId}: timed out after ${this.limits.invocationTimeout_ms} ms`);
      slot.job = undefined;
      job.resolve({
        json: errorReply('TIMEOUT', `Invoking task timed out after ${this.limits.invocationTimeout_ms} ms`),
        outcome: 'timeout',
        requestId: job.requestId,
      });
      // It may be stuck in synchronous code, or still hold the caller's identity: end it.
      void this.retire(slot, 'invocation timeout').then(() => this.pump());
    }, this.limits.invocationTimeout_ms);
    slot.worker.postMessage({
      type: 'invoke',
      id: job.requestId,
      event: job.event,
      context: { ...context, environment: JSON.stringify(environment) },
      env,
    });
  }

  private onWorkerGone(slot: Slot, reason: string): void {
    if (slot.state === 'dead') return;
    const wasStarting = slot.state === 'starting';
    slot.state = 'dead';
    clearTimeout(slot.timer);
    this.slots.delete(slot);
    const job = slot.job;
    slot.job = undefined;
    if (job) job.resolve({ json: errorReply('INTERNAL', reason), outcome: 'crashed', requestId: job.requestId });
    // A worker that dies while starting, without a load report, would otherwise be respawned forever.
    if (wasStarting) this.failQueue(slot.fn, 'function failed to start');
    this.pump();
  }

  private failQueue(fn: string, message: string): void {
    for (const job of this.queueOf(fn).splice(0)) {
      job.resolve({ json: errorReply('INTERNAL', message), outcome: 'crashed', requestId: job.requestId });
    }
  }

  private async retire(slot: Slot, why: string): Promise<void> {
    if (slot.state === 'dead') return;
    slot.state = 'dead';
    clearTimeout(slot.timer);
    this.slots.delete(slot);
    const job = slot.job;
    slot.job = undefined;
    if (job) job.resolve({ json: errorReply('INTERNAL', why), outcome: 'crashed', requestId: job.requestId });
    await slot.worker.terminate();
  }

  private pipeLines(stream: Readable, fn: string): void {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => this.log(`[fn:${fn}] ${line}`));
  }
}

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'load-failed'; message: string; stack: string }
  | { type: 'done'; id: string; ok: true; json: string }
  | { type: 'done'; id: string; ok: false; message: string; stack: string };
