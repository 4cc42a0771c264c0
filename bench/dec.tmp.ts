import { Worker } from 'node:worker_threads';
import { startTcbServer } from '../local-cloud/src/tcb/standalone.js';
async function main() {
  const server = await startTcbServer({ dataDir: ':memory:', autoCreateCollections: true });
  server.store.insert('w', [{ _id: 'w1', balance: 1e9 }]);
  server.store.createCollection('l');
  const w = new Worker(new URL('./db-bench-client.mjs', import.meta.url), { workerData: { url: server.url, credentials: server.credentials } });
  const ask = (t: object) => new Promise<any>((r) => { w.once('message', r); w.postMessage(t); });
  for (const concurrency of [1, 2, 8]) {
    const elu0 = performance.eventLoopUtilization();
    const s0 = server.store.transactions.stats();
    const res = await ask({ task: 'decrements', wallets: 'w', ledger: 'l', walletId: 'w1', amount: 1, concurrency, duration_ms: 2000 });
    const elu = performance.eventLoopUtilization(elu0);
    const s1 = server.store.transactions.stats();
    console.log(concurrency, JSON.stringify(res.result), 'server util', elu.utilization.toFixed(2), 'started', s1.started - s0.started, 'committed', s1.committed - s0.committed, 'queued', s1.queued - s0.queued, 'conflicts', s1.conflicts - s0.conflicts);
  }
  await w.terminate();
  await server.close();
}
void main();
