/**
 * Goal: the functions' settings are made once per data directory from the functions folder's
 * template (random parts fresh each time, nothing else changed), kept there, handed over as
 * compact JSON, and a damaged or malformed file is refused with a reason.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { instantiate, loadFunctionSettings, LOCAL_SETTINGS_FILE } from './function-settings.js';

const root = mkdtempSync(path.join(tmpdir(), 'fn-settings-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folder(settings: unknown): string {
  const dir = mkdtempSync(path.join(root, 'fns-'));
  writeFileSync(path.join(dir, LOCAL_SETTINGS_FILE), JSON.stringify(settings));
  return dir;
}

describe('loadFunctionSettings', () => {
  it('gives nothing when the functions folder asks for nothing', () => {
    expect(loadFunctionSettings(mkdtempSync(path.join(root, 'none-')), mkdtempSync(path.join(root, 'data-')))).toEqual({});
  });

  it('makes each setting once from its template and keeps it in the data directory', () => {
    const fns = folder({ SECRET_DOC: { file: 'secret.json', template: { v: 1, keys: ['{{random-hex:16}}', 'fixed'] } } });
    const data = mkdtempSync(path.join(root, 'data-'));
    const first = loadFunctionSettings(fns, data);
    const doc = JSON.parse(first.SECRET_DOC!) as { v: number; keys: string[] };
    expect(doc.v).toBe(1);
    expect(doc.keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(doc.keys[1]).toBe('fixed');
    expect(JSON.parse(readFileSync(path.join(data, 'secret.json'), 'utf8'))).toEqual(doc);
    expect(statSync(path.join(data, 'secret.json')).mode & 0o777).toBe(0o600);
    expect(loadFunctionSettings(fns, data)).toEqual(first);
  });

  it('refuses a damaged settings value and a malformed settings file, naming what is wrong', () => {
    const fns = folder({ SECRET_DOC: { file: 'secret.json', template: {} } });
    const data = mkdtempSync(path.join(root, 'data-'));
    writeFileSync(path.join(data, 'secret.json'), '{ not json');
    expect(() => loadFunctionSettings(fns, data)).toThrow(/damaged/);
    expect(() => loadFunctionSettings(folder({ lower: { file: 'a.json', template: 1 } }), data)).toThrow(/bad variable name/);
    expect(() => loadFunctionSettings(folder({ A: { file: '../escape.json', template: 1 } }), data)).toThrow(/needs \{ file/);
    expect(() => loadFunctionSettings(folder([]), data)).toThrow(/must be an object/);
  });

  it('fills only whole `{{random-hex:N}}` strings, within limits', () => {
    expect(instantiate({ a: 'x{{random-hex:4}}', b: 3, c: null })).toEqual({ a: 'x{{random-hex:4}}', b: 3, c: null });
    expect(() => instantiate('{{random-hex:0}}')).toThrow(RangeError);
    expect(() => instantiate('{{random-hex:2000}}')).toThrow(RangeError);
  });
});
