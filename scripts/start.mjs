#!/usr/bin/env node
// `npm start`: builds the H5 apps that are missing or older than their sources (under the same
// file lock as the tests' builds), then runs the local cloud (local-cloud/src/cli.ts) from its
// TypeScript sources. tsx's loader is registered in this process only; function workers run
// plain JavaScript bundles (rebuilt by the local cloud itself when stale).
//
// `--no-app-build` (or CHANNEL_ROUTER_NO_APP_BUILD=1) skips the app builds: the local cloud then
// serves whatever builds exist, and a friendly page for the missing ones.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const noBuild = args.includes('--no-app-build') || process.env.CHANNEL_ROUTER_NO_APP_BUILD === '1';
const cliArgs = args.filter((a) => a !== '--no-app-build');

register();
const cli = await import('../local-cloud/src/cli.ts');
// Bad flags are refused before minutes of app builds, not after.
let parsed;
try {
  parsed = cli.parseArgs(cliArgs);
} catch (e) {
  if (!(e instanceof cli.UsageError)) throw e;
  parsed = null;
}

if (!noBuild && parsed !== null && parsed !== 'help') {
  const lockDir = path.join(ROOT, 'node_modules', '.cache');
  mkdirSync(lockDir, { recursive: true });
  const lock = path.join(lockDir, 'channel-router-app-build.lock');
  process.stdout.write('Building the H5 apps that are missing or stale (first start: a few minutes)…\n');
  const r = spawnSync('flock', [lock, process.execPath, path.join(ROOT, 'scripts', 'build-apps.mjs'), '--platform', 'h5', '--if-stale'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    process.stderr.write('Building the H5 apps failed (see above); starting anyway: the apps that did build are served.\n');
  }
}

// The product's part of the local cloud: fresh function bundles and the demo data.
const { buildFunctions } = await import('./build-functions.mjs');
const { seedDemo } = await import('../server/src/seed/demo.ts');
await cli.main(cliArgs, {
  prepareFunctions: async (functionsDir, log) => {
    const rows = await buildFunctions({ functionsDir, ifStale: true });
    const built = rows.filter((r) => r.built).map((r) => r.name);
    if (built.length > 0) log(`[local-cloud] built functions: ${built.join(', ')}`);
  },
  demoSeed: seedDemo,
});
