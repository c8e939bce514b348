/**
 * Connecting through a page's Comapi Foundation SDK: its one session, its socket, its reconnects.
 *
 * @comapi/sdk-js-foundation 1.3.0 (read in its src/): `startSession()` returns the cached
 * session or makes one through the page's challenge, and (re)opens the socket when the socket is
 * enabled; the socket is enabled only by `withEnabledNonChatSocket(true)` in the config or
 * `services.appMessaging.enableSocket()`, so the widget enables it when the page did not. The
 * SDK reconnects its socket by itself (random delay up to min(30 s, 2^k − 1 s)) and publishes
 * `WebsocketOpened` after every open and `WebsocketClosed` after every close (webSocketManager).
 *
 * So: `connect` subscribes, starts (or adopts) the session, enables the socket, and resolves once
 * the SDK's socket is open. A `WebsocketClosed` after that is a lost connection for the core,
 * which closes this link and calls `connect` again: that resolves at the SDK's next
 * `WebsocketOpened` (or at once if it already reopened), and the core's catch-up follows. The
 * widget opens no socket and no session of its own.
 */
import { ConnectError, type DisconnectReason } from '../../protocol.js';
import { isRecord } from '../../wire.js';
import { SdkLink, type LiveSink } from './links.js';
import { appMessagingGaps, type ComapiSdk, type SdkAppMessaging } from './options.js';
import { sdkCall } from './sdk-api.js';

/** The SDK's local events about its socket. */
const OPENED = 'WebsocketOpened';
const CLOSED = 'WebsocketClosed';

/** What the connector needs from the adapter. */
export interface SdkConnectorDeps {
  sdk: ComapiSdk;
  sink: LiveSink;
  /** The SDK's socket closed after `connect` resolved (the core decides what follows). */
  closed(reason: DisconnectReason, detail: string): void;
}

/** The profile id of an SDK session (`ISession.profileId`), if it has one. */
export function sessionProfileId(session: unknown): string | undefined {
  return isRecord(session) && typeof session.profileId === 'string' && session.profileId ? session.profileId : undefined;
}

/** One connection through the SDK, from `connect` to `close`. */
export class SdkConnector {
  private link?: SdkLink;
  private readonly stateHandlers = new Map<string, () => void>();
  /** What the SDK last said about its socket since `connect` subscribed. */
  private socket: 'unknown' | 'open' | 'closed' = 'unknown';
  private live = false;
  private waiter?: { resolve(): void; reject(err: Error): void };

  constructor(private readonly deps: SdkConnectorDeps) {}

  /**
   * Start or adopt the SDK's session, hand its profile id to `ready` (which throws to refuse it),
   * subscribe to the SDK's events, enable its socket, and wait until that is open.
   */
  async connect(signal: AbortSignal, ready: (profileId: string | undefined) => void): Promise<void> {
    this.close();
    const { sdk, sink } = this.deps;
    this.listen(OPENED, () => { this.socket = 'open'; this.waiter?.resolve(); });
    this.listen(CLOSED, () => {
      this.socket = 'closed';
      if (this.live) this.lost();
    });
    const session = await sdkCall(() => sdk.startSession(), 'starting the SDK session', signal);
    if (signal.aborted) throw new ConnectError('client-closed', 'comapi: connect aborted');
    ready(sessionProfileId(session) ?? sessionProfileId(sdk.session));
    this.link = new SdkLink(sdk, sink);
    this.link.open();
    // Reading `appMessaging` enables the 1.3.0 SDK's socket (its Services getter); enableSocket says so outright.
    const am: unknown = sdk.services.appMessaging;
    const gaps = appMessagingGaps(am);
    if (gaps.length) throw new ConnectError('config-error', `comapi: option "sdk" must be a Comapi Foundation SDK; it lacks ${gaps.join(', ')}`);
    const messaging = am as SdkAppMessaging;
    const enable = messaging.enableSocket;
    const enabled = enable ? await sdkCall(() => enable.call(messaging), 'enabling the SDK socket', signal) : true;
    // startSession again: the session is there, so it only waits on the SDK's socket attempt.
    if (enabled !== false) await sdkCall(() => sdk.startSession(), 'opening the SDK socket', signal);
    if (enabled === false || this.socket === 'closed') await this.opened(signal);
    if (signal.aborted) throw new ConnectError('client-closed', 'comapi: connect aborted');
    this.live = true;
  }

  /** Unsubscribe everything of ours (the page's own handlers stay). Idempotent. */
  close(): void {
    this.live = false;
    this.socket = 'unknown';
    this.link?.close();
    this.link = undefined;
    for (const [name, handler] of this.stateHandlers) this.deps.sdk.off(name, handler);
    this.stateHandlers.clear();
    const w = this.waiter;
    this.waiter = undefined;
    w?.reject(new ConnectError('client-closed', 'comapi: closed while waiting for the SDK socket'));
  }

  private listen(name: string, handler: () => void): void {
    this.stateHandlers.set(name, handler);
    this.deps.sdk.on(name, handler);
  }

  private lost(): void {
    this.live = false;
    this.deps.closed('network-error', 'the Comapi SDK\'s socket closed (the SDK reconnects it)');
  }

  /** Resolves at the SDK's next `WebsocketOpened`; rejects when aborted or closed. */
  private opened(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => settle(new ConnectError('client-closed', 'comapi: connect aborted'));
      const settle = (err?: Error): void => {
        signal.removeEventListener('abort', onAbort);
        if (this.waiter === waiter) this.waiter = undefined;
        if (err) reject(err);
        else resolve();
      };
      const waiter = { resolve: () => settle(), reject: (err: Error) => settle(err) };
      if (signal.aborted) {
        onAbort();
        return;
      }
      this.waiter = waiter;
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
