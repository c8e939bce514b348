/**
 * Who I am on Spaces: the page's token, or a guest signed in through the anonymous-auth call
 * (kept in the widget's storage until shortly before its 24 h expiry), and my user id.
 */
import { ConnectError } from '../../connection-terms.js';
import { connectErrorOf, type StatusReading } from '../../runtime/failures.js';
import { forgetKept, keep, readKept, type KeptCredential } from '../../runtime/kept-credential.js';
import { assignDefined, isRecord } from '../../wire.js';
import { nonEmpty, optIdText, pictureOf } from './decode-shared.js';
import type { SpacesConfig } from './options.js';
import type { Credential, SelfIdentity, SpacesRun } from './state.js';
import { objectOf, type SpacesApi } from './rest.js';

/** A 404 at connect time: the space (or the account) is not there, which no retry mends. */
export const STATUS: StatusReading = { notFound: 'subscription-rejected' };

/** Guest tokens live 24 h; one is reused while at least an hour of that is left. */
const GUEST_TTL_MS = 24 * 3600_000;
const REUSE_MARGIN_MS = 3600_000;

/** A guest identity as kept: its token and who it is. */
interface KeptGuest { token: string; selfId?: string; name?: string }

/** Storage key of a guest identity for this API, username and display name. */
export function guestKey(cfg: SpacesConfig): string {
  return `spaces:guest:${cfg.apiUrl}:${cfg.username}:${cfg.displayName}`;
}

/** A kept guest from its stored record; undefined for one without a token. */
function guestOf(v: Record<string, unknown>): KeptGuest | undefined {
  if (typeof v.token !== 'string') return undefined;
  return assignDefined<KeptGuest>({ token: v.token }, {
    selfId: typeof v.selfId === 'string' ? v.selfId : undefined,
    name: typeof v.name === 'string' ? v.name : undefined,
  });
}

/** How a guest identity is kept. */
function keptGuest(cfg: SpacesConfig): KeptCredential<KeptGuest> {
  return { key: guestKey(cfg), what: 'the guest identity', ttlMs: GUEST_TTL_MS, marginMs: REUSE_MARGIN_MS, read: guestOf };
}

/** What `call` answers; its failure as the ConnectError of `what`. */
async function connecting<T>(what: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    throw connectErrorOf('spaces', err, what, STATUS);
  }
}

/** The page's token, a kept guest token (and who it is), or a new guest sign-in. */
async function resolveCredential(run: SpacesRun, signal: AbortSignal): Promise<Credential> {
  const { config: c, state } = run;
  if (c.token) return { token: c.token, guest: false, fresh: false };
  const stored = await readKept(run, keptGuest(c));
  if (stored) {
    if (stored.selfId) state.self = assignDefined<SelfIdentity>({ selfId: stored.selfId }, { name: stored.name });
    return { token: stored.token, guest: true, fresh: false };
  }
  const answer = await connecting('the guest sign-in', state.api.anonymousAuth(c.displayName, c.username, signal));
  const token = isRecord(answer) && typeof answer.token === 'string' && answer.token ? answer.token : undefined;
  if (!token) throw new ConnectError('auth-failed', 'spaces: the guest sign-in answered without a token');
  return { token, guest: true, fresh: true };
}

/** `GET /api/users/me` → my id, name and picture. */
export async function fetchSelf(api: SpacesApi, signal: AbortSignal): Promise<SelfIdentity> {
  const answer = objectOf(await connecting('reading /api/users/me', api.me(signal)));
  const me = isRecord(answer) ? answer : {};
  const selfId = typeof me._id === 'string' || typeof me._id === 'number' ? optIdText(me._id, 'me._id') : undefined;
  if (!selfId) throw new ConnectError('network-error', 'spaces: /api/users/me answered without an _id');
  return assignDefined<SelfIdentity>({ selfId }, {
    name: typeof me.displayname === 'string' ? nonEmpty(me.displayname, 'me.displayname') : undefined,
    avatarUrl: typeof me.picture_url === 'string' ? pictureOf(me.picture_url, 'me.picture_url') : undefined,
  });
}

/** Before the socket: the credential, who I am (kept for a new guest), and the joins a guest needs. */
export async function identify(run: SpacesRun, signal: AbortSignal): Promise<void> {
  const { config: c, state } = run;
  const credential = state.credential ?? await resolveCredential(run, signal);
  state.credential = credential;
  if (!state.self) {
    state.self = c.userId ? { selfId: c.userId } : await fetchSelf(state.api, signal);
    if (credential.guest && credential.fresh) {
      keep(run, keptGuest(c), assignDefined<KeptGuest>({ token: credential.token, selfId: state.self.selfId }, { name: state.self.name }));
    }
  }
  const self = state.self;
  run.emit([self.name ? { type: 'identity.changed', selfId: self.selfId, name: self.name } : { type: 'identity.changed', selfId: self.selfId }]);
  if (c.join) await joinAll(run, signal);
}

/** Join every space not joined yet. */
async function joinAll(run: SpacesRun, signal: AbortSignal): Promise<void> {
  const { api, joined, spaces } = run.state;
  for (const id of spaces) {
    if (joined.has(id)) continue;
    await connecting(`joining space ${id}`, api.join(id, run.config.spacePassword, signal));
    joined.add(id);
  }
}

/**
 * After a failed connect: a kept guest token can be refused before its 24 h are up. True when
 * the credential was forgotten, so that one more attempt signs in as a guest again.
 */
export async function forgetRefusedGuest(run: SpacesRun, err: ConnectError): Promise<boolean> {
  const { state } = run;
  const credential = state.credential;
  if (err.reason !== 'auth-failed' || !credential?.guest || credential.fresh) return false;
  state.credential = undefined;
  state.self = undefined;
  await forgetKept(run, keptGuest(run.config));
  return true;
}
