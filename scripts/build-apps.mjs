#!/usr/bin/env node
/**
 * Builds the four mini-programs for one platform: `node scripts/build-apps.mjs --platform h5`
 * (root `npm run build:h5` / `build:weapp`). Two builds run at a time (CI has two cores; one Taro
 * build keeps about one core busy), and a summary shows each app's time and size:
 * weapp — the main package (limit 600 KB, enforced: ordering pages live in subpackages, 分包) and
 * each subpackage's size; h5 — the first-load JS and CSS, gzipped (what index.html loads before
 * the first screen). Each summary also shows the other platform's figure when its output exists.
 *
 * Options: `--platform weapp|h5` (required), `--jobs N`, `--if-stale` (skip apps whose output is
 * newer than every source it is built from), then app names (default: all four).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const APPS = ['admin', 'dealer', 'terminal', 'consumer'];
export const PLATFORMS = ['weapp', 'h5'];
/**
 * WeChat's limit for a main package is 2 MB (and 20 MB for all packages); ours is 600 KB: what a
 * person opens first downloads fast on a weak network, and screens that not everyone uses
 * (ordering) go to subpackages (分包), downloaded when first opened.
 */
export const WEAPP_MAIN_PACKAGE_LIMIT_BYTES = 600 * 1024;
/** WeChat's own limit for one subpackage. */
export const WEAPP_SUBPACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;
/** A build that takes longer than this is stuck (a normal one takes under two minutes). */
const BUILD_TIMEOUT_MS = 15 * 60 * 1000;
const MAX_SCANNED_FILES = 20_000;

export function appDir(app) {
  return path.join(REPO_ROOT, `miniprogram-${app}`);
}

export function outputDir(app, platform) {
  return path.join(appDir(app), 'dist', platform);
}

/** The file a finished build always writes last-ish; its age stands for the build's. */
function outputStamp(app, platform) {
  return path.join(outputDir(app, platform), platform === 'h5' ? 'index.html' : 'app.json');
}

/** Newest modification time among the files a build reads (tests excluded). */
function newestSourceMtime(app) {
  const roots = [
    path.join(appDir(app), 'src'),
    path.join(appDir(app), 'config'),
    path.join(appDir(app), 'babel.config.js'),
    path.join(appDir(app), 'project.config.json'),
    path.join(appDir(app), 'package.json'),
    path.join(REPO_ROOT, 'ui', 'src'),
    path.join(REPO_ROOT, 'ui', 'build'),
    path.join(REPO_ROOT, 'shared', 'src'),
  ];
  let newest = 0;
  let seen = 0;
  const visit = (p) => {
    if (++seen > MAX_SCANNED_FILES) throw new Error(`newestSourceMtime: more than ${MAX_SCANNED_FILES} files under the sources`);
    const st = statSync(p, { throwIfNoEntry: false });
    if (st === undefined) return;
    if (st.isDirectory()) {
      for (const e of readdirSync(p)) if (e !== 'node_modules' && e !== 'dist') visit(path.join(p, e));
    } else if (!/\.test\.tsx?$/.test(p)) {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const r of roots) visit(r);
  return newest;
}

export function isStale(app, platform) {
  const stamp = statSync(outputStamp(app, platform), { throwIfNoEntry: false });
  return stamp === undefined || stamp.mtimeMs < newestSourceMtime(app);
}

function dirSize(dir) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? dirSize(p) : statSync(p).size;
  }
  return total;
}

/** The subpackage roots app.json declares (`packages/order`), without a trailing slash. */
export function weappSubpackageRoots(app) {
  const appJson = JSON.parse(readFileSync(path.join(outputDir(app, 'weapp'), 'app.json'), 'utf8'));
  return (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => String(s.root).replace(/\/+$/, ''));
}

/**
 * The weapp main package: everything in the output except the subpackage roots and
 * `project.config.json`, which the developer tools read but do not upload. A root may be nested
 * (`packages/order`): its parent folder counts only for what is outside every root.
 */
export function weappMainPackageBytes(app) {
  const dir = outputDir(app, 'weapp');
  const subRoots = new Set(weappSubpackageRoots(app));
  const visit = (rel) => {
    let total = 0;
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (subRoots.has(r) || (rel === '' && (e.name === 'project.config.json' || e.name === '.build-info'))) continue;
      total += e.isDirectory() ? visit(r) : statSync(path.join(dir, r)).size;
    }
    return total;
  };
  return visit('');
}

/** Each subpackage's size in bytes, by root. */
export function weappSubpackageBytes(app) {
  const dir = outputDir(app, 'weapp');
  return Object.fromEntries(weappSubpackageRoots(app).map((root) => {
    const p = path.join(dir, root);
    return [root, existsSync(p) ? dirSize(p) : 0];
  }));
}

/** JS and CSS that index.html loads before the first screen, raw and gzipped. */
export function h5FirstLoad(app) {
  const dir = outputDir(app, 'h5');
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="\/[a-z]+\/([^"]+)"/g)].map((m) => m[1]);
  let raw = 0;
  let gzip = 0;
  let js_gzip = 0;
  for (const ref of refs) {
    const body = readFileSync(path.join(dir, ref));
    const gz = gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gzip += gz;
    if (ref.endsWith('.js')) js_gzip += gz;
  }
  return { files: refs, raw, gzip, js_gzip };
}

/** Runs `taro build --type <platform>` in the app's folder. Resolves with the time taken. */
export function buildApp(app, platform, { quiet = false } = {}) {
  if (!APPS.includes(app)) throw new Error(`unknown app ${app}`);
  if (!PLATFORMS.includes(platform)) throw new Error(`unknown platform ${platform}`);
  const started = Date.now();
  const taro = path.join(REPO_ROOT, 'node_modules', '.bin', 'taro');
  return new Promise((resolve, reject) => {
    const child = spawn(taro, ['build', '--type', platform, '--no-check'], {
      cwd: appDir(app),
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGTERM'), BUILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // Taro exits 0 even when webpack reports errors in some versions: check the output exists.
      if (code === 0 && existsSync(outputStamp(app, platform)) && !/✖ Errors:/.test(output)) {
        resolve(Date.now() - started);
      } else {
        reject(new Error(`taro build --type ${platform} for ${app} failed (exit ${code ?? signal})\n${output}`));
      }
    });
  });
}

/** Runs `tasks` with at most `jobs` at a time; rejects with the first failure after all settle. */
async function pool(tasks, jobs) {
  const results = new Array(tasks.length);
  let next = 0;
  const errors = [];
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      try {
        results[i] = await tasks[i]();
      } catch (e) {
        errors.push(e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
  if (errors.length > 0) throw errors[0];
  return results;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function main(argv) {
  let platform;
  let jobs = Math.max(1, Math.min(2, os.availableParallelism?.() ?? os.cpus().length));
  let ifStale = false;
  const apps = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--platform') platform = argv[++i];
    else if (a === '--jobs') jobs = Number(argv[++i]);
    else if (a === '--if-stale') ifStale = true;
    else if (APPS.includes(a)) apps.push(a);
    else throw new Error(`build-apps: unknown argument ${a}`);
  }
  if (!PLATFORMS.includes(platform)) throw new Error('build-apps: --platform weapp|h5 is required');
  if (!(Number.isInteger(jobs) && jobs >= 1 && jobs <= 8)) throw new Error('build-apps: --jobs must be 1..8');
  const selected = apps.length > 0 ? apps : APPS;
  const todo = ifStale ? selected.filter((a) => isStale(a, platform)) : selected;
  const started = Date.now();
  const times = {};
  await pool(
    todo.map((app) => async () => {
      process.stdout.write(`building ${app} (${platform})…\n`);
      times[app] = await buildApp(app, platform, { quiet: true });
      process.stdout.write(`built ${app} (${platform}) in ${(times[app] / 1000).toFixed(1)} s\n`);
    }),
    jobs,
  );
  const rows = [];
  let tooBig = [];
  for (const app of selected) {
    const t = times[app] === undefined ? 'up to date' : `${(times[app] / 1000).toFixed(1)} s`;
    const h5Built = existsSync(path.join(outputDir(app, 'h5'), 'index.html'));
    const weappBuilt = existsSync(path.join(outputDir(app, 'weapp'), 'app.json'));
    const h5Text = () => {
      const f = h5FirstLoad(app);
      return `first load ${kb(f.raw)} (gzip ${kb(f.gzip)}, of which JS ${kb(f.js_gzip)})`;
    };
    const weappText = () => {
      const bytes = weappMainPackageBytes(app);
      const subs = Object.entries(weappSubpackageBytes(app));
      for (const [root, n] of subs) if (n > WEAPP_SUBPACKAGE_LIMIT_BYTES) tooBig.push(`${app}:${root}`);
      return { bytes, text: `main package ${kb(bytes)} (limit ${kb(WEAPP_MAIN_PACKAGE_LIMIT_BYTES)})${subs.map(([root, n]) => `; subpackage ${root} ${kb(n)}`).join('')}` };
    };
    if (platform === 'weapp') {
      const w = weappText();
      if (w.bytes > WEAPP_MAIN_PACKAGE_LIMIT_BYTES) tooBig.push(app);
      rows.push(`${app.padEnd(9)} ${t.padEnd(11)} ${w.text}${h5Built ? `\n${''.padEnd(21)} h5 (last build) ${h5Text()}` : ''}`);
    } else {
      rows.push(`${app.padEnd(9)} ${t.padEnd(11)} ${h5Text()}${weappBuilt ? `\n${''.padEnd(21)} weapp (last build) ${weappText().text}` : ''}`);
    }
  }
  process.stdout.write(`\n${platform} builds, ${jobs} at a time, ${((Date.now() - started) / 1000).toFixed(1)} s in all:\n${rows.join('\n')}\n`);
  if (tooBig.length > 0) {
    throw new Error(`weapp package over its limit (main ${kb(WEAPP_MAIN_PACKAGE_LIMIT_BYTES)}, subpackage ${kb(WEAPP_SUBPACKAGE_LIMIT_BYTES)}): ${tooBig.join(', ')}`);
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
