/**
 * Function settings: the environment variables CloudBase hands every function from its settings
 * (the console, or `envVariables` in cloudbaserc.json), such as the brand's code keys. The local
 * cloud knows nothing of what they mean: the functions folder says which it needs, in
 * `<functionsDir>/local-settings.json`, and the local cloud makes each one once per data
 * directory from a template, keeps it there (mode 0600) and hands it to every function.
 *
 *   { "CODE_KEYS": { "file": "code-keys.json", "template": { "keys": { "0": "{{random-hex:32}}" } } } }
 *
 * `file` is where the value lives in the data directory (a tool run beside the local cloud, such
 * as the print command, reads it there); `template` is JSON in which every string
 * `{{random-hex:N}}` becomes N random bytes in hex. The variable is the file's JSON, compact.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const LOCAL_SETTINGS_FILE = 'local-settings.json';

/** Settings are a few variables; more is a mistake in the file. */
const MAX_SETTINGS = 32;
const MAX_RANDOM_BYTES = 1024;
const NAME = /^[A-Z][A-Z0-9_]{0,63}$/;
const FILE = /^[a-z0-9][a-z0-9._-]{0,63}\.json$/;
const RANDOM = /^\{\{random-hex:(\d{1,4})\}\}$/;

interface Setting {
  file: string;
  template: unknown;
}

function parseSettings(raw: unknown, where: string): Map<string, Setting> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${where}: must be an object`);
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > MAX_SETTINGS) throw new Error(`${where}: at most ${MAX_SETTINGS} settings`);
  const out = new Map<string, Setting>();
  for (const [name, value] of entries) {
    const s = value as Partial<Setting> | null;
    if (!NAME.test(name)) throw new Error(`${where}: bad variable name ${JSON.stringify(name)}`);
    if (typeof s !== 'object' || s === null || typeof s.file !== 'string' || !FILE.test(s.file) || s.template === undefined) {
      throw new Error(`${where}: ${name} needs { file: "<name>.json", template }`);
    }
    out.set(name, { file: s.file, template: s.template });
  }
  return out;
}

/** The template with every `{{random-hex:N}}` string replaced by fresh random bytes. */
export function instantiate(template: unknown): unknown {
  if (typeof template === 'string') {
    const m = RANDOM.exec(template);
    if (m === null) return template;
    const n = Number(m[1]);
    if (n < 1 || n > MAX_RANDOM_BYTES) throw new RangeError(`random-hex:${n}: 1..${MAX_RANDOM_BYTES} bytes`);
    return randomBytes(n).toString('hex');
  }
  if (Array.isArray(template)) return template.map(instantiate);
  if (typeof template === 'object' && template !== null) {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, instantiate(v)]));
  }
  return template;
}

/** Writes `value` to `file` unless it exists: atomic, and of two racing processes the first wins. */
function createOnce(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(tmp);
  }
}

/**
 * The settings the functions in `functionsDir` ask for, as environment variables, made on first
 * use and kept in `dataDir`. No settings file: no variables.
 */
export function loadFunctionSettings(functionsDir: string, dataDir: string): Record<string, string> {
  const settingsFile = path.join(functionsDir, LOCAL_SETTINGS_FILE);
  if (!existsSync(settingsFile)) return {};
  const settings = parseSettings(JSON.parse(readFileSync(settingsFile, 'utf8')), settingsFile);
  mkdirSync(dataDir, { recursive: true });
  const env: Record<string, string> = {};
  for (const [name, s] of settings) {
    const file = path.join(dataDir, s.file);
    if (!existsSync(file)) createOnce(file, instantiate(s.template));
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      throw new Error(`${file} is damaged; delete it to make a new ${name}`);
    }
    env[name] = JSON.stringify(value);
  }
  return env;
}
