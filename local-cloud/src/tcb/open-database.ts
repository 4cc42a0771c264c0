/**
 * The SQLite engine behind the local cloud's `OpenDatabase` seam (src/database.ts):
 * `<dataDir>/local-cloud.sqlite`, collections and indexes from database/collections.json,
 * `/tcb` accepting the local credentials.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { OpenDatabase } from '../database.js';
import { DEFAULT_COLLECTIONS_FILE, loadCollectionsFile } from '../db/collections-file.js';
import { DocumentStore } from '../db/store.js';
import { createTcbHandler } from './handler.js';
import { DATABASE_FILE } from './standalone.js';

export interface SqliteDatabaseOptions {
  collectionsFile?: string;
  durability?: 'normal' | 'full';
  /**
   * Called with the store once it is open: tests and benchmarks read collections straight from it
   * (on the main thread, synchronously) to check what a function call did or did not change.
   */
  onOpen?: (store: DocumentStore) => void;
}

export function sqliteDatabase(extra: SqliteDatabaseOptions = {}): OpenDatabase {
  return ({ dataDir, credentials, log }) => {
    mkdirSync(dataDir, { recursive: true });
    const store = DocumentStore.open({
      file: path.join(dataDir, DATABASE_FILE),
      collections: loadCollectionsFile(extra.collectionsFile ?? DEFAULT_COLLECTIONS_FILE),
      durability: extra.durability,
      log,
    });
    extra.onOpen?.(store);
    return {
      handler: createTcbHandler({ store, credentials, log }),
      isEmpty: () => store.isEmpty(),
      close: () => store.close(),
    };
  };
}

/** The default engine: declared collections, `synchronous=NORMAL`. */
export const openSqliteDatabase: OpenDatabase = sqliteDatabase();
