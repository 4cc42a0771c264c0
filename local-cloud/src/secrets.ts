/**
 * Secrets of one local cloud, kept in its data directory (mode 0600):
 * - the key that signs gateway sign-in tokens;
 * - the credentials `/tcb` accepts and the functions sign with: `TENCENTCLOUD_SECRETID` /
 *   `TENCENTCLOUD_SECRETKEY` from the environment when both are set, else a generated pair.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SECRETS_FILE = 'local-secrets.json';

export interface LocalCredentials {
  secretId: string;
  secretKey: string;
}

export interface LocalSecrets {
  tokenSecret: Buffer;
  credentials: LocalCredentials;
}

interface Stored {
  tokenSecret: string;
  secretId: string;
  secretKey: string;
}

function isStored(v: unknown): v is Stored {
  const s = v as Stored;
  return (
    typeof v === 'object' && v !== null &&
    typeof s.tokenSecret === 'string' && /^[0-9a-f]{64}$/.test(s.tokenSecret) &&
    typeof s.secretId === 'string' && s.secretId.length > 0 &&
    typeof s.secretKey === 'string' && s.secretKey.length > 0
  );
}

function generate(): Stored {
  return {
    tokenSecret: randomBytes(32).toString('hex'),
    secretId: `AKIDlocal${randomBytes(12).toString('hex')}`,
    secretKey: randomBytes(24).toString('base64url'),
  };
}

/** Reads the data directory's secrets, creating them on first use. */
export function loadLocalSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): LocalSecrets {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SECRETS_FILE);
  if (!existsSync(file)) {
    // Complete file first, then link: atomic, and if two processes race, the first one wins and
    // both read the same secrets below.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(generate(), null, 2)}\n`, { mode: 0o600 });
    try {
      linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      unlinkSync(tmp);
    }
  }
  const stored: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isStored(stored)) throw new Error(`${file} is damaged; delete it to generate new local secrets`);
  const fromEnv = env.TENCENTCLOUD_SECRETID && env.TENCENTCLOUD_SECRETKEY;
  return {
    tokenSecret: Buffer.from(stored.tokenSecret, 'hex'),
    credentials: fromEnv
      ? { secretId: env.TENCENTCLOUD_SECRETID!, secretKey: env.TENCENTCLOUD_SECRETKEY! }
      : { secretId: stored.secretId, secretKey: stored.secretKey },
  };
}
