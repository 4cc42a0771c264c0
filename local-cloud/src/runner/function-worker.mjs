// @ts-check
// One warm instance of one cloud function, inside a worker thread (the local stand-in for an SCF
// instance). It loads `<functionsDir>/<name>/index.js` once and then runs one invocation at a time:
// the caller's identity lives in process.env, which is per worker, so two concurrent invocations in
// one worker would see each other's identity.
//
// Plain JavaScript on purpose: it must start the same under node, tsx and vitest without a loader.
//
// Messages in:  { type: 'invoke', id, event, context, env: { KEY: string | null } }
// Messages out: { type: 'ready' } | { type: 'load-failed', message, stack }
//               | { type: 'done', id, ok: true, json } | { type: 'done', id, ok: false, message, stack }
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

if (!parentPort) throw new Error('function-worker must run in a worker thread');
const port = parentPort;
/** @type {{ modulePath: string, functionName: string }} */
const { modulePath, functionName } = workerData;

// The environment as a plain object: the SDK reads a dozen variables from process.env on every
// database request (getCloudbaseContext), and a worker's process.env answers each read through
// the runtime's environment store, about 3x slower than a plain object (it is per worker either
// way: nothing here is shared with other threads or child processes).
process.env = { ...process.env };

// Stack traces in the server log should point at the TypeScript sources.
process.setSourceMapsEnabled(true);
// An async error the function forgot to await must not take the instance down with it (SCF keeps
// the instance too); it is logged for the developer.
process.on('unhandledRejection', (reason) => {
  console.error(`[fn:${functionName}] unhandled rejection:`, reason);
});

/** @type {(event: unknown, context: unknown) => unknown} */
let main;
try {
  const require = createRequire(modulePath);
  const mod = require(modulePath);
  main = mod && typeof mod.main === 'function' ? mod.main : mod?.default?.main;
  if (typeof main !== 'function') throw new Error(`${modulePath} does not export main(event, context)`);
  port.postMessage({ type: 'ready' });
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  port.postMessage({ type: 'load-failed', message: err.message, stack: err.stack ?? '' });
  // Nothing to serve: let the thread end once the message is flushed.
  port.close();
}

/** Keys set for the current invocation; cleared afterwards so nothing outlives its caller. */
let invocationKeys = [];

/** @param {Record<string, string | null>} env */
function applyEnv(env) {
  invocationKeys = Object.keys(env);
  for (const [k, v] of Object.entries(env)) {
    if (v === null) delete process.env[k];
    else process.env[k] = v;
  }
}

function clearEnv() {
  for (const k of invocationKeys) delete process.env[k];
  invocationKeys = [];
}

port.on('message', async (msg) => {
  if (!msg || msg.type !== 'invoke') return;
  const { id, event, context, env } = msg;
  applyEnv(env);
  try {
    const value = await main(event, context);
    // JSON here, not structured clone: the reply goes to an HTTP client as JSON anyway, and this
    // gives the same result (e.g. dropping functions, Dates as strings) as the cloud's transport.
    const json = JSON.stringify(value === undefined ? null : value);
    port.postMessage({ type: 'done', id, ok: true, json });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    port.postMessage({ type: 'done', id, ok: false, message: err.message, stack: err.stack ?? '' });
  } finally {
    clearEnv();
  }
});
