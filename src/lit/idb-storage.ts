/**
 * Durable key-value storage in IndexedDB through idb-keyval. If IndexedDB is refused (private
 * mode, quota, blocked), it degrades to memory and says so once through `onError`.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { ParleyError, messageOf } from '../core/errors.js';
import { memoryStore, type KeyValueStore } from '../core/kv.js';

/** IndexedDB-backed storage with a memory fallback. */
export function idbStorage(onError: (e: ParleyError) => void, dbName = 'parley'): KeyValueStore {
  let idb: UseStore | undefined;
  const memory = memoryStore();
  let failed = false;
  const fail = (err: unknown) => {
    if (!failed) onError(new ParleyError('persist', `local storage unavailable, keeping data in memory: ${messageOf(err)}`, { cause: err }));
    failed = true;
  };
  try {
    idb = typeof indexedDB === 'undefined' ? undefined : createStore(dbName, 'kv');
  } catch (err) {
    fail(err);
  }
  const usable = () => idb && !failed;
  return {
    async get<T>(key: string) {
      if (usable()) {
        try { return await get<T>(key, idb); } catch (err) { fail(err); }
      }
      return memory.get<T>(key);
    },
    async set(key, value) {
      await memory.set(key, value);
      if (usable()) {
        try { await set(key, value, idb); } catch (err) { fail(err); }
      }
    },
    async del(key) {
      await memory.del(key);
      if (usable()) {
        try { await del(key, idb); } catch (err) { fail(err); }
      }
    },
  };
}
