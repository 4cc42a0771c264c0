// Worker thread of bench/backend.bench.ts: the load generator, on its own event loop so that the
// clients' HTTP work does not run on the gateway's main thread. `clients` concurrent loops each
// redeem the next unused hidden code, as the next consumer (round robin), over plain keep-alive
// HTTP, until `duration_ms` has passed or the codes run out.
import { parentPort, workerData } from 'node:worker_threads';
import http from 'node:http';

const { url, tokens, codes, clients, duration_ms } = workerData;
const { hostname, port } = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });

function redeem(code, token) {
  const body = JSON.stringify({ action: 'redeem', code });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: hostname,
        port,
        path: '/api/fn/scan',
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Authorization: `Bearer ${token}` },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (e) {
            reject(e);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let next = 0;
const latencies_ms = [];
const failures = {};
let paid = 0;
const elu0 = performance.eventLoopUtilization();
const started = performance.now();
const deadline = started + duration_ms;

await Promise.all(
  Array.from({ length: clients }, async () => {
    while (performance.now() < deadline && next < codes.length) {
      const i = next++;
      const t = performance.now();
      const r = await redeem(codes[i], tokens[i % tokens.length]);
      latencies_ms.push(performance.now() - t);
      if (r.ok) {
        if (r.data.reward > 0) paid++;
      } else {
        const k = r.error?.code ?? 'UNKNOWN';
        failures[k] = (failures[k] ?? 0) + 1;
      }
    }
  }),
);
const elapsed_ms = performance.now() - started;
const elu = performance.eventLoopUtilization(elu0);
agent.destroy();
parentPort.postMessage({ latencies_ms, failures, paid, elapsed_ms, clientBusy: elu.utilization });
