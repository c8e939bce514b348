/**
 * Who I am on Virola, and whether this page may open the events socket at all.
 *
 * The events socket authenticates with the session cookie only: that is all Virola documents for
 * it [V1 doc/events.md, doc/login.md], a browser WebSocket cannot send an `Authorization` header,
 * and a token in the URL is not documented. So every connect first checks the page's cookie
 * session (`GET /api/v1/status`, cookie only [V1 doc/status.md]): without one it stops with
 * `auth-failed` and a message that says what to use instead (no retry, no socket opened), token or
 * not. Then it reads the user names once. With a token, REST calls carry it; the socket still
 * rides on the session.
 */
import { ParleyError, messageOf } from '../../errors.js';
import { HttpError } from '../../http.js';
import { ConnectError } from '../../connection-terms.js';
import type { ProtocolRun } from '../../runtime/declaration.js';
import { connectErrorOf } from '../../runtime/failures.js';
import type { VirolaConfig } from './options.js';
import type { VirolaApi } from './rest.js';

/** The page has no Virola session, and the events socket takes nothing else. */
export const NO_SESSION = 'virola: this page has no signed-in Virola session. The events socket (/api/v1/events) '
  + 'opens only with the session cookie that POST /api/v1/login sets: sign in on the Virola server\'s site first';
/** A token was given, but the events socket cannot use it and the page has no session either. */
export const TOKEN_NO_SESSION = 'virola: a Web API token cannot open the events socket: /api/v1/events takes only the '
  + 'session cookie that POST /api/v1/login sets, and this page has no such session. Sign in with POST /api/v1/login '
  + 'instead (then no token is needed); the token serves REST calls only';

/** What the adapter keeps across reconnects. */
export interface VirolaState {
  readonly api: VirolaApi;
  selfId?: string;
  /** Display names by user id, read once. */
  names?: ReadonlyMap<string, string>;
  /**
   * Client refs whose send the server accepted. The answer carries no id, so the message stays
   * pending until its created event arrives; a second delivery attempt of the same ref before
   * that must not post it again.
   */
  readonly sent: Set<string>;
  /** Message ids marked read by this adapter (their read timestamps may not be back yet). */
  readonly marked: Set<string>;
}

/** What Virola's steps are given. */
export type VirolaRun = ProtocolRun<VirolaConfig, VirolaState>;

/** Who I am: the option, else the status answer; the status call also proves the credentials. */
async function checkSession(run: VirolaRun, signal: AbortSignal): Promise<string | undefined> {
  const { config: c, state } = run;
  try {
    return (await state.api.status(signal)).userId;
  } catch (err) {
    if (err instanceof HttpError && (err.status === 401 || err.status === 403)) {
      throw new ConnectError('auth-failed', `${c.token ? TOKEN_NO_SESSION : NO_SESSION} (the server said: ${err.message})`);
    }
    // A server without /status: the given user id will do. Anything else decides the attempt.
    if (!(err instanceof HttpError && err.status === 404 && c.userId)) throw connectErrorOf('virola', err, 'checking the session');
    return undefined;
  }
}

/** The user names, once; names are a nicety: messages show without them. */
async function readNames(run: VirolaRun, signal: AbortSignal): Promise<ReadonlyMap<string, string>> {
  try {
    return await run.state.api.users(signal);
  } catch (err) {
    if (signal.aborted) throw connectErrorOf('virola', err, 'reading the users');
    run.report(new ParleyError('command', `virola: reading the user list failed: ${messageOf(err)}`, { protocol: 'virola', cause: err }));
    return new Map();
  }
}

/** The identify step: the session check, then the names, then `identity.changed`. */
export async function identify(run: VirolaRun, signal: AbortSignal): Promise<void> {
  const { state } = run;
  const fromStatus = await checkSession(run, signal);
  state.selfId = run.config.userId ?? fromStatus;
  state.names ??= await readNames(run, signal);
  if (signal.aborted) throw new ConnectError('client-closed', 'virola: connect aborted');
  const self = state.selfId;
  if (self === undefined) return;
  const name = state.names.get(self);
  run.emit([name ? { type: 'identity.changed', selfId: self, name } : { type: 'identity.changed', selfId: self }]);
}
