/**
 * The IMKIT adapter: one Socket.IO link (`conf` + `auth2` on every connect) for live events, and
 * the client REST API for state, history and commands. Options: see `options.ts`.
 *
 * The core owns reconnects: Socket.IO runs with `reconnection: false`; when the socket drops the
 * adapter calls `host.closed(reason)`, and a later `connect` opens a fresh link (and re-sends
 * `conf` and `auth2`). A refused `auth2` is `auth-failed`: no retries.
 */
import type { Command } from '../../commands.js';
import { ParleyError, messageOf } from '../../errors.js';
import { HttpError } from '../../http.js';
import { ConnectError, type Adapter, type AdapterHost } from '../../protocol.js';
import { invalidValueText, isRecord } from '../../wire.js';
import type { DecodeContext } from './decode-shared.js';
import { executeCommand } from './execute.js';
import { SocketLink } from './link.js';
import { readConfig, type ImkitConfig } from './options.js';
import { redact } from './redact.js';
import { imkitApi, type ImkitApi } from './rest.js';
import { LiveDecoder } from './live.js';
import { ReadMarkers } from './read-markers.js';
import { reconnectSync } from './catch-up.js';
import { initialSync, type SyncDeps } from './sync.js';

const COMMANDS: Command['type'][] = ['send', 'edit', 'delete', 'typing', 'markRead', 'loadOlder', 'openConversation', 'acceptInvitation', 'declineInvitation'];

/** A refused credential on a REST call is fatal like a refused `auth2`. */
function connectErrorOf(err: unknown, what: string): ConnectError {
  if (err instanceof ConnectError) return err;
  if (err instanceof HttpError && (err.status === 401 || err.status === 403)) return new ConnectError('auth-failed', `imkit: ${what}: ${err.message}`);
  return new ConnectError('network-error', `imkit: ${what}: ${messageOf(err)}`);
}

function randomDeviceId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return `parley-${c?.randomUUID ? c.randomUUID() : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`}`;
}

/** Create the IMKIT adapter (the registry's `imkit`). */
export function createAdapter(host: AdapterHost): Adapter {
  let cfg: ImkitConfig | undefined;
  let configError: ConnectError | undefined;
  try {
    cfg = readConfig(host.options);
  } catch (err) {
    configError = err instanceof ConnectError ? err : new ConnectError('config-error', messageOf(err));
  }
  const api: ImkitApi | undefined = cfg && imkitApi(host.fetch, cfg.baseUrl, cfg.clientKey, cfg.token);
  let selfId = cfg?.userId;
  let deviceId = cfg?.deviceId;
  let link: SocketLink | undefined;
  /** Members' read markers heard so far: history pages get them again (see read-markers.ts). */
  const markers = new ReadMarkers();

  const secrets = (): (string | undefined)[] => [cfg?.token, cfg?.clientKey];
  const hide = (err: ConnectError): ConnectError => {
    const text = redact(err.message, secrets());
    return text === err.message ? err : new ConnectError(err.reason, text);
  };
  const invalid = (problem: string): void => host.report(new ParleyError('decode', redact(invalidValueText('imkit', problem), secrets()), { protocol: 'imkit' }));
  const ctx = (): DecodeContext => ({ ...(selfId !== undefined ? { selfId } : {}), now: host.scheduler.now(), typingTtlMs: cfg?.typingTtlMs ?? 6000, invalid });
  const deps = () => {
    if (!api || !cfg) throw new Error('imkit: not configured');
    const d: SyncDeps = { api, ctx, report: (e) => host.report(e), secrets, pageSize: cfg.pageSize };
    return { ...d, emitTyping: (roomId: string) => link?.emit('typing', roomId) ?? false };
  };

  const live = new LiveDecoder({
    ctx,
    base64: () => cfg?.base64 ?? false,
    state: () => host.getState(),
    emit: (events) => host.emit(markers.note(events)),
    report: (e) => host.report(e),
    secrets,
    invited: (roomId) => { if (cfg?.autoAcceptInvitations) void accept(roomId); },
  });

  /** `autoAcceptInvitations`: join at once; the events go out like live ones. */
  async function accept(roomId: string): Promise<void> {
    try {
      host.emit(markers.note(await executeCommand({ type: 'acceptInvitation', conversationId: roomId }, deps(), new AbortController().signal)));
    } catch (err) {
      host.report(new ParleyError('command', redact(`imkit: accepting the invitation to ${roomId} failed: ${messageOf(err)}`, secrets()), { protocol: 'imkit', cause: err }));
    }
  }

  async function resolveSelf(c: ImkitConfig, a: ImkitApi, signal: AbortSignal): Promise<void> {
    if (selfId === undefined) {
      const me = await a.me(signal);
      const id = isRecord(me) ? (typeof me._id === 'string' ? me._id : typeof me.id === 'string' ? me.id : undefined) : undefined;
      if (!id) throw new ConnectError('auth-failed', 'imkit: GET /me named no client; pass "userId"');
      selfId = id;
      const name = isRecord(me) && typeof me.nickname === 'string' && me.nickname ? me.nickname : undefined;
      host.emit([name ? { type: 'identity.changed', selfId: id, name } : { type: 'identity.changed', selfId: id }]);
    } else {
      host.emit([{ type: 'identity.changed', selfId }]);
    }
    a.setClientId(selfId);
    if (deviceId === undefined) {
      const key = `imkit:device:${c.url}`;
      const stored = await host.storage.get<string>(key).catch(() => undefined);
      deviceId = typeof stored === 'string' && stored ? stored : randomDeviceId();
      if (stored !== deviceId) await host.storage.set(key, deviceId).catch(() => undefined);
    }
  }

  function close(): void {
    const current = link;
    link = undefined;
    current?.close();
  }

  return {
    capabilities: new Set(COMMANDS),

    async connect(signal) {
      if (!cfg || !api) throw configError ?? new ConnectError('config-error', 'imkit: bad options');
      const c = cfg;
      close();
      try {
        await resolveSelf(c, api, signal);
      } catch (err) {
        throw hide(connectErrorOf(err, 'identifying the client'));
      }
      if (signal.aborted) throw new ConnectError('client-closed', 'imkit: connect aborted');
      const mine: SocketLink = new SocketLink({
        url: c.socketUrl, path: c.socketPath, base64: c.base64, token: c.token, clientKey: c.clientKey,
        deviceId: deviceId ?? randomDeviceId(), ackTimeoutMs: c.ackTimeoutMs, scheduler: host.scheduler,
        callbacks: {
          event: (name, payload) => { if (link === mine) live.receive(name, payload); },
          ended: (reason, detail) => {
            if (link !== mine) return;
            link = undefined;
            host.closed(reason, detail);
          },
          fault: (err) => { if (link === mine) host.report(new ParleyError('transport', redact(`imkit: ${messageOf(err)}`, secrets()), { protocol: 'imkit', cause: err })); },
        },
      });
      link = mine;
      try {
        await mine.open(signal);
      } catch (err) {
        if (link === mine) link = undefined;
        throw hide(connectErrorOf(err, 'connecting'));
      }
    },

    async sync(kind, signal) {
      try {
        return markers.note(kind === 'initial'
          ? await initialSync(deps(), cfg?.conversation, signal)
          : await reconnectSync(deps(), host.getState(), signal));
      } catch (err) {
        throw hide(connectErrorOf(err, `${kind} sync`));
      }
    },

    async execute(command, signal) {
      const c = command;
      if (!COMMANDS.includes(c.type)) {
        throw new Error(`imkit: "${c.type}" is not supported`);
      }
      try {
        const events = markers.note(await executeCommand(c, deps(), signal));
        // Messages of mine a history page brings are covered by the markers heard before it.
        return c.type === 'loadOlder' || c.type === 'openConversation' ? markers.after(c.conversationId, events) : events;
      } catch (err) {
        if (err instanceof Error) err.message = redact(err.message, secrets());
        throw err;
      }
    },

    close,
  };
}

