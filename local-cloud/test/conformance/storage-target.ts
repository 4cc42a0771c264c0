/**
 * Where the storage conformance suite runs (see target.ts, which chooses): a real CloudBase
 * environment's storage when TCB_ENV and credentials are set, otherwise the local storage server
 * on a temporary data directory. Either way the suite uses only the real @cloudbase/node-sdk and
 * plain HTTP on the URLs it hands out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { afterAll, beforeAll, describe } from 'vitest';
import { startStorageServer, type StorageServer } from '../../src/storage/standalone.js';
import { TARGET, type TargetKind } from './target.js';

// The SDK's typings are loose; the suite uses the storage API only.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type App = any;

export interface StorageTarget {
  kind: TargetKind;
  app: App;
  /** An app whose requests are signed with a wrong secret key. */
  forgedApp(): App;
  /** Returns once `expires_s` (seconds since 1970) has passed for the target: the local clock is moved, the cloud is waited for. */
  passTime(expires_s: number): Promise<void>;
  /** The local server (null for the cloud), for checks only the local storage can make. */
  local: StorageServer | null;
  /** Prefix of this run's cloud paths, so runs never collide and cleanup finds them. */
  prefix: string;
}

async function openLocal(): Promise<{ target: StorageTarget; close(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lc-storage-conformance-'));
  let offset_s = 0;
  const now_s = () => Math.floor(Date.now() / 1000) + offset_s;
  const server = await startStorageServer({ dataDir, now_s });
  const init = (secretKey: string) => tcb.init({ env: server.envId, serviceUrl: server.url, secretId: server.credentials.secretId, secretKey });
  return {
    target: {
      kind: 'local',
      app: init(server.credentials.secretKey),
      forgedApp: () => init(`${server.credentials.secretKey}x`),
      passTime: async (expires_s) => {
        offset_s = Math.max(offset_s, expires_s + 1 - Math.floor(Date.now() / 1000));
      },
      local: server,
      prefix: `conformance/${Date.now()}`,
    },
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function openCloud(): { target: StorageTarget; close(): Promise<void> } {
  const env = process.env;
  const init = (secretKey: string) => tcb.init({ env: env.TCB_ENV, secretId: env.TENCENTCLOUD_SECRETID, secretKey, timeout: 30_000 });
  return {
    target: {
      kind: 'cloud',
      app: init(env.TENCENTCLOUD_SECRETKEY as string),
      forgedApp: () => init(`${env.TENCENTCLOUD_SECRETKEY}x`),
      passTime: async (expires_s) => {
        const wait_ms = (expires_s + 2) * 1000 - Date.now();
        if (wait_ms > 0) await new Promise((r) => setTimeout(r, wait_ms));
      },
      local: null,
      prefix: `conformance/${Date.now()}`,
    },
    close: async () => {},
  };
}

/** Registers the suite as `[local]` and `[cloud]`; the one TARGET does not choose is skipped. */
export function describeStorageConformance(name: string, body: (target: () => StorageTarget) => void): void {
  for (const kind of ['local', 'cloud'] as const) {
    describe.skipIf(TARGET !== kind)(`[${kind}] ${name}`, () => {
      let opened: { target: StorageTarget; close(): Promise<void> } | undefined;
      beforeAll(async () => {
        console.info(
          kind === 'cloud'
            ? `[conformance] storage: running against the real CloudBase environment ${process.env.TCB_ENV}`
            : '[conformance] storage on real CloudBase: skipped (set TCB_ENV, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY to run it); running against the local storage',
        );
        opened = kind === 'local' ? await openLocal() : openCloud();
      });
      afterAll(async () => {
        await opened?.close();
      });
      body(() => {
        if (!opened) throw new Error('storage conformance target not open');
        return opened.target;
      });
    });
  }
}
