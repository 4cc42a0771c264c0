import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeCode, verifyCode } from '@channel-router/shared';
import {
  CODE_KEYS_FILE,
  generateCodeKeys,
  keyringFromDocument,
  loadCodeKeyring,
  parseCodeKeys,
  readCodeKeys,
  rotateCodeKeys,
  writeCodeKeysFile,
} from './code-keys.js';

const dir = mkdtempSync(join(tmpdir(), 'code-keys-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('code keys document', () => {
  it('parses a valid document and rejects broken ones with a reason', () => {
    const doc = generateCodeKeys();
    expect(parseCodeKeys(JSON.stringify(doc))).toEqual(doc);
    const bad: Array<[string, RegExp]> = [
      ['nope', /JSON/],
      ['{"version":2,"activeSlot":0,"keys":{}}', /version/],
      ['{"version":1,"activeSlot":4,"keys":{}}', /activeSlot/],
      ['{"version":1,"activeSlot":1,"keys":{"0":"00112233445566778899aabbccddeeff"}}', /active slot 1/],
      ['{"version":1,"activeSlot":0,"keys":{"0":"0011"}}', /32 hex/],
      ['{"version":1,"activeSlot":0,"keys":{"0":"00112233445566778899aabbccddeeff","5":"00112233445566778899aabbccddeeff"}}', /bad slot/],
      ['{"version":1,"activeSlot":0,"keys":{"0":"00112233445566778899aabbccddeeff","1":"00112233445566778899AABBCCDDEEFF"}}', /same key/],
    ];
    for (const [json, reason] of bad) expect(() => parseCodeKeys(json), json).toThrow(reason);
  });

  it('rotates into the next free slot; old codes keep verifying, new codes use the new slot', () => {
    const v1 = generateCodeKeys();
    const v2 = rotateCodeKeys(v1);
    expect(v2.activeSlot).toBe(1);
    expect(v2.keys['0']).toBe(v1.keys['0']);
    const old = encodeCode({ batchNo: 1, level: 'item', kind: 'visible', index: 0 }, keyringFromDocument(v1));
    const kr2 = keyringFromDocument(v2);
    expect(verifyCode(old, kr2).ok).toBe(true);
    const fresh = encodeCode({ batchNo: 2, level: 'item', kind: 'visible', index: 0 }, kr2);
    const r = verifyCode(fresh, kr2);
    expect(r.ok && r.data.keySlot).toBe(1);
    const full = rotateCodeKeys(rotateCodeKeys(v2));
    expect(full.activeSlot).toBe(3);
    expect(() => rotateCodeKeys(full)).toThrow(/all four slots/);
  });
});

describe('loading keys', () => {
  it('prefers env CODE_KEYS over the data directory', () => {
    const fileDoc = generateCodeKeys();
    const envDoc = generateCodeKeys();
    writeCodeKeysFile(dir, fileDoc);
    expect(readCodeKeys({ dataDir: dir, env: { CODE_KEYS: JSON.stringify(envDoc) } })).toEqual(envDoc);
    expect(readCodeKeys({ dataDir: dir, env: {} })).toEqual(fileDoc);
    expect(readCodeKeys({ env: { DATA_DIR: dir } })).toEqual(fileDoc);
  });

  it('writes the key file readable by its owner only', () => {
    const sub = join(dir, 'perm');
    const path = writeCodeKeysFile(sub, generateCodeKeys());
    expect(path).toBe(join(sub, CODE_KEYS_FILE));
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('creates keys on first use only when asked, and reuses them afterwards', () => {
    const fresh = join(dir, 'fresh');
    expect(() => loadCodeKeyring({ dataDir: fresh, env: {} })).toThrow(/none configured/);
    const kr1 = loadCodeKeyring({ dataDir: fresh, env: {}, createIfMissing: true });
    const saved = readFileSync(join(fresh, CODE_KEYS_FILE), 'utf8');
    const kr2 = loadCodeKeyring({ dataDir: fresh, env: {}, createIfMissing: true });
    expect(readFileSync(join(fresh, CODE_KEYS_FILE), 'utf8')).toBe(saved);
    const code = encodeCode({ batchNo: 1, level: 'box', kind: 'visible', index: 3 }, kr1);
    expect(verifyCode(code, kr2).ok).toBe(true);
  });

  it('fails loudly on a corrupt key file instead of generating a new key', () => {
    const broken = join(dir, 'broken');
    writeCodeKeysFile(broken, generateCodeKeys());
    writeFileSync(join(broken, CODE_KEYS_FILE), '{"version":1');
    expect(() => loadCodeKeyring({ dataDir: broken, env: {}, createIfMissing: true })).toThrow(/JSON/);
  });
});

describe('code-keys command', async () => {
  const { runKeysCommand } = await import('./keys-command.js');
  it('initialises once, reports status without keys, rotates and exports', () => {
    const d = join(dir, 'cmd');
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
    expect(runKeysCommand(['status', '--dataDir', d], io)).toBe(1);
    expect(runKeysCommand(['init', '--dataDir', d], io)).toBe(0);
    expect(runKeysCommand(['init', '--dataDir', d], io)).toBe(1);
    expect(err.at(-1)).toContain('refusing');
    const before = readCodeKeys({ dataDir: d, env: {} })!;
    expect(runKeysCommand(['status', '--dataDir', d], io)).toBe(0);
    expect(out.at(-1)).toBe('active slot 0; slots with keys: 0');
    expect(out.join('\n')).not.toContain(before.keys['0']!);
    expect(runKeysCommand(['rotate', '--dataDir', d], io)).toBe(0);
    const after = readCodeKeys({ dataDir: d, env: {} })!;
    expect(after.activeSlot).toBe(1);
    expect(after.keys['0']).toBe(before.keys['0']);
    expect(runKeysCommand(['export-env', '--dataDir', d], io)).toBe(0);
    expect(parseCodeKeys(out.at(-1)!)).toEqual(after);
    expect(runKeysCommand(['bogus'], io)).toBe(2);
    expect(runKeysCommand(['status', '--x'], io)).toBe(2);
  });
});

describe('code keys of the local cloud', () => {
  it('the functions folder asks the local cloud for a code keys document this module accepts, kept where the print command reads it', async () => {
    // The local cloud makes CODE_KEYS from cloudfunctions/local-settings.json without knowing
    // what it is: this proves the template there is a valid document, and file and variable agree.
    const { loadFunctionSettings } = await import('../../../local-cloud/src/function-settings.js');
    const functionsDir = join(import.meta.dirname, '..', '..', '..', 'cloudfunctions');
    const dataDir = mkdtempSync(join(dir, 'local-'));
    const env = loadFunctionSettings(functionsDir, dataDir);
    const doc = parseCodeKeys(env.CODE_KEYS!);
    expect(Object.keys(doc.keys)).toEqual(['0']);
    expect(readCodeKeys({ dataDir, env: {} })).toEqual(doc);
    expect(() => keyringFromDocument(doc)).not.toThrow();
    // Made once: a second start sees the same keys; another data directory gets other keys.
    expect(loadFunctionSettings(functionsDir, dataDir).CODE_KEYS).toBe(env.CODE_KEYS);
    expect(loadFunctionSettings(functionsDir, mkdtempSync(join(dir, 'other-'))).CODE_KEYS).not.toBe(env.CODE_KEYS);
  });
});
