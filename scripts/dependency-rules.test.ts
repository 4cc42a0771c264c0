/**
 * Goal: the architectural boundaries in .dependency-cruiser.cjs hold for the repository (so
 * `npm test` enforces them), and the rules really catch a violation: a fixture `shared/` that
 * imports Node built-ins, the CloudBase SDK, a database engine, Taro and server code is reported
 * once per broken rule; fixture apps, kit and local cloud that reach across their boundaries
 * (a relative path into another package, the server, another app, a deep path that does not
 * resolve; the kit into an app; the local cloud into the server and scripts) are reported too,
 * while their imports within their own package are not.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from './build-functions.mjs';

const run = promisify(execFile);
/**
 * A cruise of the whole repository (apps included) takes seconds alone, and several times as long
 * on a machine shared with other test files: these tests are about the rules, not the speed.
 */
const CRUISE_TIMEOUT_MS = 300_000;
const DEPCRUISE = path.join(REPO_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = path.join(REPO_ROOT, '.dependency-cruiser.cjs');
/** The directories `npm run lint:deps` checks (package.json). */
const CHECKED = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['lint:deps']!
  .split(' ')
  .slice(3);

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** Runs depcruise as `npm run lint:deps` does, with JSON output; returns the violations. */
async function cruise(cwd: string, targets: string[]): Promise<Violation[]> {
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, [DEPCRUISE, '--config', CONFIG, '-T', 'json', ...targets], { cwd, maxBuffer: 64 * 1024 * 1024 }));
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    if (!err.stdout) throw new Error(`depcruise failed: ${err.stderr ?? String(e)}`);
    stdout = err.stdout;
  }
  return JSON.parse(stdout).summary.violations;
}

vi.setConfig({ testTimeout: CRUISE_TIMEOUT_MS });

describe('dependency rules', () => {
  let fixture = '';
  let front = '';
  afterAll(() => {
    if (fixture) rmSync(fixture, { recursive: true, force: true });
    if (front) rmSync(front, { recursive: true, force: true });
  });

  it('check every package of the front (apps and kit) and the local cloud', () => {
    expect(CHECKED).toEqual(expect.arrayContaining(['shared', 'server', 'local-cloud/src', 'ui/src', 'miniprogram-admin/src', 'miniprogram-consumer/src']));
  });

  it('hold for the repository', async () => {
    const targets = CHECKED.filter((d) => existsSync(path.join(REPO_ROOT, d)));
    const violations = await cruise(REPO_ROOT, targets);
    expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  it('catch a shared/ module that imports platform code', async () => {
    // Inside the repository (under the ignored .cache/) so that packages resolve as they would in shared/.
    mkdirSync(path.join(REPO_ROOT, '.cache'), { recursive: true });
    fixture = mkdtempSync(path.join(REPO_ROOT, '.cache', 'depcruise-fixture-'));
    mkdirSync(path.join(fixture, 'shared', 'src'), { recursive: true });
    mkdirSync(path.join(fixture, 'server', 'src'), { recursive: true });
    writeFileSync(path.join(fixture, 'server', 'src', 'store.ts'), 'export const store = 1;\n');
    writeFileSync(
      path.join(fixture, 'shared', 'src', 'leaky.ts'),
      [
        "import { readFileSync } from 'node:fs';",
        "import http from 'http';",
        "import tcb from '@cloudbase/node-sdk';",
        "import Database from 'better-sqlite3';",
        "import Taro from '@tarojs/taro';",
        "import { store } from '../../server/src/store.js';",
        'export const all = [readFileSync, http, tcb, Database, Taro, store];',
        '',
      ].join('\n'),
    );
    writeFileSync(path.join(fixture, 'shared', 'src', 'leaky.test.ts'), "import http from 'node:http';\nexport const h = http;\n");

    const violations = await cruise(fixture, ['shared']);
    const found = violations.map((v) => `${v.rule.name} ${v.to}`);
    const has = (rule: string, to: RegExp) => found.some((f) => f.startsWith(`${rule} `) && to.test(f));
    expect(has('shared-no-node-builtins', /\bfs$/)).toBe(true);
    expect(has('shared-no-node-builtins', /\bhttp$/)).toBe(true);
    expect(has('shared-no-platform-packages', /@cloudbase\/node-sdk/)).toBe(true);
    expect(has('shared-no-platform-packages', /better-sqlite3/)).toBe(true);
    expect(has('shared-no-platform-packages', /@tarojs\/taro/)).toBe(true);
    expect(has('shared-no-outer-layers', /server\/src\/store\.ts$/)).toBe(true);
    // A test file beside the code may use Node built-ins.
    expect(violations.some((v) => v.from.endsWith('leaky.test.ts'))).toBe(false);
  });

  it('catch apps, the kit and the local cloud reaching across their boundaries', async () => {
    mkdirSync(path.join(REPO_ROOT, '.cache'), { recursive: true });
    front = mkdtempSync(path.join(REPO_ROOT, '.cache', 'depcruise-front-'));
    const file = (rel: string, lines: string[]) => {
      mkdirSync(path.dirname(path.join(front, rel)), { recursive: true });
      writeFileSync(path.join(front, rel), `${lines.join('\n')}\n`);
    };
    file('shared/src/money.ts', ['export const fen = 1;']);
    file('server/src/store.ts', ['export const store = 1;']);
    file('scripts/tool.ts', ['export const tool = 1;']);
    file('miniprogram-b/src/other.ts', ['export const other = 1;']);
    file('miniprogram-a/src/own.ts', ['export const own = 1;']);
    file('miniprogram-a/src/page.ts', [
      "import { own } from './own.js';",
      "import { fen } from '../../shared/src/money.js';",
      "import { store } from '../../server/src/store.js';",
      "import { other } from '../../miniprogram-b/src/other.js';",
      "import { nothing } from '@channel-router/shared/src/no-such-module.js';",
      'export const all = [own, fen, store, other, nothing];',
    ]);
    file('ui/src/kit.ts', ["import { other } from '../../miniprogram-b/src/other.js';", 'export const k = other;']);
    file('local-cloud/src/cloud.ts', [
      "import { store } from '../../server/src/store.js';",
      "import { tool } from '../../scripts/tool.js';",
      'export const c = [store, tool];',
    ]);

    const violations = await cruise(front, ['miniprogram-a/src', 'ui/src', 'local-cloud/src']);
    const found = violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    const has = (rule: string, from: string, to: RegExp) => found.some((f) => f.startsWith(`${rule}: ${from} → `) && to.test(f));
    expect(has('front-packages-by-name', 'miniprogram-a/src/page.ts', /shared\/src\/money\.ts$/), found.join('\n')).toBe(true);
    expect(has('front-no-backend', 'miniprogram-a/src/page.ts', /server\/src\/store\.ts$/)).toBe(true);
    expect(has('apps-not-each-other', 'miniprogram-a/src/page.ts', /miniprogram-b\/src\/other\.ts$/)).toBe(true);
    expect(has('front-resolvable', 'miniprogram-a/src/page.ts', /no-such-module/)).toBe(true);
    expect(has('kit-not-apps', 'ui/src/kit.ts', /miniprogram-b\/src\/other\.ts$/)).toBe(true);
    expect(has('local-cloud-no-product', 'local-cloud/src/cloud.ts', /server\/src\/store\.ts$/)).toBe(true);
    expect(has('local-cloud-no-product', 'local-cloud/src/cloud.ts', /scripts\/tool\.ts$/)).toBe(true);
    // An app's imports of its own modules break no rule.
    expect(found.filter((f) => f.endsWith('miniprogram-a/src/own.ts'))).toEqual([]);
  });
});
