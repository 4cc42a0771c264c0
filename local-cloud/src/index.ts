/** The local cloud: the CloudBase cloud functions and their database on one machine, behind one loopback port. */
export {
  startLocalCloud,
  DEFAULT_PORT,
  DEFAULT_ENV_ID,
  REPO_ROOT,
  type LocalCloud,
  type LocalCloudOptions,
  type SeedContext,
  type SeedFunction,
} from './local-cloud.js';
export { createClient, type LocalCloudClient, type Reply, type CallOptions } from './client.js';
export type { LocalDatabase, OpenDatabase, OpenDatabaseOptions } from './database.js';
export type { TcbHandler } from './gateway/server.js';
export { DEFAULT_GATEWAY_LIMITS, type GatewayLimits } from './gateway/limits.js';
export { DEFAULT_RUNNER_LIMITS, type RunnerLimits } from './runner/limits.js';
export { APPS, LOCAL_APP_IDS, type AppName, type CallerIdentity } from './runner/sdk-env.js';
export { loadLocalSecrets, type LocalCredentials } from './secrets.js';
export { loadFunctionSettings, LOCAL_SETTINGS_FILE } from './function-settings.js';
export { sqliteDatabase, openSqliteDatabase, type SqliteDatabaseOptions } from './tcb/open-database.js';
export { createLocalStorage, type LocalStorage, type LocalStorageOptions } from './storage/local-storage.js';
export { startStorageServer, type StorageServer, type StorageServerOptions } from './storage/standalone.js';
