/**
 * Goal: the architectural boundaries in .dependency-cruiser.cjs hold for the repository (so
 * `npm test` enforces them), and the rules really catch a violation: a fixture `shared/` that
 * imports Node built-ins, the CloudBase SDK, a database engine, Taro and server code is reported
 * once per broken rule.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './build-functions.mjs';

const run = promisify(execFile);
const DEPCRUISE = path.join(REPO_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = path.join(REPO_ROOT, '.dependency-cruiser.cjs');
/** The directories `npm run lint:deps` checks (package.json). */
const CHECKED = ['shared', 'server', 'cloudfunctions', 'local-cloud/src'];

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

describe('dependency rules', () => {
  let fixture = '';
  afterAll(() => {
    if (fixture) rmSync(fixture, { recursive: true, force: true });
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
});
