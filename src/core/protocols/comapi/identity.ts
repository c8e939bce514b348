/**
 * The Comapi session: a ready-made token from the page, or one obtained through the challenge
 * flow (`GET sessions/start` → nonce → the page's `authChallenge(nonce)` mints a JWT →
 * `POST sessions` → session token). A challenge-made session is renewed when it expires or
 * the server refuses it; a ready-made token cannot be renewed.
 */
import { HttpError } from '../../http.js';
import type { KeyValueStore } from '../../kv.js';
import { ConnectError } from '../../connection-terms.js';
import type { ProtocolRun } from '../../runtime/declaration.js';
import type { ReceiptSender } from '../../runtime/receipts.js';
import { keptDeviceId } from '../../runtime/device-id.js';
import { jwtExpiry } from '../../runtime/jwt.js';
import { connectErrorOf, type StatusReading } from '../../runtime/failures.js';
import { assignDefined, isRecord, optStr, str } from '../../wire.js';
import { answerChallenge } from './challenge.js';
import { timeOf } from './decode-shared.js';
import type { ComapiConfig } from './options.js';
import type { ComapiApi } from './rest.js';
import { sdkCall } from './sdk-api.js';
import type { Sequencer } from '../../runtime/sequencer.js';
import type { TypingOrder } from '../../runtime/typing-order.js';

/** What one adapter keeps across reconnects. */
export interface ComapiState {
  /** The REST API, or the page's SDK's services. */
  readonly api: ComapiApi;
  /** Parley's own session; none with an SDK, whose session is the only one. */
  readonly session: SessionKeeper | undefined;
  readonly seq: Sequencer;
  readonly receipts: ReceiptSender;
  readonly typingOrder: TypingOrder;
  selfId?: string;
  /** The connection in progress or open: where the sequencer's and the marks' work goes. */
  run?: Run;
  /** Whether this connect attempt got as far as opening the socket (a failure there may be the session's). */
  socketTried?: boolean;
  /** The oldest event id loaded per conversation, for `loadOlder`. */
  readonly earliest: Map<string, number>;
  /** When "typing on" was last sent, per conversation. */
  readonly typingSent: Map<string, number>;
  /** Conversations whose details and messages were loaded (by a sync, or adopted when I was added). */
  readonly loaded: Set<string>;
  /** Display names seen on messages and profiles, for events that carry only a profile id. */
  readonly names: Map<string, string>;
}

/** One Comapi connection's run. */
export type Run = ProtocolRun<ComapiConfig, ComapiState>;

/** How connect-time statuses read: a 404 is a wrong API space. */
export const STATUS: StatusReading = { notFound: 'config-error', notFoundHint: 'is "apiSpaceId" right?' };

/** Close codes a server may use to say "your session is not valid". */
export const AUTH_CLOSE_CODES: readonly number[] = [4001, 4003, 4401, 4403];

/** Renew a session this long before the server says it expires. */
const EXPIRY_MARGIN_MS = 60_000;
const SDK_VERSION = 'parley-0.1';

/** A session token, with the profile it was made for and when it expires (epoch ms), when the server said. */
interface Session {
  token: string;
  profileId?: string;
  expiresAt?: number;
}

/** Holds the current session token and renews it when it can. */
export class SessionKeeper {
  private current?: Session;
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

  /** Replace a challenge-made session the server refused by a new one through the challenge. */
  async renew(signal: AbortSignal): Promise<void> {
    if (this.renewable) this.current = undefined;
    await this.ensure(signal);
  }

  /** A valid session token: the current one, or a new one through the challenge. */
  async ensure(signal: AbortSignal): Promise<string> {
    const c = this.current;
    if (c && (c.expiresAt === undefined || c.expiresAt - EXPIRY_MARGIN_MS > this.now() || !this.renewable)) return c.token;
    if (!this.cfg.authChallenge) throw new ConnectError('auth-failed', 'comapi: no session token and no authChallenge to get one');
    this.current = await this.challenge(this.cfg.authChallenge, signal).catch((err: unknown) => {
      throw connectErrorOf('comapi', err, 'starting a session', STATUS);
    });
    return this.current.token;
  }

  private async challenge(answer: NonNullable<ComapiConfig['authChallenge']>, signal: AbortSignal): Promise<Session> {
    const start = await this.api.startSession(signal);
    const authenticationId = str(start.authenticationId, 'session start.authenticationId');
    const nonce = str(start.nonce, 'session start.nonce');
    this.jwt = await answerChallenge(answer, nonce, signal);
    if (signal.aborted) throw new ConnectError('client-closed', 'comapi: connect aborted');
    const body = {
      authenticationId, authenticationToken: this.jwt, // one device per browser and API space, kept across reloads
      deviceId: await keptDeviceId(this.storage, `comapi:${this.cfg.apiSpaceId}:device`),
      platform: 'javascript', platformVersion: SDK_VERSION, sdkType: 'native', sdkVersion: SDK_VERSION,
    };
    const info = await this.api.createSession(body, signal);
    const session = isRecord(info.session) ? info.session : {};
    const token = str(info.token, 'session.token');
    const profileId = optStr(session.profileId, 'session.session.profileId') || undefined;
    // A JWT session token's `exp` counts too: the SDK checks it before every call (sessionManager `isSessionValid`).
    const expiries = [timeOf(session.expiresOn, 'session.session.expiresOn'), jwtExpiry(token)].filter((t): t is number => t !== undefined);
    return assignDefined<Session>({ token }, { profileId, expiresAt: expiries.length ? Math.min(...expiries) : undefined });
  }
}

/** Run a REST call; a refused challenge-made session is renewed once. */
export async function withSession<T>(session: SessionKeeper | undefined, fn: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
  try {
    return await fn(signal);
  } catch (err) {
    if (!(err instanceof HttpError && err.status === 401 && session?.renewable)) throw err;
    await session.renew(signal);
    return fn(signal);
  }
}

/** After a socket failed to open: does the REST API refuse the session too? */
async function sessionRefused(api: ComapiApi, selfId: string | undefined, signal: AbortSignal): Promise<boolean> {
  const refused = (err: unknown): boolean => err instanceof HttpError && (err.status === 401 || err.status === 403);
  return api.listConversations(selfId ?? '', signal).then(() => false, refused);
}

/**
 * The declaration's `retry`: the widget's socket, which rides on the session token, could not open
 * (`network-error`; a browser never sees why an upgrade was refused). When REST refuses the session
 * too, a challenge-made session is renewed once (one more attempt), a ready-made token is
 * `auth-failed`; else the failure stands.
 */
export async function retryOnRenewedSession(run: Run, err: unknown, attempt: number, signal: AbortSignal): Promise<boolean> {
  const { state } = run;
  const session = state.session;
  if (!session || !state.socketTried || !(err instanceof ConnectError) || err.reason !== 'network-error') return false;
  if (!(await sessionRefused(state.api, state.selfId, signal))) return false;
  if (attempt > 0 || !session.renewable) throw new ConnectError('auth-failed', 'comapi: the server refused the session token');
  await session.renew(signal);
  return true;
}

/** The profile id of an SDK session (`ISession.profileId`), if it has one. */
export function sessionProfileId(session: unknown): string | undefined {
  return isRecord(session) && typeof session.profileId === 'string' && session.profileId ? session.profileId : undefined;
}

/**
 * Who I am, with credentials proven: my own session (its profile, else `profileId` / `userId`),
 * or the page's SDK's one session. Live events are held from here until the sync is applied.
 */
export async function identify(run: Run, signal: AbortSignal): Promise<void> {
  const { config: c, state } = run;
  const fresh = state.run !== run; // else a retry of the same connect
  state.run = run;
  state.socketTried = false;
  if (fresh) {
    run.signal.addEventListener('abort', () => {
      state.seq.reset();
      state.receipts.pause();
    }, { once: true });
  }
  let profileId: string | undefined;
  if (c.sdk) {
    const sdk = c.sdk;
    const session = await sdkCall(() => sdk.startSession(), 'starting the SDK session', signal);
    profileId = sessionProfileId(session) ?? sessionProfileId(sdk.session) ?? c.profileId;
  } else {
    await state.session?.ensure(signal);
    profileId = c.profileId ?? state.session?.profileId;
  }
  if (signal.aborted) throw new ConnectError('client-closed', 'comapi: connect aborted');
  if (!profileId) throw new ConnectError('config-error', 'comapi: whose chat is this? Give "userId" (or the option "profileId") with a ready-made token');
  if (fresh || state.selfId !== profileId) run.emit([{ type: 'identity.changed', selfId: profileId }]);
  state.selfId = profileId;
  state.seq.hold();
}
