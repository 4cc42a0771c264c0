/**
 * The brand's code keys: where they live and how they become a `CodeKeyring`.
 * See docs/codes-and-keys.md for the operating procedure (generation, CloudBase, rotation, leaks).
 *
 * Sources, first match wins:
 *   1. env `CODE_KEYS`: the JSON document below (CloudBase: a function environment variable).
 *   2. `<dataDir>/code-keys.json` (local runtime; created on first use when `createIfMissing`).
 *
 * Document: { "version": 1, "activeSlot": 0, "keys": { "0": "<32 hex digits>", ... } }
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isKeySlot, KEY_SLOTS, makeKeyring, type BlockCipher, type CodeKeyring, type KeySlot } from '@channel-router/shared';
import { AES_KEY_BYTES, createAesBlockCipher } from './node-cipher.js';

export const CODE_KEYS_FILE = 'code-keys.json';
export const CODE_KEYS_ENV = 'CODE_KEYS';

export interface CodeKeysDocument {
  version: 1;
  activeSlot: KeySlot;
  /** Slot → AES-128 key as 32 lower-case hex digits. */
  keys: Partial<Record<`${KeySlot}`, string>>;
}

const HEX_KEY = /^[0-9a-f]{32}$/i;

/** Parses and checks a keys document. Throws with a message naming the problem (configuration error). */
export function parseCodeKeys(json: string): CodeKeysDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    throw new Error('code keys: not valid JSON');
  }
  if (typeof doc !== 'object' || doc === null) throw new Error('code keys: expected an object');
  const o = doc as Record<string, unknown>;
  if (o.version !== 1) throw new Error('code keys: version must be 1');
  if (!isKeySlot(o.activeSlot)) throw new Error('code keys: activeSlot must be 0..3');
  if (typeof o.keys !== 'object' || o.keys === null) throw new Error('code keys: keys must be an object');
  const keys: CodeKeysDocument['keys'] = {};
  for (const [slot, hex] of Object.entries(o.keys as Record<string, unknown>)) {
    if (!isKeySlot(Number(slot)) || String(Number(slot)) !== slot) throw new Error(`code keys: bad slot ${slot}`);
    if (typeof hex !== 'string' || !HEX_KEY.test(hex)) throw new Error(`code keys: slot ${slot} must be 32 hex digits`);
    keys[slot as `${KeySlot}`] = hex.toLowerCase();
  }
  if (keys[`${o.activeSlot}`] === undefined) throw new Error(`code keys: active slot ${o.activeSlot} has no key`);
  const seen = new Set(Object.values(keys));
  if (seen.size !== Object.keys(keys).length) throw new Error('code keys: the same key in two slots');
  return { version: 1, activeSlot: o.activeSlot, keys };
}

export function keyringFromDocument(doc: CodeKeysDocument): CodeKeyring {
  const ciphers: Partial<Record<KeySlot, BlockCipher>> = {};
  for (const s of KEY_SLOTS) {
    const hex = doc.keys[`${s}`];
    if (hex !== undefined) ciphers[s] = createAesBlockCipher(Buffer.from(hex, 'hex'));
  }
  return makeKeyring(doc.activeSlot, ciphers);
}

/** A fresh document with one random key in slot 0. */
export function generateCodeKeys(): CodeKeysDocument {
  return { version: 1, activeSlot: 0, keys: { '0': randomBytes(AES_KEY_BYTES).toString('hex') } };
}

/**
 * Adds a random key in the lowest free slot and makes it active; older slots stay for
 * verification. Throws when all four slots are taken (retiring one is a deliberate act: see docs).
 */
export function rotateCodeKeys(doc: CodeKeysDocument): CodeKeysDocument {
  const free = KEY_SLOTS.find((s) => doc.keys[`${s}`] === undefined);
  if (free === undefined) throw new Error('code keys: all four slots are in use; retire one first (docs/codes-and-keys.md)');
  return { version: 1, activeSlot: free, keys: { ...doc.keys, [`${free}`]: randomBytes(AES_KEY_BYTES).toString('hex') } };
}

/** Writes the document readable by the owner only, atomically (a torn key file would lose the key). */
export function writeCodeKeysFile(dataDir: string, doc: CodeKeysDocument): string {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, CODE_KEYS_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
  chmodSync(path, 0o600);
  return path;
}

export interface LoadCodeKeysOptions {
  /** Defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** Local data directory; defaults to env `DATA_DIR` or `.data`. */
  dataDir?: string;
  /** Local runtime only: generate the key file when neither source exists. */
  createIfMissing?: boolean;
}

/** The keys document from env or data dir (see the module comment), or null when there is none. */
export function readCodeKeys(options: LoadCodeKeysOptions = {}): CodeKeysDocument | null {
  const env = options.env ?? process.env;
  const fromEnv = env[CODE_KEYS_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return parseCodeKeys(fromEnv);
  const path = join(options.dataDir ?? env.DATA_DIR ?? '.data', CODE_KEYS_FILE);
  if (!existsSync(path)) return null;
  return parseCodeKeys(readFileSync(path, 'utf8'));
}

/**
 * The keyring for this process. Throws when no keys are configured and `createIfMissing` is not
 * set: issuing codes under a key nobody else has would print codes no server can verify.
 */
export function loadCodeKeyring(options: LoadCodeKeysOptions = {}): CodeKeyring {
  let doc = readCodeKeys(options);
  if (doc === null) {
    if (options.createIfMissing !== true) {
      throw new Error(`code keys: none configured (set ${CODE_KEYS_ENV} or create <dataDir>/${CODE_KEYS_FILE})`);
    }
    doc = generateCodeKeys();
    const env = options.env ?? process.env;
    writeCodeKeysFile(options.dataDir ?? env.DATA_DIR ?? '.data', doc);
  }
  return keyringFromDocument(doc);
}
