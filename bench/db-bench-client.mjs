// Worker thread of bench/db.bench.ts: the real @cloudbase/node-sdk, configured as a cloud
// function is by the local cloud (TENCENTCLOUD=true, serviceUrl = /tcb, local credentials),
// running the benchmark's client side so that client and server use separate cores.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

// A plain-object environment, as the local cloud's function instances have (function-worker.mjs):
// the SDK reads it on every request.
process.env = { ...process.env };
process.env.TENCENTCLOUD = 'true';
process.env.SILENCE = 'true';
const require = createRequire(import.meta.url);
const tcb = require('@cloudbase/node-sdk');

const { url, credentials } = workerData;
const db = tcb.init({ env: 'bench', serviceUrl: url, secretId: credentials.secretId, secretKey: credentials.secretKey }).database();

async function timed(n, op) {
  const latencies_ms = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await op(i);
    latencies_ms[i] = performance.now() - t;
  }
  return latencies_ms;
}

async function pointRead({ collection, ids, n }) {
  const elu0 = performance.eventLoopUtilization();
  const latencies_ms = await timed(n, (i) => db.collection(collection).doc(ids[i % ids.length]).get());
  const elu = performance.eventLoopUtilization(elu0);
  return { latencies_ms, clientActive_ms: elu.active };
}

async function equalityQuery({ collection, codes, n, expect }) {
  let wrong = 0;
  const latencies_ms = await timed(n, async (i) => {
    const res = await db.collection(collection).where({ code: codes[i % codes.length] }).get();
    if (res.data.length !== expect) wrong++;
  });
  return { latencies_ms, wrong };
}

/** Read the balance, check it covers the amount, decrement it, write a ledger entry: one transaction. */
function guardedDecrement({ wallets, ledger, walletId, amount }) {
  return db.runTransaction(async (tx) => {
    const wallet = (await tx.collection(wallets).doc(walletId).get()).data;
    if (!wallet || wallet.balance < amount) throw Object.assign(new Error('insufficient funds'), { code: 'INSUFFICIENT' });
    await tx.collection(wallets).doc(walletId).update({ balance: wallet.balance - amount });
    await tx.collection(ledger).add({ account: walletId, amount_fen: -amount, at: new Date() });
  });
}

async function decrements(task) {
  const deadline = performance.now() + task.duration_ms;
  let successes = 0;
  let conflicts = 0;
  const started = performance.now();
  // One shared wallet (a hot document, like a brand's reward budget), or one wallet per caller.
  const caller = async (_, i) => {
    const walletId = task.walletPerCaller ? `${task.walletId}-${task.firstCaller + i}` : task.walletId;
    while (performance.now() < deadline) {
      try {
        await guardedDecrement({ ...task, walletId });
        successes++;
      } catch (e) {
        if (e && e.code === 'DATABASE_TRANSACTION_CONFLICT') conflicts++;
        else throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: task.concurrency }, (_, i) => caller(_, i)));
  return { successes, conflicts, elapsed_ms: performance.now() - started };
}

const TASKS = { pointRead, equalityQuery, decrements };

parentPort.on('message', async (msg) => {
  try {
    parentPort.postMessage({ ok: true, result: await TASKS[msg.task](msg) });
  } catch (e) {
    parentPort.postMessage({ ok: false, error: e && e.stack ? e.stack : String(e) });
  }
});
