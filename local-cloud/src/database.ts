/**
 * The seam between the local cloud's front (gateway, runner, CLI) and its database engine
 * (local-cloud/src/db + local-cloud/src/tcb).
 */
import type { TcbHandler } from './gateway/server.js';
import type { LocalCredentials } from './secrets.js';

export interface LocalDatabase {
  /** Serves POST /tcb: verifies the request's signature, then runs the database action. */
  handler: TcbHandler;
  /** True when no collection holds a document (the demo seed only fills an empty database). */
  isEmpty(): boolean;
  /** Checkpoints the WAL and closes the file. Idempotent. */
  close(): void;
}

export interface OpenDatabaseOptions {
  dataDir: string;
  credentials: LocalCredentials;
  log: (line: string) => void;
}

export type OpenDatabase = (opts: OpenDatabaseOptions) => LocalDatabase | Promise<LocalDatabase>;
