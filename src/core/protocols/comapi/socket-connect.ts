/**
 * Connecting the Comapi socket: open it on the current session token; when it cannot open, ask
 * the REST API whether the session is the reason (a browser never sees the upgrade's status). A
 * refused challenge-made session is renewed once; a refused ready-made token is `auth-failed`.
 */
import { messageOf } from '../../errors.js';
import { ConnectError, type DisconnectReason, type Scheduler } from '../../protocol.js';
import { uriComponent } from '../../wire.js';
import { receiveFrame, type LiveSink } from './links.js';
import type { ComapiConfig } from './options.js';
import type { SessionKeeper } from './session.js';
import { SocketLink } from './socket.js';

type Outcome = 'open' | { reason: DisconnectReason; detail: string };

/** What the connector needs from the adapter. */
export interface SocketConnectorDeps {
  cfg: ComapiConfig;
  keeper: SessionKeeper;
  scheduler: Scheduler;
  sink: LiveSink;
  /** After a socket failed to open: does the REST API refuse the session too? */
  sessionRefused(signal: AbortSignal): Promise<boolean>;
  /** The open socket ended (the core decides about reconnecting). */
  closed(reason: DisconnectReason, detail: string): void;
  /** Connecting was aborted: close everything. */
  abort(): void;
  hide(text: string): string;
}

/** Owns the adapter's socket. */
export class SocketConnector {
  private socket?: SocketLink;
  private cancelPending?: () => void;

  constructor(private readonly deps: SocketConnectorDeps) {}

  /** Open the socket and resolve once it is open; rejects with a ConnectError. */
  async connect(signal: AbortSignal): Promise<void> {
    const { keeper } = this.deps;
    for (let attempt = 0; ; attempt++) {
      const out = await this.open(await keeper.ensure(signal), signal);
      if (out === 'open') return;
      if (out.reason !== 'network-error') throw new ConnectError(out.reason, `comapi: ${out.detail}`);
      if (!(await this.deps.sessionRefused(signal))) throw new ConnectError('network-error', `comapi: ${out.detail}`);
      if (attempt > 0 || !keeper.renewable) throw new ConnectError('auth-failed', 'comapi: the server refused the session token');
      keeper.invalidate();
    }
  }

  /** Close the socket (and fail a connect in progress). No callback runs afterwards. */
  close(): void {
    const current = this.socket;
    this.socket = undefined;
    current?.close();
    const cancel = this.cancelPending;
    this.cancelPending = undefined;
    cancel?.();
  }

  /** Open once; resolves with 'open' or how it ended. Rejects only when aborted or misconfigured. */
  private open(token: string, signal: AbortSignal): Promise<Outcome> {
    const { cfg, scheduler, sink } = this.deps;
    return new Promise<Outcome>((resolve, reject) => {
      let pending = true;
      const settle = (out: Outcome | ConnectError): void => {
        if (!pending) return;
        pending = false;
        this.cancelPending = undefined;
        signal.removeEventListener('abort', onAbort);
        if (out instanceof ConnectError) reject(out);
        else resolve(out);
      };
      const onAbort = (): void => {
        settle(new ConnectError('client-closed', 'comapi: connect aborted'));
        this.deps.abort();
      };
      this.cancelPending = () => settle(new ConnectError('client-closed', 'comapi: closed while connecting'));
      signal.addEventListener('abort', onAbort, { once: true });
      const ctor = cfg.webSocket ?? (globalThis as { WebSocket?: ComapiConfig['webSocket'] }).WebSocket;
      if (!ctor) {
        settle(new ConnectError('config-error', 'comapi: no WebSocket here; pass the option "webSocket"'));
        return;
      }
      const link: SocketLink = new SocketLink({
        url: `${cfg.socketBase}/apispaces/${uriComponent(cfg.apiSpaceId)}/socket?token=${uriComponent(token)}`,
        webSocket: ctor, scheduler, echoMs: cfg.echoMs,
        callbacks: {
          opened: () => { if (this.socket === link) settle('open'); },
          message: (text) => { if (this.socket === link) receiveFrame(text, sink); },
          ended: (reason, detail) => {
            if (this.socket !== link) return;
            this.socket = undefined;
            if (pending) settle({ reason, detail });
            else this.deps.closed(reason, detail);
          },
        },
      });
      this.socket = link;
      if (signal.aborted) {
        onAbort();
        return;
      }
      try {
        link.open();
      } catch (err) {
        this.socket = undefined;
        settle(new ConnectError('config-error', this.deps.hide(`comapi: cannot open the socket: ${messageOf(err)}`)));
      }
    });
  }
}
