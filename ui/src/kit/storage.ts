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

/**
 * A storage that keeps a scan list only while it has codes. A list bound to one order or return
 * always names its target, so the general rule (nothing kept for an empty list without a target)
 * would leave one empty entry behind per order shipped or return sent back.
 */
export function keepWhileScanning(storage: KeyValueStorage): KeyValueStorage {
  return {
    get: (key) => storage.get(key),
    remove: (key) => storage.remove(key),
    set: (key, value) => {
      let empty = false;
      try {
        const v = JSON.parse(value) as { entries?: unknown };
        empty = Array.isArray(v.entries) && v.entries.length === 0;
      } catch {
        empty = false;
      }
      if (empty) storage.remove(key);
      else storage.set(key, value);
    },
  };
}
