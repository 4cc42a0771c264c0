import { Worker } from 'node:worker_threads';
import { startTcbServer } from '../local-cloud/src/tcb/standalone.js';
async function main() {
const server = await startTcbServer({ dataDir: ':memory:', autoCreateCollections: true });
let conns = 0;
(server as any).__conns = () => conns;
const ids = Array.from({ length: 100 }, (_, i) => `p${i}`);
server.store.insert('pts', ids.map((_id) => ({ _id, v: 1, at: new Date() })));
const w = new Worker(new URL('./db-bench-client.mjs', import.meta.url), { workerData: { url: server.url, credentials: server.credentials } });
const ask = (t: object) => new Promise<any>((r) => { w.once('message', r); w.postMessage(t); });
await ask({ task: 'pointRead', collection: 'pts', ids, n: 2000 });
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const elu0 = performance.eventLoopUtilization();
const res = await ask({ task: 'pointRead', collection: 'pts', ids, n: 20000 });
const el = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const elu = performance.eventLoopUtilization(elu0);
console.log('server active us/req', (elu.active/20000*1000).toFixed(1));
console.log('client active us/req', (res.result.clientActive_ms/20000*1000).toFixed(1));
const lat = res.result.latencies_ms.sort((a: number, b: number) => a - b);
console.log('p50', lat[10000], 'wall per req us', (el / 20000 * 1000).toFixed(1), 'process cpu per req us', ((cpu.user + cpu.system) / 20000).toFixed(1));
await w.terminate();
await server.close();

}
void main();
