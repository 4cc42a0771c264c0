/**
 * Goal: `npm start` works as documented: with `--port 0 --data DIR --seed none` it prints the app
 * URLs and a `listening on http://127.0.0.1:<port>` line, answers /api/health, and shuts down
 * cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli.js';
import { REPO } from './helpers.js';

const START_TIMEOUT_MS = 45_000;
let proc: ChildProcess | null = null;
let dataDir: string | null = null;

afterEach(() => {
  // The child runs in its own process group (npm → sh → node): end the whole group.
  if (proc?.pid !== undefined && proc.exitCode === null) {
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  proc = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
});

function waitFor(child: ChildProcess, re: RegExp, output: { text: string }): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${re} within ${START_TIMEOUT_MS} ms:\n${output.text}`)), START_TIMEOUT_MS);
    const check = () => {
      const m = output.text.match(re);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${re}:\n${output.text}`));
    });
  });
}

describe('npm start', () => {
  it('starts on a free port, serves /api/health, stops on SIGTERM', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'channel-router-cli-'));
    // The app builds are the e2e tests' business; this test is about the server's command line.
    const child = spawn('npm', ['start', '--', '--port', '0', '--data', dataDir, '--seed', 'none', '--no-app-build'], {
      cwd: REPO,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc = child;
    const output = { text: '' };
    child.stdout?.on('data', (d: Buffer) => (output.text += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output.text += d.toString()));

    const m = await waitFor(child, /listening on (http:\/\/127\.0\.0\.1:(\d+))/, output);
    const url = m[1]!;
    expect(Number(m[2])).toBeGreaterThan(0);
    for (const app of ['admin', 'dealer', 'terminal', 'consumer']) expect(output.text).toContain(`${url}/${app}/`);

    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, data: { status: 'ok' } });
    expect(existsSync(path.join(dataDir, 'local-secrets.json'))).toBe(true);

    // As a terminal's Ctrl-C or a process manager would: the signal goes to the whole group.
    // 'close' waits for every holder of the output pipes, i.e. for the node process, not just npm.
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    process.kill(-child.pid!, 'SIGTERM');
    await closed;
    expect(output.text).toContain('SIGTERM: shutting down');
    expect(output.text).toContain('stopped cleanly');
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
  });

  it('refuses unknown flags with usage help', async () => {
    const child = spawn('npm', ['start', '--', '--bogus'], { cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    proc = child;
    let text = '';
    child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(text).toContain('unknown argument --bogus');
    expect(text).toContain('--seed demo|none');
  });
});

describe('--db-latency-ms', () => {
  it('takes a whole number of milliseconds (default 0) and refuses anything else, naming the flag', () => {
    // Goal: the latency knob reaches the options as given, and a bad value is a usage error.
    expect(parseArgs([])).toMatchObject({ dbLatency_ms: 0 });
    expect(parseArgs(['--db-latency-ms', '8'])).toMatchObject({ dbLatency_ms: 8 });
    expect(parseArgs(['--db-latency-ms=25'])).toMatchObject({ dbLatency_ms: 25 });
    for (const bad of ['-1', '2.5', 'x', '10001']) {
      expect(() => parseArgs(['--db-latency-ms', bad])).toThrow(UsageError);
      expect(() => parseArgs(['--db-latency-ms', bad])).toThrow(/--db-latency-ms/);
    }
  });
});
