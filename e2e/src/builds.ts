/**
 * The e2e tests drive real builds. Before a test opens an app it makes sure that app's output is
 * there and newer than its sources, building it if not — under a file lock, so two test files
 * (or a test and a developer's `npm run build:h5`) never build the same output at once.
 * CI may run `npm run build:h5` / `build:weapp` first; then this finds everything up to date.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const APPS = ['admin', 'dealer', 'terminal', 'consumer'] as const;
export type App = (typeof APPS)[number];
export type Platform = 'weapp' | 'h5';

/** Four cold builds on two cores take about three minutes; this is the ceiling. */
export const BUILD_TIMEOUT_MS = 15 * 60 * 1000;

export function outputDir(app: App, platform: Platform): string {
  return path.join(REPO_ROOT, `miniprogram-${app}`, 'dist', platform);
}

export async function ensureBuilt(apps: readonly App[], platform: Platform): Promise<void> {
  const lockDir = path.join(REPO_ROOT, 'node_modules', '.cache');
  mkdirSync(lockDir, { recursive: true });
  // One lock for every platform: builds of the same app share its `.swc` config cache.
  const lock = path.join(lockDir, 'channel-router-app-build.lock');
  const args = [lock, process.execPath, path.join(REPO_ROOT, 'scripts', 'build-apps.mjs'), '--platform', platform, '--if-stale', ...apps];
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const child = spawn('flock', args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (c: Buffer) => {
      output = (output + c.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGTERM'), BUILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`building ${apps.join(', ')} for ${platform} failed:\n${output}`));
    });
  });
}
