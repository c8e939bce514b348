/**
 * What the widget keeps in IndexedDB, as text (to look for messages, or for what must never be there).
 */
import { createStore, entries } from 'idb-keyval';

/** The widget's store (`parley` / `kv`). */
export const parleyStore = () => createStore('parley', 'kv');

/** Every key and value of the widget's store, as JSON text. */
export async function storedText(): Promise<string> {
  return JSON.stringify(await entries(parleyStore()));
}
