/**
 * Starts the local cloud in a child process on `dataDir` (local-cloud-process.ts, as `npm start`
 * would run it) and resolves once it listens, so a test can SIGKILL it mid-load and reopen the
 * same directory in process afterwards (crash.test.ts, crash-submit.test.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'local-cloud-process.ts');
/** Loading tsx and the functions' SDK in a fresh process takes a while on a busy 2-core runner. */
const START_TIMEOUT_MS = 120_000;

export function startChildCloud(dataDir: string): Promise<{ proc: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the local cloud did not start within ${START_TIMEOUT_MS} ms:\n${out}`)), START_TIMEOUT_MS);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1]! });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the local cloud exited (${code}) before it was ready:\n${out}`));
    });
  });
}
