/**
 * Minimal async key-value storage, so persistence can be IndexedDB in a page and memory in tests.
 */

/** Async key-value storage. */
export interface KeyValueStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

/** A KeyValueStore in memory. */
export function memoryStore(): KeyValueStore {
  const map = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => map.get(key) as T | undefined,
    set: async (key, value) => { map.set(key, value); },
    del: async (key) => { map.delete(key); },
  };
}
