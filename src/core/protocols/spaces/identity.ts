/**
 * Who I am on Spaces: the page's token, or a guest signed in through the anonymous-auth call
 * (kept in the widget's storage until shortly before its 24 h expiry), and my user id.
 */
import { HttpError } from '../../http.js';
import type { KeyValueStore } from '../../kv.js';
import { ConnectError } from '../../protocol.js';
import { isRecord } from '../../wire.js';
import { nonEmpty, optIdText, pictureOf } from './decode-shared.js';
import type { SpacesConfig } from './options.js';
import { objectOf, type SpacesApi } from './rest.js';

/** Guest tokens live 24 h; one is reused while at least an hour of that is left. */
export const GUEST_TTL_MS = 24 * 3600_000;
const REUSE_MARGIN_MS = 3600_000;

/** The credential in use. */
export interface Credential {
  token: string;
  /** Signed in as a guest by this widget (may be re-issued when refused). */
  guest: boolean;
  /** Obtained during this connect: a refusal then means the server rejects it, not that it expired. */
  fresh: boolean;
}

/** Me. */
export interface SelfIdentity {
  selfId: string;
  name?: string;
  avatarUrl?: string;
}

interface StoredGuest { token: string; expiresAt: number; selfId?: string; name?: string }

/** Storage key of a guest identity for this API, username and display name. */
export function guestKey(cfg: SpacesConfig): string {
  return `spaces:guest:${cfg.apiUrl}:${cfg.username}:${cfg.displayName}`;
}

function storedGuest(v: unknown): StoredGuest | undefined {
  if (!isRecord(v) || typeof v.token !== 'string' || typeof v.expiresAt !== 'number') return undefined;
  const out: StoredGuest = { token: v.token, expiresAt: v.expiresAt };
  if (typeof v.selfId === 'string') out.selfId = v.selfId;
  if (typeof v.name === 'string') out.name = v.name;
  return out;
}

/** A ConnectError for a failed REST call: 401/403 mean the credential was refused. */
export function connectErrorOf(err: unknown, what: string): ConnectError {
  if (err instanceof ConnectError) return err;
  if (err instanceof HttpError && (err.status === 401 || err.status === 403)) return new ConnectError('auth-failed', `spaces: ${what} refused (${err.status})`);
  if (err instanceof HttpError && err.status === 404) return new ConnectError('subscription-rejected', `spaces: ${what}: not found (404)`);
  return new ConnectError('network-error', `spaces: ${what} failed: ${err instanceof Error ? err.message : 'unknown error'}`);
}

/** The page's token, a stored guest token, or a new guest sign-in. */
export async function resolveCredential(
  cfg: SpacesConfig, api: SpacesApi, storage: KeyValueStore, now: number, signal: AbortSignal, report: (err: unknown) => void,
): Promise<{ credential: Credential; self?: SelfIdentity }> {
  if (cfg.token) return { credential: { token: cfg.token, guest: false, fresh: false } };
  let stored: StoredGuest | undefined;
  try {
    stored = storedGuest(await storage.get(guestKey(cfg)));
  } catch (err) {
    report(err);
  }
  if (stored && stored.expiresAt - now > REUSE_MARGIN_MS) {
    const self = stored.selfId ? { selfId: stored.selfId, ...(stored.name ? { name: stored.name } : {}) } : undefined;
    return self ? { credential: { token: stored.token, guest: true, fresh: false }, self } : { credential: { token: stored.token, guest: true, fresh: false } };
  }
  let answer: unknown;
  try {
    answer = await api.anonymousAuth(cfg.displayName, cfg.username, signal);
  } catch (err) {
    throw connectErrorOf(err, 'guest sign-in');
  }
  const token = isRecord(answer) && typeof answer.token === 'string' && answer.token ? answer.token : undefined;
  if (!token) throw new ConnectError('auth-failed', 'spaces: the guest sign-in answered without a token');
  return { credential: { token, guest: true, fresh: true } };
}

/** Keep a guest identity (token and id) for the next page load; failures are reported, not fatal. */
export async function storeGuest(cfg: SpacesConfig, storage: KeyValueStore, token: string, self: SelfIdentity, now: number): Promise<void> {
  const value: StoredGuest = { token, expiresAt: now + GUEST_TTL_MS, selfId: self.selfId };
  if (self.name) value.name = self.name;
  await storage.set(guestKey(cfg), value);
}

/** Forget a stored guest identity (its token was refused). */
export async function forgetGuest(cfg: SpacesConfig, storage: KeyValueStore): Promise<void> {
  await storage.del(guestKey(cfg));
}

/** `GET /api/users/me` → my id, name and picture. */
export async function fetchSelf(api: SpacesApi, signal: AbortSignal): Promise<SelfIdentity> {
  let answer: unknown;
  try {
    answer = objectOf(await api.me(signal));
  } catch (err) {
    throw connectErrorOf(err, 'reading /api/users/me');
  }
  const me = isRecord(answer) ? answer : {};
  const selfId = typeof me._id === 'string' || typeof me._id === 'number' ? optIdText(me._id, 'me._id') : undefined;
  if (!selfId) throw new ConnectError('network-error', 'spaces: /api/users/me answered without an _id');
  const self: SelfIdentity = { selfId };
  const name = typeof me.displayname === 'string' ? nonEmpty(me.displayname, 'me.displayname') : undefined;
  if (name) self.name = name;
  const avatar = typeof me.picture_url === 'string' ? pictureOf(me.picture_url, 'me.picture_url') : undefined;
  if (avatar) self.avatarUrl = avatar;
  return self;
}
