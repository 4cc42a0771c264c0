/**
 * Managing the code keys in a data directory (see docs/codes-and-keys.md):
 *
 *   npm run code-keys -- init    [--dataDir .data]   create the key file (refuses to overwrite)
 *   npm run code-keys -- status  [--dataDir .data]   active slot and slots in use (never the keys)
 *   npm run code-keys -- rotate  [--dataDir .data]   new key in the next free slot, made active
 *   npm run code-keys -- export-env [--dataDir .data] print the CODE_KEYS value for CloudBase
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODE_KEYS_FILE, generateCodeKeys, readCodeKeys, rotateCodeKeys, writeCodeKeysFile } from './code-keys.js';

export function runKeysCommand(
  argv: readonly string[],
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
  },
): number {
  const [command, ...rest] = argv;
  let dataDir = process.env.DATA_DIR ?? '.data';
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--dataDir' && rest[i + 1] !== undefined) dataDir = rest[++i] as string;
    else {
      io.err(`unexpected argument ${rest[i]}`);
      return 2;
    }
  }
  const path = join(dataDir, CODE_KEYS_FILE);
  // Only the data directory: CODE_KEYS from the environment is managed where it is set.
  const doc = existsSync(path) ? readCodeKeys({ dataDir, env: {} }) : null;
  switch (command) {
    case 'init':
      if (doc !== null) {
        io.err(`${path} exists; refusing to replace keys that printed codes depend on`);
        return 1;
      }
      writeCodeKeysFile(dataDir, generateCodeKeys());
      io.out(`created ${path} (slot 0 active)`);
      return 0;
    case 'status':
    case 'rotate':
    case 'export-env': {
      if (doc === null) {
        io.err(`no key file at ${path}; run init first`);
        return 1;
      }
      if (command === 'status') {
        io.out(`active slot ${doc.activeSlot}; slots with keys: ${Object.keys(doc.keys).sort().join(', ')}`);
      } else if (command === 'rotate') {
        const next = rotateCodeKeys(doc);
        writeCodeKeysFile(dataDir, next);
        io.out(`slot ${next.activeSlot} is now active; older slots still verify`);
      } else {
        io.out(JSON.stringify(doc));
      }
      return 0;
    }
    default:
      io.err('usage: code-keys (init | status | rotate | export-env) [--dataDir dir]');
      return 2;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = runKeysCommand(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
