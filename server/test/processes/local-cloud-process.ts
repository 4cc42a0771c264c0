/**
 * Child process of crash.test.ts: the local cloud on an existing data directory (argv[2]), as
 * `npm start` runs it, printing `listening on <url>` when ready. The test kills it with SIGKILL.
 */
import { startLocalCloud } from '../../../local-cloud/src/local-cloud.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: local-cloud-process <dataDir>');
const cloud = await startLocalCloud({
  dataDir,
  port: 0,
  seed: 'none',
  trustForwardedFor: true,
  functionEnv: { RATE_LIMIT_MULTIPLIER: '1000' },
  runnerLimits: { workerStartTimeout_ms: 60_000, invocationTimeout_ms: 30_000 },
  log: () => undefined,
});
process.stdout.write(`listening on ${cloud.url}\n`);
