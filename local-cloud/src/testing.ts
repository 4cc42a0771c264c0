/**
 * A throw-away local cloud for integration tests: its own temporary data directory, a free port,
 * no demo data. Functions run exactly as under `npm start` (real SDK, real database protocol).
 *
 *   const cloud = await startTestCloud();
 *   const token = await cloud.login('admin', 'o-admin-1');
 *   const reply = await cloud.call('channel', { action: 'me' }, token);
 *   await cloud.close();
 *
 * Set LOCAL_CLOUD_LOG=1 to see the functions' console output while a test runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CallOptions, Reply } from './client.js';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from './local-cloud.js';
import type { AppName } from './runner/sdk-env.js';

export interface TestCloud {
  readonly url: string;
  readonly dataDir: string;
  readonly cloud: LocalCloud;
  login(app: AppName, openId: string, unionId?: string): Promise<string>;
  call<T = unknown>(fn: string, event: Record<string, unknown>, token?: string, opts?: CallOptions): Promise<Reply<T>>;
  /** Log lines (function console output, runner diagnostics) collected so far; at most the last 2,000. */
  logs(): readonly string[];
  /** Stops the cloud and deletes its data directory. */
  close(): Promise<void>;
}

const MAX_LOG_LINES = 2_000;

export async function startTestCloud(opts: Omit<LocalCloudOptions, 'port' | 'dataDir'> & { dataDir?: string } = {}): Promise<TestCloud> {
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'channel-router-test-'));
  const lines: string[] = [];
  const echo = process.env.LOCAL_CLOUD_LOG === '1';
  const log = (line: string) => {
    lines.push(line);
    if (lines.length > MAX_LOG_LINES) lines.splice(0, lines.length - MAX_LOG_LINES);
    if (echo) process.stderr.write(`${line}\n`);
  };
  let cloud: LocalCloud;
  try {
    cloud = await startLocalCloud({ seed: 'none', trustForwardedFor: true, log, ...opts, port: 0, dataDir });
  } catch (e) {
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  return {
    url: cloud.url,
    dataDir,
    cloud,
    login: (app, openId, unionId) => cloud.client.login(app, openId, unionId),
    call: (fn, event, token, callOpts) => cloud.client.call(fn, event, token, callOpts),
    logs: () => lines,
    async close() {
      await cloud.close();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
