/**
 * A page's running Comapi Foundation SDK as a Transport, so the runtime treats it like the
 * widget's own socket: its events are the frames (`sdk.on(name, handler)` for each event of the
 * seed, `{event: name, data}`), its socket's close is the transport's end. No other protocol
 * has a live source that is a page's own SDK: this role is Comapi's alone.
 *
 * @comapi/sdk-js-foundation 1.3.0 (read in its src/): `startSession()` returns the cached
 * session or makes one through the page's challenge, and (re)opens the socket when the socket is
 * enabled; the socket is enabled only by `withEnabledNonChatSocket(true)` in the config or
 * `services.appMessaging.enableSocket()`, so the widget enables it when the page did not. The
 * SDK reconnects its socket by itself (random delay up to min(30 s, 2^k − 1 s)) and publishes
 * `WebsocketOpened` after every open and `WebsocketClosed` after every close (webSocketManager).
 *
 * So `open` subscribes, enables the socket, and resolves once the SDK's socket is open (the
 * session was started by the identify step). A `WebsocketClosed` after that ends the transport
 * (a lost connection for the core, which connects again: that resolves at the SDK's next
 * `WebsocketOpened`, or at once if it already reopened). `close` removes only the widget's own
 * handlers; the page's stay. The widget opens no socket and no session of its own.
 */
import { ConnectError } from '../../connection-terms.js';
import type { CustomRequest, Transport, TransportEvents } from '../../transport/transport.js';
import { SDK_EVENTS } from './codec.js';
import { appMessagingGaps, type ComapiSdk, type SdkAppMessaging } from './options.js';
import { sdkCall } from './sdk-api.js';

/** The SDK's local events about its socket. */
const OPENED = 'WebsocketOpened';
const CLOSED = 'WebsocketClosed';

/** The request for the SDK's socket: the runtime makes it with `create` (a fake transport does not replace it). */
export function sdkRequest(sdk: ComapiSdk): CustomRequest {
  return { kind: 'custom', name: 'the page\'s Comapi SDK', create: (events) => sdkTransport(sdk, events) };
}

/** The SDK's events and socket, from `open` to `close`. */
function sdkTransport(sdk: ComapiSdk, events: TransportEvents): Transport {
  const handlers = new Map<string, (data: unknown) => void>();
  /** What the SDK last said about its socket since `open` subscribed. */
  let socket: 'unknown' | 'open' | 'closed' = 'unknown';
  let live = false;
  let done = false;
  let waiter: { resolve(): void; reject(err: Error): void } | undefined;

  const listen = (name: string, handler: (data: unknown) => void): void => {
    handlers.set(name, handler);
    sdk.on(name, handler);
  };

  function close(): void {
    if (done) return;
    done = true;
    live = false;
    for (const [name, handler] of handlers) sdk.off(name, handler);
    handlers.clear();
    const w = waiter;
    waiter = undefined;
    w?.reject(new ConnectError('client-closed', 'comapi: closed while waiting for the SDK socket'));
  }

  /** Resolves at the SDK's next `WebsocketOpened`; rejects when closed (an abort closes). */
  const opened = (): Promise<void> => new Promise<void>((resolve, reject) => {
    if (done) reject(new ConnectError('client-closed', 'comapi: connect aborted'));
    else waiter = { resolve, reject };
  });

  async function open(signal: AbortSignal): Promise<void> {
    signal.addEventListener('abort', close, { once: true });
    listen(OPENED, () => {
      socket = 'open';
      waiter?.resolve();
    });
    listen(CLOSED, () => {
      socket = 'closed';
      if (!live) return;
      live = false;
      events.ended('network-error', 'the Comapi SDK\'s socket closed (the SDK reconnects it)');
    });
    for (const name of SDK_EVENTS) listen(name, (data) => { if (!done) events.frame({ event: name, data }); });
    // Reading `appMessaging` enables the 1.3.0 SDK's socket (its Services getter); enableSocket says so outright.
    const am: unknown = sdk.services.appMessaging;
    const gaps = appMessagingGaps(am);
    if (gaps.length) throw new ConnectError('config-error', `comapi: option "sdk" must be a Comapi Foundation SDK; it lacks ${gaps.join(', ')}`);
    const messaging = am as SdkAppMessaging;
    const enable = messaging.enableSocket;
    const enabled = enable ? await sdkCall(() => enable.call(messaging), 'enabling the SDK socket', signal) : true;
    // startSession again: the session is there, so it only waits on the SDK's socket attempt.
    if (enabled !== false) await sdkCall(() => sdk.startSession(), 'opening the SDK socket', signal);
    if (enabled === false || socket === 'closed') await opened();
    if (done || signal.aborted) throw new ConnectError('client-closed', 'comapi: connect aborted');
    signal.removeEventListener('abort', close);
    live = true;
  }

  return {
    open,
    send: () => false,
    request: () => Promise.reject(new Error('comapi: the SDK\'s socket takes no frames from the widget')),
    close,
  };
}
