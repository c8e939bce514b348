/**
 * The Virola Messenger adapter: the Web API over REST (session cookie, or a Web API token as
 * `Authorization: Bearer`) plus the `/api/v1/events` WebSocket for live events. Options: see
 * `options.ts`.
 *
 * The events socket authenticates with the session cookie only: that is all Virola documents for
 * it [V1 doc/events.md, doc/login.md], a browser WebSocket cannot send an `Authorization` header,
 * and a token in the URL is not documented. So every connect first checks the page's cookie
 * session (`GET /api/v1/status`, cookie only [V1 doc/status.md]): without one it stops with
 * `auth-failed` and a message that says what to use instead (no retry, no socket opened), token or
 * not. Then it reads the user names once and opens the socket. With a token, REST calls carry it;
 * the socket still rides on the session. The core owns reconnects and the connect deadline: when
 * the socket drops, the adapter calls `host.closed(reason)` and never reopens it by itself.
 * Virola has no typing, presence or edit calls; those commands are not offered.
 */
import type { ChatEvent } from '../../events.js';
import type { Command } from '../../commands.js';
import { ParleyError, messageOf } from '../../errors.js';
import { HttpError, NetworkError } from '../../http.js';
import { ConnectError, type Adapter, type AdapterHost } from '../../protocol.js';
import { DecodeError, invalidValueText } from '../../wire.js';
import { initialSync, reconnectSync } from './backfill.js';
import { decodeFrame, type DecodeContext } from './codec.js';
import { executeCommand, type ExecuteDeps } from './execute.js';
import { readConfig, redact, type VirolaConfig, type WebSocketClass } from './options.js';
import { virolaApi, type VirolaApi } from './rest.js';
import { EventSocket } from './socket.js';

const COMMANDS: Command['type'][] = ['send', 'delete', 'markRead', 'loadOlder', 'openConversation'];

/** The page has no Virola session, and the events socket takes nothing else. */
export const NO_SESSION = 'virola: this page has no signed-in Virola session. The events socket (/api/v1/events) '
  + 'opens only with the session cookie that POST /api/v1/login sets: sign in on the Virola server\'s site first';
/** A token was given, but the events socket cannot use it and the page has no session either. */
export const TOKEN_NO_SESSION = 'virola: a Web API token cannot open the events socket: /api/v1/events takes only the '
  + 'session cookie that POST /api/v1/login sets, and this page has no such session. Sign in with POST /api/v1/login '
  + 'instead (then no token is needed); the token serves REST calls only';
/** What the core's connect deadline adds to its report. */
const TIMEOUT_HINT = 'the Virola events socket (/api/v1/events) did not open in time: check that /api/v1/events is '
  + 'reachable from this page (a proxy must pass WebSocket upgrades) and that the session cookie is sent to it (same site)';

/** A ConnectError for anything a connect-time call threw. */
function connectErrorOf(err: unknown, what: string): ConnectError {
  if (err instanceof ConnectError) return err;
  if (err instanceof HttpError) {
    const auth = err.status === 401 || err.status === 403;
    return new ConnectError(auth ? 'auth-failed' : 'network-error', `virola: ${what} refused: ${err.message}`);
  }
  if (err instanceof NetworkError) return new ConnectError('network-error', `virola: ${what} failed: ${err.message}`);
  if (err instanceof DecodeError) return new ConnectError('network-error', `virola: ${what} gave an unexpected answer: ${err.message}`);
  const aborted = typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError';
  return new ConnectError(aborted ? 'client-closed' : 'network-error', `virola: ${what} ${aborted ? 'aborted' : `failed: ${messageOf(err)}`}`);
}

/** Create the Virola adapter (the registry's `virola`). */
export function createAdapter(host: AdapterHost): Adapter {
  let cfg: VirolaConfig | undefined;
  let configError: ConnectError | undefined;
  try {
    cfg = readConfig(host.options);
  } catch (err) {
    configError = err instanceof ConnectError ? err : new ConnectError('config-error', messageOf(err));
  }
  const capabilities: ReadonlySet<Command['type']> = new Set(COMMANDS);
  const api: VirolaApi | undefined = cfg && virolaApi(host.fetch, cfg);
  let selfId: string | undefined;
  let names: ReadonlyMap<string, string> | undefined;
  let socket: EventSocket | undefined;
  const sent = new Set<string>();
  const marked = new Set<string>();

  const secrets = (): (string | undefined)[] => [cfg?.token];
  const hide = (err: ConnectError): ConnectError => {
    const text = redact(err.message, secrets());
    return text === err.message ? err : new ConnectError(err.reason, text);
  };
  const invalid = (problem: string): void => host.report(new ParleyError('decode', redact(invalidValueText('virola', problem), secrets()), { protocol: 'virola' }));
  const ctx = (): DecodeContext => ({ selfId, names: names ?? new Map(), baseUrl: cfg?.baseUrl ?? '', now: host.scheduler.now(), invalid });
  const dropped = (error: DecodeError, item: unknown): void => {
    host.report(new ParleyError('decode', redact(`virola frame dropped: ${error.message}`, secrets()), { protocol: 'virola', frame: item, cause: error }));
  };
  const deps = (): ExecuteDeps => {
    if (!api || !cfg) throw configError ?? new ConnectError('config-error', 'virola: bad options');
    return {
      api, ctx, dropped, report: (e) => host.report(e), pageSize: cfg.pageSize, initialRooms: cfg.initialRooms, sent, marked,
      state: () => host.getState(), selfId: () => selfId,
    };
  };

  /**
   * A text frame: decode and emit. A malformed frame is one report, however many messages of its
   * batch were dropped (the good ones still apply).
   */
  function receive(text: string): void {
    const bad: DecodeError[] = [];
    const invalidValues: string[] = []; // values dropped as impossible: part of this frame's one report
    let events: ChatEvent[] = [];
    try {
      events = decodeFrame(text, { ...ctx(), invalid: (problem) => { invalidValues.push(problem); } }, (error) => { bad.push(error); });
    } catch (err) {
      bad.push(err instanceof DecodeError ? err : new DecodeError(messageOf(err)));
    }
    if (events.length) host.emit(events);
    const more = invalidValues.length ? `; ${invalidValues.length} invalid value(s), first: ${invalidValues[0]}` : '';
    if (bad.length) {
      const summary = bad.length === 1 ? bad[0]!.message : `${bad.length} items dropped; first: ${bad[0]!.message}`;
      dropped(new DecodeError(`${summary}${more}`), text);
    } else if (invalidValues.length) {
      const rest = invalidValues.length > 1 ? ` (and ${invalidValues.length - 1} more in this frame)` : '';
      invalid(`${invalidValues[0]}${rest}`);
    }
  }

  function close(): void {
    const current = socket;
    socket = undefined;
    current?.close();
  }

  /** Who I am: the option, else the status answer; the status call also proves the credentials. */
  async function identify(c: VirolaConfig, a: VirolaApi, signal: AbortSignal): Promise<void> {
    let status: { userId: string } | undefined;
    try {
      status = await a.status(signal);
    } catch (err) {
      if (err instanceof HttpError && (err.status === 401 || err.status === 403)) {
        throw new ConnectError('auth-failed', `${c.token ? TOKEN_NO_SESSION : NO_SESSION} (the server said: ${err.message})`);
      }
      // A server without /status: the given user id will do. Anything else decides the attempt.
      if (!(err instanceof HttpError && err.status === 404 && c.userId)) throw connectErrorOf(err, 'checking the session');
    }
    selfId = c.userId ?? status?.userId;
    if (names === undefined) {
      try {
        names = await a.users(signal);
      } catch (err) {
        if (signal.aborted) throw connectErrorOf(err, 'reading the users');
        names = new Map(); // names are a nicety: messages show without them
        host.report(new ParleyError('command', redact(`virola: reading the user list failed: ${messageOf(err)}`, secrets()), { protocol: 'virola', cause: err }));
      }
    }
  }

  function openSocket(c: VirolaConfig, signal: AbortSignal): Promise<void> {
    const WebSocketImpl = c.WebSocket ?? (globalThis as { WebSocket?: WebSocketClass }).WebSocket;
    if (!WebSocketImpl) return Promise.reject(new ConnectError('config-error', 'virola: no WebSocket here; pass the option "WebSocket"'));
    const mine: EventSocket = new EventSocket({
      url: c.eventsUrl,
      WebSocket: WebSocketImpl,
      callbacks: {
        frame: (text) => { if (socket === mine) receive(text); },
        badFrame: (detail) => { if (socket === mine) dropped(new DecodeError(`frame: ${detail}`), `[${detail}]`); },
        ended: (reason, detail) => {
          if (socket !== mine) return;
          socket = undefined;
          host.closed(reason, detail);
        },
      },
    });
    socket = mine;
    const onAbort = (): void => { if (socket === mine) close(); };
    signal.addEventListener('abort', onAbort, { once: true });
    return mine.open().finally(() => signal.removeEventListener('abort', onAbort));
  }

  const adapter: Adapter & { readonly timeoutHint: string } = {
    capabilities,
    timeoutHint: TIMEOUT_HINT,

    async connect(signal) {
      if (!cfg || !api) throw configError ?? new ConnectError('config-error', 'virola: bad options');
      close();
      try {
        await identify(cfg, api, signal);
        if (signal.aborted) throw new ConnectError('client-closed', 'virola: connect aborted');
        const self = selfId;
        if (self !== undefined) {
          const name = names?.get(self);
          host.emit([name ? { type: 'identity.changed', selfId: self, name } : { type: 'identity.changed', selfId: self }]);
        }
        await openSocket(cfg, signal);
      } catch (err) {
        close();
        throw hide(connectErrorOf(err, 'connecting'));
      }
    },

    async sync(kind, signal) {
      try {
        return kind === 'initial'
          ? await initialSync(deps(), cfg?.conversation, signal)
          : await reconnectSync(deps(), host.view, signal);
      } catch (err) {
        throw hide(connectErrorOf(err, `${kind} sync`));
      }
    },

    async execute(command, signal) {
      if (!capabilities.has(command.type)) throw new Error(`virola: "${command.type}" is not supported`);
      return executeCommand(command, deps(), signal);
    },

    close,
  };
  return adapter;
}
