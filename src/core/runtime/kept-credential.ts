/**
 * A credential a protocol obtains by itself (a guest sign-in, a created contact) and keeps in the
 * widget's storage for the next page load, with its expiry: read back and reused while it is not
 * near its end, kept when new, forgotten when the server refuses it. A storage call that fails is
 * reported (`persist`) and never fatal: the widget only goes without the kept copy.
 */
import { ParleyError, messageOf } from '../errors.js';
import { isRecord } from '../wire.js';
import type { ProtocolRun } from './declaration.js';

/** What keeping a credential needs of a run. */
export type KeepingRun = Pick<ProtocolRun<unknown, unknown>, 'protocol' | 'storage' | 'scheduler' | 'report'>;

/** How one credential is kept: stored as its fields and `expiresAt` (epoch ms) under `key`. */
export interface KeptCredential<T extends object> {
  /** Storage key (it names what the credential is for: the API, the user …). */
  readonly key: string;
  /** What it is, for reports (`the guest identity`). */
  readonly what: string;
  /** How long a new one lives, ms. */
  readonly ttlMs: number;
  /** A kept one is reused only while more than this is left of its life, ms. */
  readonly marginMs: number;
  /** The credential from a stored record; undefined for an old or foreign one (then it is not reused). */
  read(stored: Record<string, unknown>): T | undefined;
}

/** A `persist` report of a failed storage call (the widget goes on without it). */
export function persistFailed(run: Pick<KeepingRun, 'protocol' | 'report'>, what: string): (err: unknown) => void {
  return (err) => run.report(new ParleyError('persist', `${run.protocol}: ${what} failed: ${messageOf(err)}`, { protocol: run.protocol, cause: err }));
}

/** The kept credential; undefined when none is kept, it is unreadable, or it is near its expiry. */
export async function readKept<T extends object>(run: KeepingRun, kept: KeptCredential<T>): Promise<T | undefined> {
  const stored = await run.storage.get(kept.key).catch(persistFailed(run, `reading ${kept.what}`));
  if (!isRecord(stored) || typeof stored.expiresAt !== 'number') return undefined;
  return stored.expiresAt - run.scheduler.now() > kept.marginMs ? kept.read(stored) : undefined;
}

/** Keep a new credential, expiring `ttlMs` from now (not awaited: a failure is reported). */
export function keep<T extends object>(run: KeepingRun, kept: KeptCredential<T>, value: T): void {
  run.storage.set(kept.key, { ...value, expiresAt: run.scheduler.now() + kept.ttlMs }).catch(persistFailed(run, `keeping ${kept.what}`));
}

/** Forget the kept credential (the server refused it). */
export async function forgetKept<T extends object>(run: KeepingRun, kept: KeptCredential<T>): Promise<void> {
  await run.storage.del(kept.key).catch(persistFailed(run, `forgetting ${kept.what}`));
}
