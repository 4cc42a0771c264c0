/**
 * Goal: every action is present everywhere it must be, and nowhere else. For each function the
 * contract declares (shared/src/api/functions/): a server implementation in
 * server/src/functions/<fn>.ts that serves exactly the declared actions, a cloud function folder
 * cloudfunctions/<fn>/ exporting it, and an entry in cloudbaserc.json; no server function, folder
 * or entry without a declaration; and every declared action has a request schema, callers, a
 * retry class and error codes with words a person can read.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  APP_NAMES,
  FUNCTION_ACTIONS,
  FUNCTION_NAMES,
  FUNCTIONS,
  RETRY_CLASSES,
  possibleErrors,
  type ActionDecl,
} from '@channel-router/shared';
import { ERROR_MESSAGES, userMessage } from '@channel-router/shared/src/client/messages.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const here = path.join(REPO_ROOT, 'server', 'src', 'functions');

function serverFunctionFiles(): string[] {
  return readdirSync(here)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

describe('the contract and the server agree', () => {
  it('declares at least the five functions of the product, each with actions', () => {
    expect(FUNCTION_NAMES).toEqual(expect.arrayContaining(['channel', 'codes', 'scan', 'wallet', 'report']));
    for (const fn of FUNCTION_NAMES) expect(FUNCTION_ACTIONS[fn].length, fn).toBeGreaterThan(0);
  });

  it('has a server function for every declared function and none without a declaration', () => {
    expect(serverFunctionFiles()).toEqual([...FUNCTION_NAMES].sort());
  });

  for (const fn of FUNCTION_NAMES) {
    it(`${fn}: the server implements exactly the declared actions`, async () => {
      const mod = (await import(/* @vite-ignore */ pathToFileURL(path.join(here, `${fn}.ts`)).href)) as Record<string, unknown>;
      const defined = Object.values(mod).filter((v) => typeof v === 'function' && (v as { functionName?: unknown }).functionName === fn);
      expect(defined, `server/src/functions/${fn}.ts must export one defineFunction('${fn}', ...)`).toHaveLength(1);
      expect([...(defined[0] as unknown as { actions: string[] }).actions].sort()).toEqual([...FUNCTION_ACTIONS[fn]].sort());
    });
  }

  it('has a cloud function folder and a cloudbaserc.json entry for every declared function, and no others', () => {
    const dirs = readdirSync(path.join(REPO_ROOT, 'cloudfunctions'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(REPO_ROOT, 'cloudfunctions', d.name, 'src', 'index.ts')))
      .map((d) => d.name)
      .sort();
    expect(dirs).toEqual([...FUNCTION_NAMES].sort());
    for (const fn of FUNCTION_NAMES) {
      const entry = readFileSync(path.join(REPO_ROOT, 'cloudfunctions', fn, 'src', 'index.ts'), 'utf8');
      expect(entry, `cloudfunctions/${fn}/src/index.ts`).toMatch(new RegExp(`from '@channel-router/server/functions/${fn}'`));
    }
    const rc = JSON.parse(readFileSync(path.join(REPO_ROOT, 'cloudbaserc.json'), 'utf8')) as { functions: Array<{ name: string }> };
    expect(rc.functions.map((f) => f.name).sort()).toEqual([...FUNCTION_NAMES].sort());
  });
});

describe('every declaration is complete', () => {
  const all = Object.entries(FUNCTIONS).flatMap(([fn, actions]) => Object.entries(actions).map(([a, d]) => [`${fn}.${a}`, d as ActionDecl] as const));

  it('covers every action of FUNCTION_ACTIONS', () => {
    expect(all.map(([k]) => k).sort()).toEqual(Object.entries(FUNCTION_ACTIONS).flatMap(([fn, as]) => as.map((a) => `${fn}.${a}`)).sort());
  });

  it('gives each action a schema, callers, apps, a retry class and error codes with Chinese words', () => {
    for (const [key, d] of all) {
      expect(typeof d.schema.parse, `${key}: schema`).toBe('function');
      expect(d.who.length, `${key}: who`).toBeGreaterThan(3);
      expect(['public', 'signed-in'], `${key}: access`).toContain(d.access);
      if (d.apps !== 'any') for (const app of d.apps) expect(APP_NAMES, `${key}: apps`).toContain(app);
      expect(RETRY_CLASSES, `${key}: retry`).toContain(d.retry);
      expect(Array.isArray(d.errors), `${key}: errors`).toBe(true);
      for (const code of possibleErrors(d)) {
        const words = userMessage(code, key);
        expect(words, `${key}: words for ${code}`).toMatch(/[\u4e00-\u9fff]/);
        expect(words).not.toContain(code);
      }
      for (const [code, words] of Object.entries(d.words ?? {})) {
        expect(possibleErrors(d).has(code as never), `${key}: words for ${code}, which it does not answer`).toBe(true);
        expect(words, `${key}: its own words for ${code}`).not.toBe(ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES]);
      }
    }
  });

  it('a request schema refuses a non-object, naming no field, for every action', () => {
    for (const [key, d] of all) {
      const r = d.schema.parse('not an object', '');
      expect(r.ok, key).toBe(false);
    }
  });
});
