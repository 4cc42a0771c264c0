/**
 * Where an app keeps small things across restarts (the chosen org, an unsent scan list). Stores
 * take this interface, so they stay free of Taro and are tested with `memoryStorage()`; the app
 * passes `taroStorage` (wx storage on weapp, localStorage on h5). Values are JSON text, so what
 * comes back is always a copy. Never throws: a phone whose storage is full or broken still
 * works, it only forgets on restart.
 */
export interface KeyValueStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** Every key starts with `cr.<app>.`: the four apps share one origin on h5. */
export function storagePrefix(app: 'admin' | 'dealer' | 'terminal' | 'consumer'): string {
  return `cr.${app}.`;
}

export function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get: (k) => data.get(k) ?? null,
    set: (k, v) => void data.set(k, v),
    remove: (k) => void data.delete(k),
  };
}

/** Reads JSON written by `writeJson`; anything unreadable counts as absent (never throws). */
export function readJson(storage: KeyValueStorage | undefined, key: string): unknown {
  if (storage === undefined) return undefined;
  try {
    const text = storage.get(key);
    return text === null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** Writes JSON (`undefined` removes the key); a full or broken storage loses only the convenience. */
export function writeJson(storage: KeyValueStorage | undefined, key: string, value: unknown): void {
  if (storage === undefined) return;
  try {
    if (value === undefined) storage.remove(key);
    else storage.set(key, JSON.stringify(value));
  } catch {
    // Storage full or unavailable: the state stays in memory for this session.
  }
}
