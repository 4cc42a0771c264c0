/**
 * startLocalCloud(): database + function runner + gateway on one loopback port.
 * The CLI (cli.ts) and the test helper (testing.ts) are thin wrappers around it.
 *
 * It runs whatever function bundles it is given and knows nothing of the product: it imports
 * nothing from server/ or scripts/. Building the bundles (scripts/build-functions.mjs), the demo
 * data (server/src/seed/demo.ts) and the functions' settings (function-settings.ts) come from
 * its callers and from the functions folder.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type LocalCloudClient } from './client.js';
import type { LocalDatabase, OpenDatabase } from './database.js';
import { resolveGatewayLimits, type GatewayLimits } from './gateway/limits.js';
import { createGateway } from './gateway/server.js';
import { defaultAppDirs } from './gateway/static-apps.js';
import { createTokenService } from './gateway/tokens.js';
import { FunctionRunner } from './runner/function-runner.js';
import type { RunnerLimits } from './runner/limits.js';
import { functionEnv, LOCAL_APP_IDS, type AppName } from './runner/sdk-env.js';
import { loadFunctionSettings } from './function-settings.js';
import { loadLocalSecrets } from './secrets.js';
import { createLocalStorage, withStorage, type LocalStorage } from './storage/local-storage.js';
import { sqliteDatabase } from './tcb/open-database.js';

/** The repository checkout this local cloud runs from (defaults for the data and function folders). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Fills a fresh local cloud through its own API (sign in, call functions), like a real client would. */
export type SeedFunction = (cloud: SeedContext) => Promise<void>;

export interface SeedContext extends LocalCloudClient {
  log(line: string): void;
  /**
   * Runs the functions' clock this far from now (negative: in the past) until changed, so that
   * seeded history spreads over days. Only the seed has this; it is reset when the seed ends.
   */
  setClockOffset(offset_ms: number): void;
}

export interface LocalCloudOptions {
  /** Default 8787; 0 picks a free port. The gateway always listens on 127.0.0.1. */
  port?: number;
  /** Where the database and the local secrets live. Default `<repo>/.data`. */
  dataDir?: string;
  /** Folder of `<name>/index.js` bundles. Default `<repo>/cloudfunctions`. */
  functionsDir?: string;
  /** Folder holding `miniprogram-<app>/dist/h5`. Default the repository root. */
  staticRoot?: string;
  /** Per-app override of the H5 build folder. */
  appDirs?: Partial<Record<AppName, string>>;
  /**
   * A function: run it (whatever the database holds). `{ ifEmpty }`: run it only on an empty
   * database (the demo data of `npm start`). Default `'none'`.
   */
  seed?: 'none' | SeedFunction | { ifEmpty: SeedFunction };
  /** The CloudBase environment id the functions see (`SYMBOL_CURRENT_ENV`). */
  envId?: string;
  runnerLimits?: Partial<RunnerLimits>;
  gatewayLimits?: Partial<GatewayLimits>;
  /** Take WX_CLIENTIP from X-Forwarded-For (only for tests that simulate many clients). */
  trustForwardedFor?: boolean;
  /** Extra browser origins allowed to call /api/ (loopback origins always are). */
  corsOrigins?: string[];
  /** Extra environment variables for every function. */
  functionEnv?: Record<string, string>;
  /** Diagnostics and the functions' console output. Default: stderr. */
  log?: (line: string) => void;
  /** Log one line per HTTP request. Default false. */
  accessLog?: boolean;
  /** Collections and indexes to create (default database/collections.json); ignored with openDatabase. */
  collectionsFile?: string;
  /** The database engine; default: the SQLite engine of local-cloud/src/db and src/tcb. */
  openDatabase?: OpenDatabase;
}

export interface LocalCloud {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly client: LocalCloudClient;
  readonly runner: FunctionRunner;
  /** The file storage (files under `<dataDir>/storage/`). */
  readonly storage: LocalStorage;
  /** Stops accepting requests, lets running invocations finish briefly, stops workers, closes the database. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_ENV_ID = 'local-dev';

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`port must be 0-65535, got ${port}`);
  const dataDir = path.resolve(options.dataDir ?? path.join(REPO_ROOT, '.data'));
  const functionsDir = path.resolve(options.functionsDir ?? path.join(REPO_ROOT, 'cloudfunctions'));
  const staticRoot = path.resolve(options.staticRoot ?? REPO_ROOT);
  const envId = options.envId ?? DEFAULT_ENV_ID;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  const secrets = loadLocalSecrets(dataDir);
  const limits = resolveGatewayLimits(options.gatewayLimits);
  const openDatabase = options.openDatabase ?? sqliteDatabase({ collectionsFile: options.collectionsFile });
  const db: LocalDatabase = await openDatabase({ dataDir, credentials: secrets.credentials, log });

  // The runner needs the URL (for TCB_CONTEXT_CNFG) and the gateway needs the runner: listen
  // first, create workers only after the port is known.
  let runner: FunctionRunner | null = null;
  const appIds = LOCAL_APP_IDS;
  const api = {
    get runner(): FunctionRunner {
      if (!runner) throw new Error('runner used before the gateway was listening');
      return runner;
    },
    tokens: createTokenService(secrets.tokenSecret, limits.tokenLifetime_ms),
    limits,
    trustForwardedFor: options.trustForwardedFor ?? false,
    startedAt_ms: Date.now(),
    appIds,
  };
  const appDirs = { ...defaultAppDirs(staticRoot), ...options.appDirs };
  // URLs the storage hands out point at the gateway; its port is known once it listens.
  let publicUrl = '';
  const storage = createLocalStorage({ dataDir, credentials: secrets.credentials, envId, baseUrl: () => publicUrl, log });
  const server = createGateway({
    api,
    tcb: withStorage(storage, db.handler),
    storage,
    appDirs,
    corsOrigins: options.corsOrigins,
    accessLog: options.accessLog ? (line) => log(`[http] ${line}`) : undefined,
    log,
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    db.close();
    throw e;
  }
  const actualPort = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${actualPort}`;
  publicUrl = url;
  runner = new FunctionRunner({
    functionsDir,
    envId,
    appIds,
    limits: options.runnerLimits,
    log,
    env: functionEnv({
      baseUrl: url,
      envId,
      ...secrets.credentials,
      appIds,
      extra: { ...loadFunctionSettings(functionsDir, dataDir), ...options.functionEnv },
      modulePaths: [path.join(REPO_ROOT, 'node_modules')],
    }),
  });
  runner.warm(runner.list());
  const client = createClient(url);

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      // Runner first: new calls get UNAVAILABLE while running ones may finish, and those still need
      // /tcb, so the server keeps listening until the workers are gone.
      await runner?.close();
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await serverClosed;
      db.close();
    })();
    return closing;
  };

  try {
    const seedRunner = runner;
    try {
      await runSeed(options.seed ?? 'none', { ...client, log: (line) => log(`[seed] ${line}`), setClockOffset: (ms) => seedRunner.setClockOffset(ms) }, db, log);
    } finally {
      seedRunner.setClockOffset(0);
    }
  } catch (e) {
    await close();
    throw e;
  }
  return { url, port: actualPort, dataDir, client, runner, storage, close };
}

async function runSeed(seed: NonNullable<LocalCloudOptions['seed']>, ctx: SeedContext, db: LocalDatabase, log: (l: string) => void): Promise<void> {
  if (seed === 'none') return;
  if (typeof seed === 'function') return seed(ctx);
  if (!db.isEmpty()) {
    log('[local-cloud] database already has data; seed skipped');
    return;
  }
  const started = Date.now();
  await seed.ifEmpty(ctx);
  log(`[local-cloud] seeded in ${Date.now() - started} ms`);
}
