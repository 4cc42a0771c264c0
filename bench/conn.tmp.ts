import { createServer } from 'node:http';
import tcb from '@cloudbase/node-sdk';
async function main() {
  process.env.TENCENTCLOUD = 'true';
  let conns = 0;
  const s = createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"requestId":"x","data":{"list":[]}}')); });
  s.on('connection', () => conns++);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(s.address() as any).port}/tcb`;
  const db = tcb.init({ env: 'x', serviceUrl: url, secretId: 'a', secretKey: 'b' }).database();
  const t = performance.now();
  const elu0 = performance.eventLoopUtilization();
  for (let i = 0; i < 5000; i++) await db.collection('c').doc('a').get();
  const elu = performance.eventLoopUtilization(elu0);
  console.log('conns', conns, 'us/req', ((performance.now() - t) / 5000 * 1000).toFixed(1), 'active us/req (client+dummy server)', (elu.active / 5000 * 1000).toFixed(1));
  s.close(); s.closeAllConnections();
}
void main();
import http from 'node:http';
async function raw() {
  const s = createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"requestId":"x","data":{"list":[]}}')); });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as any).port;
  const agent = new http.Agent({ keepAlive: true });
  const body = JSON.stringify({ action: 'database.getDocument', collectionName: 'c', query: '{"_id":"a"}', pad: 'x'.repeat(600) });
  const one = () => new Promise<void>((resolve) => { const r = http.request({ host: '127.0.0.1', port, path: '/tcb', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => { res.resume(); res.on('end', resolve); }); r.end(body); });
  for (let i = 0; i < 500; i++) await one();
  const t = performance.now();
  for (let i = 0; i < 5000; i++) await one();
  console.log('raw http us/req', ((performance.now() - t) / 5000 * 1000).toFixed(1));
  s.close(); s.closeAllConnections();
}
setTimeout(() => void raw(), 8000);
