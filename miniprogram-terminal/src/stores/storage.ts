/**
 * Where stores keep what must survive a closed app (the scanned list, the chosen store). The app
 * passes Taro's storage (services/app.ts); tests pass `memoryStorage()`. Never throws: a phone
 * whose storage is full or broken still scans, it only forgets on restart.
 */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  remove(key: string): void;
}

export function memoryStorage(initial: Record<string, unknown> = {}): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>(Object.entries(initial));
  return {
    data,
    // Stored values are copies, as real storage would hold them (no shared references).
    get: (key) => (data.has(key) ? JSON.parse(JSON.stringify(data.get(key))) : undefined),
    set: (key, value) => void data.set(key, JSON.parse(JSON.stringify(value))),
    remove: (key) => void data.delete(key),
  };
}

export const STORAGE_KEYS = {
  /** The store the person works for now (a person may belong to several). */
  currentOrg: 'cr.terminal.org',
  /** The stock-in list of one store, kept until it is submitted. */
  receiveList: (orgId: string) => `cr.terminal.receive.${orgId}`,
} as const;
