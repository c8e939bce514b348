/**
 * The Avaya Spaces adapter: socket.io on the `/chat` namespace for live events and sends, REST for
 * state, history, read markers and deletes. Options: see `options.ts`.
 *
 * The core owns reconnects: the socket never reconnects by itself (`reconnection: false`); when it
 * drops, the adapter calls `host.closed(reason)`, and every reconnect subscribes to every space
 * again (subscriptions belong to one socket session).
 */
import type { Command } from '../../commands.js';
import { ParleyError, messageOf } from '../../errors.js';
import { NetworkError } from '../../http.js';
import { ConnectError, type Adapter, type AdapterHost } from '../../protocol.js';
import { encodeSubscribe, INBOUND_EVENTS } from './codec.js';
import type { DecodeContext } from './decode-shared.js';
import { executeCommand } from './execute.js';
import {
  connectErrorOf, fetchSelf, forgetGuest, resolveCredential, storeGuest, type Credential, type SelfIdentity,
} from './identity.js';
import { readConfig, type SpacesConfig } from './options.js';
import { PendingSends } from './pending-sends.js';
import { ReadThrottle } from './read-throttle.js';
import { spacesApi, type SpacesApi } from './rest.js';
import { redact } from './secrets.js';
import { loadIo, refusesV2Client, v2ServerError, v4ServerError } from './io-version.js';
import { SocketLink, type IoFactory } from './socket.js';
import { receiveFrame, type LiveDeps } from './receive.js';
import { SubscriptionRound } from './subscriptions.js';
import { CatchUp } from './catch-up.js';
import { claimOwnSends, initialSync, type SyncDeps } from './sync.js';
import { invalidValueText } from '../../wire.js';

/** What Spaces can do from this widget. It has no typing signal, and no edit call is used. */
const COMMANDS: Command['type'][] = ['send', 'delete', 'markRead', 'loadOlder', 'openConversation'];

/** Create the Spaces adapter (the registry's `spaces`). */
export function createAdapter(host: AdapterHost): Adapter {
  let cfg: SpacesConfig | undefined;
  let configError: ConnectError | undefined;
  try {
    cfg = readConfig(host.options);
  } catch (err) {
    configError = err instanceof ConnectError ? err : new ConnectError('config-error', messageOf(err));
  }
  const capabilities: ReadonlySet<Command['type']> = new Set(COMMANDS);
  const spaces = new Set(cfg?.spaces ?? []);
  const joined = new Set<string>();
  const cursors = new Map<string, number>();
  const sends = new PendingSends(host.scheduler, cfg?.sendTimeoutMs ?? 15_000);
  let api: SpacesApi | undefined;
  let credential: Credential | undefined;
  let self: SelfIdentity | undefined;
  let io: IoFactory | undefined;
  let link: SocketLink | undefined;
  let round = new SubscriptionRound();
  let abortConnect: ((err?: ConnectError) => void) | undefined;
  // What a catch-up could not fetch before going live follows on this connection; a failure there renews it.
  const catchUp = new CatchUp({
    emit: (events) => host.emit(claimOwnSends(events, host.view)),
    failed: (err) => {
      close();
      host.closed('network-error', redact(`spaces: the catch-up failed: ${messageOf(err)}`, secrets()));
    },
  });

  const secrets = (): (string | undefined)[] => [credential?.token, cfg?.token, cfg?.spacePassword];
  const hide = (err: ConnectError): ConnectError => {
    const text = redact(err.message, secrets());
    return text === err.message ? err : new ConnectError(err.reason, text);
  };
  const report = (code: 'command' | 'persist' | 'decode', text: string, cause?: unknown): void => {
    host.report(new ParleyError(code, redact(text, secrets()), { protocol: 'spaces', cause }));
  };
  const ctx = (): DecodeContext => {
    const c: DecodeContext = { now: host.scheduler.now(), members: (id) => host.view.members(id), invalid: (problem) => report('decode', invalidValueText('spaces', problem)) };
    if (self) c.selfId = self.selfId;
    return c;
  };
  const reads = new ReadThrottle(host.scheduler, cfg?.markReadIntervalMs ?? 5000,
    (spaceId) => (api ? api.markRead(spaceId, new AbortController().signal) : Promise.reject(new NetworkError('spaces: not connected'))),
    (spaceId, err) => report('command', `spaces: marking ${spaceId} read failed: ${messageOf(err)}`, err));
  const syncDeps = (): SyncDeps => {
    if (!api || !cfg) throw new NetworkError('spaces: not connected');
    return { api, ctx, pageSize: cfg.pageSize, cursors, secrets, report: (e) => host.report(e), held: (id) => host.view.heldRange(id) };
  };
  const live: LiveDeps = {
    host, ctx, sends, secrets, spaces,
    round: () => round,
    subscribe: (spaceId) => {
      spaces.add(spaceId);
      round.expect(spaceId);
      link?.emit('SUBSCRIBE_CHANNEL', encodeSubscribe(spaceId));
    },
    settled: () => settleRound(),
    connecting: () => abortConnect !== undefined,
  };

  function close(): void {
    catchUp.stop();
    const current = link;
    link = undefined;
    current?.close();
    sends.rejectAll(() => new NetworkError('spaces: the connection closed before the server answered'));
    reads.clear();
    const abort = abortConnect;
    abortConnect = undefined;
    abort?.(new ConnectError('client-closed', 'spaces: closed while connecting'));
  }

  /** While connecting: once every space answered, go live (or fail when none was accepted). */
  function settleRound(): void {
    if (!abortConnect || !round.settled) return;
    const settle = abortConnect;
    if (round.live.size > 0) {
      for (const [id, reason] of round.refused) host.report(new ParleyError('subscription', redact(`spaces: subscribing to space ${id} was refused: ${reason}`, secrets()), { protocol: 'spaces' }));
      settle();
      return;
    }
    const reasons = [...round.refused].map(([id, r]) => `${id}: ${r}`).join('; ');
    settle(new ConnectError('subscription-rejected', redact(`spaces: every subscription was refused (${reasons})`, secrets())));
    close();
  }

  function openSocket(c: SpacesConfig, factory: IoFactory, token: string, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let pending = true;
      let timer: number | undefined;
      const settle = (err?: ConnectError): void => {
        if (!pending) return;
        pending = false;
        abortConnect = undefined;
        if (timer !== undefined) host.scheduler.clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve();
      };
      const onAbort = (): void => {
        settle(new ConnectError('client-closed', 'spaces: connect aborted'));
        close();
      };
      abortConnect = (err) => settle(err);
      signal.addEventListener('abort', onAbort, { once: true });
      round = new SubscriptionRound();
      const mine: SocketLink = new SocketLink({
        connected: () => {
          if (link !== mine) return;
          for (const id of spaces) live.subscribe(id);
          timer = host.scheduler.setTimeout(() => {
            timer = undefined;
            if (!pending) return;
            settle(new ConnectError('network-error', 'spaces: no answer to SUBSCRIBE_CHANNEL'));
            close();
          }, c.subscribeTimeoutMs);
        },
        received: (event, payload) => { if (link === mine) receiveFrame(live, event, payload); },
        refused: (kind, detail) => {
          if (link !== mine) return;
          const fail = (err: ConnectError): void => {
            settle(err);
            close();
          };
          if (kind === 'v2-server') {
            fail(v2ServerError(c.socketIoVersion, c.io !== undefined));
            return;
          }
          const plain = new ConnectError(kind === 'auth' ? 'auth-failed' : 'network-error', redact(`spaces: the socket was refused: ${detail}`, secrets()));
          if (kind === 'network' && c.io === undefined && c.socketIoVersion === 2) {
            // socket.io-client 2 sees a socket.io 3/4 server's refusal as a bare "websocket error": ask the server.
            void refusesV2Client(c.socketUrl, c.socketPath, signal).then((v4Only) => {
              if (link === mine && pending) fail(v4Only ? v4ServerError() : plain);
            });
            return;
          }
          fail(plain);
        },
        ended: (reason, detail) => {
          if (link !== mine) return;
          if (pending) {
            settle(new ConnectError(reason === 'client-closed' ? 'network-error' : reason, redact(`spaces: ${detail}`, secrets())));
            close();
            return;
          }
          close();
          host.closed(reason, redact(detail, secrets()));
        },
      });
      link = mine;
      if (signal.aborted) {
        onAbort();
        return;
      }
      try {
        mine.open(factory, c.socketUrl, c.socketPath, { tokenType: c.tokenType, token }, INBOUND_EVENTS);
      } catch (err) {
        settle(new ConnectError('network-error', redact(`spaces: cannot open the socket: ${messageOf(err)}`, secrets())));
        close();
      }
    });
  }

  /** Credential, identity, joins, then the socket and its subscriptions. */
  async function establish(c: SpacesConfig, a: SpacesApi, signal: AbortSignal): Promise<void> {
    if (!credential) {
      const got = await resolveCredential(c, a, host.storage, host.scheduler.now(), signal, (err) => report('persist', `spaces: reading the guest identity failed: ${messageOf(err)}`, err));
      credential = got.credential;
      if (got.self) self = got.self;
    }
    if (!self) {
      self = c.userId ? { selfId: c.userId } : await fetchSelf(a, signal);
      if (credential.guest && credential.fresh) {
        storeGuest(c, host.storage, credential.token, self, host.scheduler.now())
          .catch((err: unknown) => report('persist', `spaces: keeping the guest identity failed: ${messageOf(err)}`, err));
      }
    }
    host.emit([self.name ? { type: 'identity.changed', selfId: self.selfId, name: self.name } : { type: 'identity.changed', selfId: self.selfId }]);
    if (c.join) {
      for (const id of spaces) {
        if (joined.has(id)) continue;
        try {
          await a.join(id, c.spacePassword, signal);
        } catch (err) {
          throw connectErrorOf(err, `joining space ${id}`);
        }
        joined.add(id);
      }
    }
    io ??= c.io ?? await loadIo(c.socketIoVersion);
    if (signal.aborted) throw new ConnectError('client-closed', 'spaces: connect aborted');
    await openSocket(c, io, credential.token, signal);
    credential = { ...credential, fresh: false };
  }

  return {
    capabilities,
    timeoutHint: 'the socket server never completed the socket.io handshake on /chat or never answered SUBSCRIBE_CHANNEL',

    async connect(signal) {
      if (!cfg) throw configError ?? new ConnectError('config-error', 'spaces: bad options');
      const c = cfg;
      close();
      const authHeader = (): string | undefined => credential && `${c.tokenType === 'oauth' ? 'bearer' : 'jwt'} ${credential.token}`;
      api ??= spacesApi(host.fetch, c.apiUrl, authHeader);
      for (let attempt = 0; ; attempt++) {
        try {
          await establish(c, api, signal);
          return;
        } catch (err) {
          const e = hide(connectErrorOf(err, 'connecting'));
          // A kept guest token can be refused before its 24 h are up: sign in as a guest again, once.
          if (e.reason !== 'auth-failed' || !credential?.guest || credential.fresh || attempt > 0 || signal.aborted) throw e;
          credential = undefined;
          self = undefined;
          await forgetGuest(c, host.storage).catch((x: unknown) => report('persist', `spaces: forgetting the guest identity failed: ${messageOf(x)}`, x));
        }
      }
    },

    async sync(kind, signal) {
      const d = syncDeps();
      const subscribed = [...spaces].filter((id) => round.live.has(id));
      try {
        const events = kind === 'initial' ? await initialSync(d, subscribed, signal) : await catchUp.sync(d, subscribed, signal);
        return claimOwnSends(events, host.view);
      } catch (err) {
        throw hide(connectErrorOf(err, `${kind} sync`));
      }
    },

    async execute(command, signal) {
      if (!capabilities.has(command.type)) throw new Error(`spaces: "${command.type}" is not supported`);
      return executeCommand(command, {
        sync: syncDeps(), sends, reads, view: host.view,
        emit: (event, payload) => link?.emit(event, payload) ?? false,
        ensureSubscribed: async (id, s) => {
          if (cfg?.join && api && !joined.has(id)) {
            await api.join(id, cfg.spacePassword, s);
            joined.add(id);
          }
          if (!round.live.has(id)) live.subscribe(id);
        },
      }, signal);
    },

    close,
  };
}
