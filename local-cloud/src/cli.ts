/**
 * `npm start [-- flags]`: the local cloud with demo data on http://127.0.0.1:8787.
 * Started by scripts/start.mjs (which registers the TypeScript loader).
 */
import path from 'node:path';
import { APPS } from './runner/sdk-env.js';
import { DEFAULT_PORT, REPO_ROOT, startLocalCloud, type LocalCloud, type SeedFunction } from './local-cloud.js';

/** What the product supplies to its local cloud (scripts/start.mjs): the local cloud itself knows no product. */
export interface CliHooks {
  /** Brings the function bundles up to date before starting (e.g. rebuilds stale ones). */
  prepareFunctions?: (functionsDir: string, log: (line: string) => void) => Promise<void>;
  /** Fills an empty database for `--seed demo`. */
  demoSeed?: SeedFunction;
}

export interface CliOptions {
  port: number;
  dataDir: string;
  seed: 'demo' | 'none';
  functionsDir?: string;
  staticRoot?: string;
  accessLog: boolean;
}

const USAGE = `Usage: npm start -- [flags]

  --port N          port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free port)
  --data DIR        data directory: database and local secrets (default .data/ in the repository)
  --seed demo|none  fill an empty database with demo data (default demo)
  --functions DIR   cloud function bundles (default cloudfunctions/)
  --static DIR      folder holding miniprogram-<app>/dist/h5 (default the repository)
  --access-log      log every HTTP request
  --help            this text
`;

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): CliOptions | 'help' {
  const opts: CliOptions = { port: DEFAULT_PORT, dataDir: path.join(REPO_ROOT, '.data'), seed: 'demo', accessLog: false };
  const value = (i: number, flag: string): string => {
    const v = argv[i];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    // Accept --flag=value as well as --flag value.
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : undefined;
    const next = () => inline ?? value(++i, flag);
    switch (flag) {
      case '--port': {
        const s = next();
        const n = Number(s);
        if (!/^\d+$/.test(s) || n > 65_535) throw new UsageError(`--port must be 0-65535, got ${s}`);
        opts.port = n;
        break;
      }
      case '--data':
        opts.dataDir = path.resolve(next());
        break;
      case '--seed': {
        const s = next();
        if (s !== 'demo' && s !== 'none') throw new UsageError(`--seed must be demo or none, got ${s}`);
        opts.seed = s;
        break;
      }
      case '--functions':
        opts.functionsDir = path.resolve(next());
        break;
      case '--static':
        opts.staticRoot = path.resolve(next());
        break;
      case '--access-log':
        opts.accessLog = true;
        break;
      case '--help':
      case '-h':
        return 'help';
      default:
        throw new UsageError(`unknown argument ${raw}`);
    }
  }
  return opts;
}

export async function main(argv: readonly string[], hooks: CliHooks = {}): Promise<void> {
  let opts: CliOptions | 'help';
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (opts === 'help') {
    process.stdout.write(USAGE);
    return;
  }

  const log = (line: string) => process.stderr.write(`${line}\n`);
  let cloud: LocalCloud;
  try {
    const functionsDir = opts.functionsDir ?? path.join(REPO_ROOT, 'cloudfunctions');
    await hooks.prepareFunctions?.(functionsDir, log);
    if (opts.seed === 'demo' && hooks.demoSeed === undefined) log('[local-cloud] no demo data given; starting empty');
    const seed = opts.seed === 'demo' && hooks.demoSeed !== undefined ? { ifEmpty: hooks.demoSeed } : 'none';
    cloud = await startLocalCloud({ ...opts, functionsDir, seed, log });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') log(`port ${opts.port} is in use; pick another with --port N (0 = any free port)`);
    else log(`failed to start: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.LOCAL_CLOUD_DEBUG === '1' && e instanceof Error) log(e.stack ?? '');
    process.exitCode = 1;
    return;
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: shutting down`);
    cloud.close().then(
      () => {
        log('stopped cleanly');
        process.exit(0);
      },
      (e: unknown) => {
        log(`shutdown failed: ${e instanceof Error ? e.stack : String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const lines = [
    '',
    'Channel Router local cloud',
    ...APPS.map((app) => `  ${app.padEnd(9)} ${cloud.url}/${app}/`),
    `  data      ${cloud.dataDir}`,
    '',
    `listening on ${cloud.url}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
