/**
 * The real @cloudbase/node-sdk in a worker thread (bench/db-bench-client.mjs), as a function
 * instance runs it, driven by the benchmarks: `ask` runs one task there and answers its result.
 */
import { Worker } from 'node:worker_threads';
import type { Credentials } from '../local-cloud/src/tcb/signature.js';

export class SdkClient {
  private readonly worker: Worker;
  /** `url`: the /tcb endpoint. */
  constructor(server: { url: string; credentials: Credentials }) {
    this.worker = new Worker(new URL('./db-bench-client.mjs', import.meta.url), { workerData: { url: server.url, credentials: server.credentials } });
  }
  ask<T>(task: Record<string, unknown>): Promise<T> {
    return new Promise((resolve, reject) => {
      this.worker.once('message', (m: { ok: boolean; result?: T; error?: string }) => (m.ok ? resolve(m.result as T) : reject(new Error(m.error))));
      this.worker.postMessage(task);
    });
  }
  close(): Promise<number> {
    return this.worker.terminate();
  }
}
