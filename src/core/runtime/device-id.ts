/**
 * This widget's device id for a backend, kept in the widget's storage under one key so that a
 * reload is the same device to the server (IMKIT's `auth2` and Comapi's session both send one).
 */
import type { KeyValueStore } from '../kv.js';

/** A random id: a UUID where the platform makes one, else time and randomness. */
export function randomId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID ? c.randomUUID() : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
}

/** The id kept under `key`; when none is, `fresh()` kept (in memory only when the storage refuses it). */
export async function keptDeviceId(storage: KeyValueStore, key: string, fresh: () => string = randomId): Promise<string> {
  const stored = await storage.get<string>(key).catch(() => undefined);
  if (typeof stored === 'string' && stored) return stored;
  const made = fresh();
  await storage.set(key, made).catch(() => undefined);
  return made;
}
