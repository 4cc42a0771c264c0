/**
 * Bounds of the function runner. Defaults are chosen for a 2-core laptop or CI runner:
 *
 * - Functions are I/O-bound: most of an invocation is spent waiting for `/tcb`, which the main
 *   thread serves. So more workers than cores still adds throughput, up to the point where the
 *   main thread (SQLite) is the bottleneck. 8 workers of ~40 MB each stay well under 512 MB.
 * - At most 4 per function, so one hot function (say `scan` under a load test) cannot take every
 *   slot and starve `wallet` or `channel`; an idle worker of another function is recycled when a
 *   busy function needs a slot and the total is reached.
 * - One invocation per worker at a time, like an SCF instance (caller identity is in process.env).
 * - 10 s per invocation and 256 MB per worker: CloudBase's defaults for a new function are 3 s and
 *   256 MB; 10 s leaves room for a slow CI machine without letting a stuck function hang a test.
 * - 256 waiting invocations per function (a burst of a few hundred concurrent scans is served, a
 *   few seconds behind); beyond that the caller gets RATE_LIMITED at once instead of waiting
 *   behind minutes of work. Queued events are at most 256 KiB each (gateway limit).
 */
export interface RunnerLimits {
  maxWorkers: number;
  maxWorkersPerFunction: number;
  maxQueuedPerFunction: number;
  invocationTimeout_ms: number;
  /** Time for a new worker to load the SDK and the function bundle. */
  workerStartTimeout_ms: number;
  workerMemory_mb: number;
  /** Size of a function's JSON reply; larger ones become an INTERNAL error. */
  maxReplyBytes: number;
  /** On close, how long in-flight invocations may finish before their workers are terminated. */
  shutdownGrace_ms: number;
}

export const DEFAULT_RUNNER_LIMITS: Readonly<RunnerLimits> = Object.freeze({
  maxWorkers: 8,
  maxWorkersPerFunction: 4,
  maxQueuedPerFunction: 256,
  invocationTimeout_ms: 10_000,
  workerStartTimeout_ms: 15_000,
  workerMemory_mb: 256,
  maxReplyBytes: 16 * 1024 * 1024,
  shutdownGrace_ms: 3_000,
});

export function resolveRunnerLimits(overrides: Partial<RunnerLimits> = {}): RunnerLimits {
  const limits = { ...DEFAULT_RUNNER_LIMITS, ...overrides };
  for (const [k, v] of Object.entries(limits)) {
    if (!Number.isInteger(v) || v <= 0) throw new RangeError(`runner limit ${k} must be a positive integer, got ${v}`);
  }
  if (limits.maxWorkersPerFunction > limits.maxWorkers) {
    throw new RangeError('maxWorkersPerFunction cannot exceed maxWorkers');
  }
  return limits;
}
