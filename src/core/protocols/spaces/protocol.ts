/**
 * The Avaya Spaces protocol, declared: socket.io on the `/chat` namespace for live events and
 * sends, REST for state, history, read markers and deletes. Options: see `options.ts`.
 *
 * The core owns reconnects: the socket never reconnects by itself; when it drops, the core
 * connects again, and every connect subscribes to every space again (subscriptions belong to one
 * socket session, see subscriptions.ts).
 */
import { ParleyError } from '../../errors.js';
import type { ChatEvent } from '../../events.js';
import { NetworkError } from '../../http.js';
import { ConnectError } from '../../connection-terms.js';
import type { ProtocolDeclaration } from '../../runtime/declaration.js';
import { connectErrorOf } from '../../runtime/failures.js';
import { defineProtocol } from '../../runtime/define.js';
import type { Frame } from '../../transport/transport.js';
import { DecodeError } from '../../wire.js';
import { decodeSocketEvent, INBOUND_EVENTS, type SpacesFrame } from './codec.js';
import { spacesCommands } from './commands.js';
import { forgetRefusedGuest, identify, STATUS } from './identity.js';
import { spacesSocketIo } from './io-version.js';
import { OPTIONS } from './option-specs.js';
import { readConfig, type SpacesConfig } from './options.js';
import { onSubscriptionFrame, subscribe, subscribeAll } from './subscriptions.js';
import { catchUp, firstSync } from './sync-catch-up.js';
import { stateOf, type SpacesRun, type SpacesState } from './state.js';
import { claimSends, contextOf, depsOf } from './sync.js';

/** The subscribed spaces of this session. */
const subscribed = (run: SpacesRun): string[] => [...run.state.spaces].filter((id) => run.state.round.live.has(id));

/** Decode one socket event; a DecodeError names the event. */
function decodeNamed(frame: Frame, run: SpacesRun): SpacesFrame {
  try {
    return decodeSocketEvent(frame.event, frame.data, contextOf(run));
  } catch (err) {
    throw err instanceof DecodeError ? new DecodeError(`${frame.event}: ${err.message}`) : err;
  }
}

/** One socket event: its events, a waiting send confirmed or refused, subscription answers recorded. */
function receive(frame: Frame, run: SpacesRun): ChatEvent[] {
  const f = decodeNamed(frame, run);
  const { sends, spaces } = run.state;
  switch (f.kind) {
    case 'events':
      if (f.newSpaceId !== undefined && !spaces.has(f.newSpaceId)) subscribe(run, f.newSpaceId);
      // The echo of my own send confirms it: the send command resolves with these events.
      if (f.loopback !== undefined && sends.resolve(f.loopback, f.events)) return [];
      return f.events;
    case 'send-failed': {
      const ref = f.loopback ?? sends.oldest();
      const err = new Error(`spaces: SEND_MESSAGE_FAILED: ${f.reason}`);
      if (ref === undefined || !sends.reject(ref, err)) run.report(new ParleyError('command', err.message, { protocol: 'spaces' }));
      return [];
    }
    default:
      onSubscriptionFrame(run, f);
      return [];
  }
}

/** The socket session ended: waiting sends fail (the outbox keeps them), deferred markreads are dropped. */
function sessionEnded(run: SpacesRun): void {
  run.state.sends.rejectAll(() => new NetworkError('spaces: the connection closed before the server answered'));
  run.state.reads.clear();
}

/** Spaces, declared (the registry's `spaces`). */
export const declaration = {
  name: 'spaces',
  options: OPTIONS,
  readConfig,
  state: stateOf,
  secrets: (config, state) => [state.credential?.token, config.token, config.spacePassword],
  timeoutHint: 'the socket server never completed the socket.io handshake on /chat or never answered SUBSCRIBE_CHANNEL',
  status: STATUS,
  transport: spacesSocketIo,
  commands: () => spacesCommands,
  identify,
  connectRequest: (run) => ({
    kind: 'socket.io', url: run.config.socketUrl, path: run.config.socketPath, version: run.config.socketIoVersion,
    query: { tokenType: run.config.tokenType, token: run.state.credential?.token ?? '' }, events: INBOUND_EVENTS, timeoutMs: 20_000,
    ...(run.config.io ? { io: run.config.io } : {}),
  }),
  handshake(run) {
    run.signal.addEventListener('abort', () => sessionEnded(run), { once: true });
    return subscribeAll(run);
  },
  // A kept guest token can be refused before its 24 h are up: sign in as a guest again, once.
  retry: async (run, err, attempt) => attempt === 0 && forgetRefusedGuest(run, connectErrorOf('spaces', err, 'connecting', STATUS)),
  endedWhileConnecting: (reason, detail) => new ConnectError(reason === 'client-closed' ? 'network-error' : reason, `spaces: ${detail}`),
  opened(run) {
    const credential = run.state.credential;
    if (credential) run.state.credential = { ...credential, fresh: false };
  },
  decode: receive,
  initialSync: async (run, signal) => claimSends(await firstSync(depsOf(run), subscribed(run), signal), run.view),
  catchUp: async (run, signal) => claimSends(await catchUp(depsOf(run), subscribed(run), signal), run.view),
} satisfies ProtocolDeclaration<SpacesConfig, SpacesState>;

export const { createAdapter } = defineProtocol(declaration);
