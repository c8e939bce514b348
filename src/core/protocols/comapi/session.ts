/**
 * The Comapi session: a ready-made token from the page, or one obtained through the challenge
 * flow (`GET sessions/start` → nonce → the page's `authChallenge(nonce)` mints a JWT →
 * `POST sessions` → session token). A challenge-made session is renewed when it expires or
 * the server refuses it; a ready-made token cannot be renewed.
 */
import { messageOf } from '../../errors.js';
import { HttpError, NetworkError } from '../../http.js';
import type { KeyValueStore } from '../../kv.js';
import { ConnectError } from '../../protocol.js';
import { DecodeError, isRecord, optStr, str } from '../../wire.js';
import { answerChallenge } from './challenge.js';
import { timeOf } from './decode-shared.js';
import type { ComapiConfig } from './options.js';
import { redact } from './redact.js';
import type { ComapiApi } from './rest.js';

/** Renew a session this long before the server says it expires. */
const EXPIRY_MARGIN_MS = 60_000;
const SDK_VERSION = 'parley-0.1';

/** A ConnectError for anything a connect-time call threw; its reason tells whether retrying helps. */
export function connectErrorOf(err: unknown, what: string, secrets: readonly (string | undefined)[] = []): ConnectError {
  if (err instanceof ConnectError) return new ConnectError(err.reason, redact(err.message, secrets));
  const say = (reason: ConnectError['reason'], text: string): ConnectError => new ConnectError(reason, redact(`comapi: ${what} ${text}`, secrets));
  if (err instanceof HttpError) {
    if (err.status === 401 || err.status === 403) return say('auth-failed', `refused: ${err.message}`);
    if (err.status === 404) return say('config-error', `not found (is "apiSpaceId" right?): ${err.message}`);
    return say('network-error', `refused: ${err.message}`);
  }
  if (err instanceof NetworkError) return say('network-error', `failed: ${err.message}`);
  if (err instanceof DecodeError) return say('network-error', `gave an unexpected answer: ${err.message}`);
  if (typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError') return say('client-closed', 'aborted');
  return say('network-error', `failed: ${messageOf(err)}`);
}

/**
 * When a session token says it expires: the `exp` claim (seconds) of its JWT payload, which the
 * SDK checks before every call (sessionManager `isSessionValid`). Undefined for a token that is
 * not a JWT or has no numeric `exp`.
 */
export function tokenExpiry(token: string): number | undefined {
  const part = token.split('.')[1];
  if (token.split('.').length !== 3 || !part) return undefined;
  try {
    const text = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const claims: unknown = JSON.parse(text);
    const exp = isRecord(claims) ? claims.exp : undefined;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined; // not a JWT payload: the server's expiresOn (or a refusal) decides
  }
}

/** The widget's device id for this API space, kept so the server sees one device per browser. */
async function deviceId(storage: KeyValueStore, apiSpaceId: string, now: number): Promise<string> {
  const key = `comapi:${apiSpaceId}:device`;
  const stored = await storage.get<string>(key).catch(() => undefined);
  if (typeof stored === 'string' && stored) return stored;
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  const fresh = c?.randomUUID ? c.randomUUID() : `parley-${now.toString(36)}-${Math.random().toString(36).slice(2)}`;
  await storage.set(key, fresh).catch(() => undefined); // memory only, then: still one id per widget
  return fresh;
}

/** Holds the current session token and renews it when it can. */
export class SessionKeeper {
  private current?: { token: string; profileId?: string; expiresAt?: number };
  private jwt?: string;

  constructor(
    private readonly cfg: ComapiConfig,
    private readonly api: ComapiApi,
    private readonly storage: KeyValueStore,
    private readonly now: () => number,
  ) {
    if (cfg.token) this.current = { token: cfg.token };
  }

  /** The session token, if there is one. */
  get token(): string | undefined {
    return this.current?.token;
  }

  /** The profile id the session was made for, when the server said. */
  get profileId(): string | undefined {
    return this.current?.profileId;
  }

  /** Whether a refused session can be replaced (the page gave an `authChallenge`). */
  get renewable(): boolean {
    return this.cfg.authChallenge !== undefined;
  }

  /** Credentials to cut out of any text. */
  secrets(): (string | undefined)[] {
    return [this.cfg.token, this.current?.token, this.jwt];
  }

  /** Forget a challenge-made session (the server refused it); the next `ensure` makes a new one. */
  invalidate(): void {
    if (this.renewable) this.current = undefined;
  }

  /** A valid session token: the current one, or a new one through the challenge. */
  async ensure(signal: AbortSignal): Promise<string> {
    const c = this.current;
    if (c && (c.expiresAt === undefined || c.expiresAt - EXPIRY_MARGIN_MS > this.now() || !this.renewable)) return c.token;
    if (!this.cfg.authChallenge) throw new ConnectError('auth-failed', 'comapi: no session token and no authChallenge to get one');
    try {
      this.current = await this.challenge(this.cfg.authChallenge, signal);
    } catch (err) {
      throw connectErrorOf(err, 'starting a session', this.secrets());
    }
    return this.current.token;
  }

  private async challenge(answer: NonNullable<ComapiConfig['authChallenge']>, signal: AbortSignal): Promise<{ token: string; profileId?: string; expiresAt?: number }> {
    const start = await this.api.startSession(signal);
    const authenticationId = str(start.authenticationId, 'session start.authenticationId');
    const nonce = str(start.nonce, 'session start.nonce');
    let jwt: string;
    try {
      jwt = await answerChallenge(answer, nonce, signal);
    } catch (err) {
      if (err instanceof ConnectError) throw err;
      throw new ConnectError('auth-failed', `comapi: ${messageOf(err)}`);
    }
    this.jwt = jwt;
    if (signal.aborted) throw new ConnectError('client-closed', 'comapi: connect aborted');
    const body = {
      authenticationId, authenticationToken: jwt, deviceId: await deviceId(this.storage, this.cfg.apiSpaceId, this.now()),
      platform: 'javascript', platformVersion: SDK_VERSION, sdkType: 'native', sdkVersion: SDK_VERSION,
    };
    const info = await this.api.createSession(body, signal);
    const session = isRecord(info.session) ? info.session : {};
    const out: { token: string; profileId?: string; expiresAt?: number } = { token: str(info.token, 'session.token') };
    const profileId = optStr(session.profileId, 'session.session.profileId');
    if (profileId) out.profileId = profileId;
    const expiries = [timeOf(session.expiresOn, 'session.session.expiresOn'), tokenExpiry(out.token)].filter((t): t is number => t !== undefined);
    if (expiries.length) out.expiresAt = Math.min(...expiries);
    return out;
  }
}
