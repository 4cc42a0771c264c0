/**
 * The one place that talks to CloudBase. Functions call `database()`; locally the same SDK is
 * pointed at the local cloud by `TCB_CONTEXT_CNFG`, so this code is identical in both places.
 */
import tcb from '@cloudbase/node-sdk';

type App = ReturnType<typeof tcb.init>;
export type Database = ReturnType<App['database']>;

export type CloudApp = App;

let cached: Database | null = null;
let cachedApp: App | null = null;

/** The SDK app of the function's own environment (database, storage). */
export function cloudApp(): App {
  cachedApp ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return cachedApp;
}

export function database(): Database {
  cached ??= cloudApp().database();
  return cached;
}

/** The raw platform context (WX_* identity and the client address) of the current invocation. */
export function platformContext(context?: unknown): Record<string, string | undefined> {
  // getCloudbaseContext reads process.env (set per invocation by the platform or the local runner).
  const ctx = tcb.getCloudbaseContext(context as never) as unknown as Record<string, unknown>;
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(ctx)) if (typeof v === 'string') out[k] = v;
  return out;
}
