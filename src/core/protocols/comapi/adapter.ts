/**
 * The Comapi (dotdigital App Messaging) adapter: a session (ready-made token or the challenge
 * flow), one WebSocket `{socketUrl}/apispaces/{id}/socket?token=…` with an `echo` every 60 s, and
 * REST for everything outbound; or, with a page's running Foundation SDK, the SDK's one session,
 * socket and REST services (`sdk-connect.ts`, `sdk-api.ts`). Gap-free delivery on
 * `conversationEventId` either way. Options: see `options.ts`.
 *
 * The core owns reconnects: when the socket ends the adapter closes it and calls
 * `host.closed(reason)`; it never reopens a socket by itself (the SDK reopens its own).
 */
import type { Command } from '../../commands.js';
import { ParleyError, messageOf } from '../../errors.js';
import type { ChatEvent } from '../../events.js';
import { HttpError } from '../../http.js';
import { ConnectError, type Adapter, type AdapterHost } from '../../protocol.js';
import { invalidValueText } from '../../wire.js';
import { readEventPage, type OnBad } from './decode-rest.js';
import type { DecodeContext } from './decode-shared.js';
import { COMAPI_COMMANDS, executeCommand, type ExecuteDeps } from './execute.js';
import { decodeReport, type LiveSink } from './links.js';
import { readConfig, type ComapiConfig } from './options.js';
import { ReceiptSender } from './receipts.js';
import { redact } from './redact.js';
import { comapiApi } from './rest.js';
import { sdkApi } from './sdk-api.js';
import { SdkConnector } from './sdk-connect.js';
import { Sequencer } from './sequencer.js';
import { SessionKeeper, connectErrorOf } from './session.js';
import { SocketConnector } from './socket-connect.js';
import { adoptConversation, initialSync, reconnectSync, type SyncDeps } from './sync.js';
import { TypingOrder } from './typing-order.js';

/** Create the Comapi adapter (the registry's `comapi`). */
export function createAdapter(host: AdapterHost): Adapter {
  let cfg: ComapiConfig | undefined;
  let configError: ConnectError | undefined;
  try {
    cfg = readConfig(host.options);
  } catch (err) {
    configError = err instanceof ConnectError ? err : new ConnectError('config-error', messageOf(err));
  }
  const now = (): number => host.scheduler.now();
  const secrets = (): (string | undefined)[] => [cfg?.token, ...(session?.secrets() ?? [])];
  const hide = (text: string): string => redact(text, secrets());
  const sdk = cfg?.sdk;
  const api = cfg && (sdk ? sdkApi(() => sdk.services.appMessaging)
    : comapiApi({ fetch: host.fetch, restBase: cfg.restBase, apiSpaceId: cfg.apiSpaceId, token: () => session?.token, secrets }));
  /** Parley's own session; none with an SDK, whose session is the only one. */
  const session: SessionKeeper | undefined = cfg && api && !cfg.sdk ? new SessionKeeper(cfg, api, host.storage, now) : undefined;
  let selfId: string | undefined;
  let live = new AbortController();
  const earliest = new Map<string, number>();
  const typingSent = new Map<string, number>();
  /** Conversations whose details and messages were loaded (by a sync, or adopted when I was added). */
  const loaded = new Set<string>();
  /** Display names seen on messages and profiles, for events that carry only a profile id. */
  const names = new Map<string, string>();
  const nameOf = (profileId: string): string | undefined => names.get(profileId) ?? host.getState().profiles.get(profileId)?.name;

  const invalid = (problem: string): void => host.report(new ParleyError('decode', redact(invalidValueText('comapi', problem), secrets()), { protocol: 'comapi' }));
  const ctx = (): DecodeContext => {
    const base: DecodeContext = { now: now(), typingTtlMs: cfg?.typingTtlMs, nameOf, invalid };
    return selfId === undefined ? base : { ...base, selfId };
  };
  const onBad: OnBad = (err, item) => host.report(decodeReport(err, item, secrets()));

  /** Run a REST call; a refused challenge-made session is renewed once. */
  async function withAuth<T>(fn: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
    try {
      return await fn(signal);
    } catch (err) {
      if (!(err instanceof HttpError && err.status === 401 && session?.renewable)) throw err;
      session.invalidate();
      await session.ensure(signal);
      return fn(signal);
    }
  }

  const receipts = new ReceiptSender({
    scheduler: host.scheduler,
    send: (cid, updates) => withAuth((s) => need(api).sendStatusUpdates(cid, updates, s), live.signal),
    report: (e) => host.report(e),
    redact: hide,
  });

  const seq = new Sequencer({
    pageSize: cfg?.pageSize ?? 50,
    fetch: async (cid, from, limit) => {
      const items = await withAuth((s) => need(api).listEvents(cid, from, limit, s), live.signal);
      return { decoded: readEventPage(items, cid, ctx(), onBad), count: items.length };
    },
    emit: (events) => deliver(events),
    failed: (cid, from, to, err) => host.report(new ParleyError('command',
      hide(`comapi: events ${from}–${to} of conversation ${cid} could not be fetched: ${messageOf(err)}`), { protocol: 'comapi', cause: err })),
  });

  function need<T>(v: T | undefined): T {
    if (v === undefined) throw configError ?? new ConnectError('config-error', 'comapi: bad options');
    return v;
  }

  function syncDeps(): SyncDeps {
    if (!selfId) throw new Error('comapi: not connected yet');
    return { api: need(api), cfg: need(cfg), ctx, selfId, seq, receipts, earliest, onBad };
  }

  /** Others' messages that arrived: mark them delivered (batched); remember who is called what. */
  function track(events: readonly ChatEvent[]): void {
    const byConversation = new Map<string, string[]>();
    for (const e of events) {
      if (e.type === 'profile.updated' && e.profile.name) names.set(e.profile.id, e.profile.name);
      if (e.type !== 'message.created') continue;
      const sender = e.message.sender;
      if (sender?.name) names.set(sender.id, sender.name);
      if (!sender || sender.role === 'self') continue;
      const ids = byConversation.get(e.message.conversationId) ?? [];
      ids.push(e.message.id);
      byConversation.set(e.message.conversationId, ids);
    }
    for (const [cid, ids] of byConversation) receipts.delivered(cid, ids);
  }

  /** Live events out: to the store, delivered marks, and follow-ups for conversations that became mine. */
  function deliver(events: ChatEvent[]): void {
    const adopt = new Set<string>();
    for (const e of events) {
      if (e.type === 'conversation.created' && !loaded.has(e.conversation.id)) adopt.add(e.conversation.id);
      if (e.type === 'conversation.restored') adopt.add(e.conversationId);
      if (e.type === 'conversation.deleted' || (e.type === 'participant.left' && e.isSelf)) {
        seq.forget(e.conversationId);
        loaded.delete(e.conversationId);
        adopt.delete(e.conversationId);
      }
    }
    for (const cid of adopt) loaded.add(cid);
    host.emit(events);
    track(events);
    for (const cid of adopt) void adopt1(cid, live);
  }

  async function adopt1(cid: string, current: AbortController): Promise<void> {
    try {
      const events = await withAuth((s) => adoptConversation(syncDeps(), cid, s), current.signal);
      if (current !== live || current.signal.aborted) return;
      host.emit(events);
      track(events);
    } catch (err) {
      loaded.delete(cid);
      if (current === live && !current.signal.aborted) {
        host.report(new ParleyError('command', hide(`comapi: loading conversation ${cid} failed: ${messageOf(err)}`), { protocol: 'comapi', cause: err }));
      }
    }
  }

  const typingOrder = new TypingOrder();
  const sink: LiveSink = { ctx, accept: (d) => seq.accept(typingOrder.admit(d)), report: (e) => host.report(e), secrets };

  function close(): void {
    live.abort();
    live = new AbortController();
    connector?.close();
    sdkConnector?.close();
    seq.reset();
    receipts.pause();
  }

  /** After a socket failed to open: does the REST API refuse the session too? */
  async function sessionRefused(signal: AbortSignal): Promise<boolean> {
    try {
      await need(api).listConversations(selfId ?? '', signal);
      return false;
    } catch (err) {
      return err instanceof HttpError && (err.status === 401 || err.status === 403);
    }
  }

  const connector = cfg && session && new SocketConnector({
    cfg, keeper: session, scheduler: host.scheduler, sink, sessionRefused, hide,
    closed: (reason, detail) => host.closed(reason, detail),
    abort: () => close(),
  });

  const sdkConnector = cfg?.sdk && new SdkConnector({ sdk: cfg.sdk, sink, closed: (reason, detail) => host.closed(reason, detail) });

  /** "Me" is known: say so, and hold live events until the sync is applied. */
  function identify(profileId: string | undefined): void {
    selfId = profileId;
    if (!selfId) throw new ConnectError('config-error', 'comapi: whose chat is this? Give "userId" (or the option "profileId") with a ready-made token');
    host.emit([{ type: 'identity.changed', selfId }]);
    seq.hold();
  }

  /** Connect through the page's SDK: its session's profile is "me" (else `userId`). */
  async function connectSdk(c: ComapiConfig, signal: AbortSignal): Promise<void> {
    try {
      await need(sdkConnector).connect(signal, (profileId) => identify(profileId ?? c.profileId));
    } catch (err) {
      sdkConnector?.close();
      throw connectErrorOf(err, 'connecting through the page\'s SDK', secrets());
    }
  }

  return {
    capabilities: COMAPI_COMMANDS,
    timeoutHint: cfg?.sdk
      ? 'the page\'s Comapi SDK has not (re)opened its socket (it retries by itself, up to 30 s apart)'
      : 'the socket upgrade or the session challenge did not complete',

    async connect(signal) {
      const c = cfg;
      if (!c) throw configError ?? new ConnectError('config-error', 'comapi: bad options');
      close();
      if (c.sdk) return connectSdk(c, signal);
      const keeper = session;
      if (!keeper) throw configError ?? new ConnectError('config-error', 'comapi: bad options');
      try {
        await keeper.ensure(signal);
      } catch (err) {
        throw connectErrorOf(err, 'starting a session', secrets());
      }
      if (signal.aborted) throw new ConnectError('client-closed', 'comapi: connect aborted');
      identify(c.profileId ?? keeper.profileId);
      await need(connector).connect(signal);
    },

    async sync(kind, signal) {
      let events: ChatEvent[];
      try {
        events = await withAuth((s) => (kind === 'initial' ? initialSync(syncDeps(), s) : reconnectSync(syncDeps(), host.getState(), s)), signal);
      } catch (err) {
        throw connectErrorOf(err, `${kind} sync`, secrets());
      }
      for (const e of events) {
        if (e.type === 'conversation.created') loaded.add(e.conversation.id);
        if (e.type === 'conversation.deleted') loaded.delete(e.conversationId);
      }
      seq.release(); // live events held meanwhile go out after these (the core applies sync first)
      track(events);
      receipts.flush();
      return events;
    },

    async execute(command: Command, signal) {
      if (!COMAPI_COMMANDS.has(command.type)) throw new Error(`comapi: "${command.type}" is not supported`);
      const deps: ExecuteDeps = { ...syncDeps(), now, state: () => host.getState(), typingSent };
      return withAuth((s) => executeCommand(command, deps, s), signal);
    },

    close,
  };
}
