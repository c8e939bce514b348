/**
 * The Comapi (dotdigital App Messaging) protocol, declared: a session (ready-made token or the
 * challenge flow, `identity.ts`), one WebSocket `{socketUrl}/apispaces/{id}/socket?token=…` with
 * an `echo` every 60 s, and REST for everything outbound; or, with a page's running Foundation
 * SDK, the SDK's one session, socket (`sdk-transport.ts`) and REST services (`sdk-api.ts`).
 * Gap-free delivery on `conversationEventId` either way (`sequencer.ts`). Options: `options.ts`.
 *
 * The core owns reconnects: when the socket ends the runtime tells it; the adapter never reopens a
 * socket by itself (the SDK reopens its own).
 */
import { ParleyError, messageOf } from '../../errors.js';
import type { ChatEvent } from '../../events.js';
import { ConnectError } from '../../connection-terms.js';
import type { ProtocolDeclaration, ProtocolServices } from '../../runtime/declaration.js';
import { defineProtocol } from '../../runtime/define.js';
import { ReceiptSender } from '../../runtime/receipts.js';
import { Sequencer } from '../../runtime/sequencer.js';
import { TypingOrder } from '../../runtime/typing-order.js';
import type { TransportRequest } from '../../transport/transport.js';
import { webSocketTransport } from '../../transport/websocket.js';
import { uriComponent } from '../../wire.js';
import { decodeFrame, decodeSdkEvent } from './codec.js';
import { comapiCommands } from './commands.js';
import { AUTH_CLOSE_CODES, STATUS, SessionKeeper, identify, retryOnRenewedSession, withSession, type ComapiState, type Run } from './identity.js';
import { OPTIONS } from './option-specs.js';
import { readConfig, type ComapiConfig } from './options.js';
import { comapiApi, type ComapiApi } from './rest.js';
import { sdkApi } from './sdk-api.js';
import type { AttachmentRules } from '../../uploads.js';
import { sdkRequest } from './sdk-transport.js';
import { adoptConversation, contextOf, initialSync, readEvents, reconnectSync } from './sync.js';

/** The signal of the connection in progress or open (an aborted one when there is none). */
const signalOf = (state: ComapiState): AbortSignal => state.run?.signal ?? AbortSignal.abort();

/** Others' messages that arrived: mark them delivered (batched); remember who is called what. */
function track(state: ComapiState, events: readonly ChatEvent[]): void {
  for (const e of events) {
    if (e.type === 'profile.updated' && e.profile.name) state.names.set(e.profile.id, e.profile.name);
    if (e.type === 'message.created' && e.message.sender?.name) state.names.set(e.message.sender.id, e.message.sender.name);
  }
  state.receipts.deliveredIn(events);
}

/** A conversation that just became mine: its details and latest messages, in the background. */
function adopt(run: Run, cid: string): void {
  const { state } = run;
  run.background(`loading conversation ${cid}`, async (signal) => {
    const events = await withSession(state.session, (s) => adoptConversation(run, cid, s), signal).catch((err: unknown) => {
      state.loaded.delete(cid);
      throw err;
    });
    track(state, events);
    return events;
  });
}

/** Live events out: to the store, delivered marks, and follow-ups for conversations that became mine. */
function deliver(run: Run, events: ChatEvent[]): void {
  const { state } = run;
  const adopted = new Set<string>();
  for (const e of events) {
    if (e.type === 'conversation.created' && !state.loaded.has(e.conversation.id)) adopted.add(e.conversation.id);
    if (e.type === 'conversation.restored') adopted.add(e.conversationId);
    if (e.type === 'conversation.deleted' || (e.type === 'participant.left' && e.isSelf)) {
      state.seq.forget(e.conversationId);
      state.loaded.delete(e.conversationId);
      adopted.delete(e.conversationId);
    }
  }
  for (const cid of adopted) state.loaded.add(cid);
  run.emit(events);
  track(state, events);
  for (const cid of adopted) adopt(run, cid);
}

/**
 * What the content API takes: any type (`ContentData` carries whatever `File.type` says). No
 * size limit is published; 10 MB is assumed, the less convenient reading.
 */
export const ATTACHMENTS: AttachmentRules = { maxBytes: 10 * 1024 * 1024, maxFiles: 10 };

/** The adapter's state: the REST API (or the SDK's), the session, the sequencer and the marks. */
function stateOf(config: ComapiConfig, services: ProtocolServices): ComapiState {
  const sdk = config.sdk;
  let session: SessionKeeper | undefined;
  const api: ComapiApi = sdk ? sdkApi(() => sdk.services.appMessaging) : comapiApi({
    fetch: services.fetch, ...(services.upload ? { upload: services.upload } : {}), restBase: config.restBase, apiSpaceId: config.apiSpaceId, token: () => session?.token,
    secrets: () => [config.token, ...(session?.secrets() ?? [])],
  });
  if (!sdk) session = new SessionKeeper(config, api, services.storage, () => services.scheduler.now());
  const state: ComapiState = {
    api, session, typingOrder: new TypingOrder(), earliest: new Map(), typingSent: new Map(), loaded: new Set(), names: new Map(),
    receipts: new ReceiptSender({
      protocol: 'comapi',
      scheduler: services.scheduler,
      send: (cid, messageIds, status, at) => withSession(session, (s) => api.sendStatusUpdates(cid, [{ messageIds, status, timestamp: new Date(at).toISOString() }], s), signalOf(state)),
      report: (e) => state.run?.report(e),
      redact: (text) => state.run?.redact(text) ?? text,
    }),
    seq: new Sequencer({
      pageSize: config.pageSize,
      fetch: async (cid, from, limit) => {
        const run = state.run;
        return run ? withSession(session, (s) => readEvents(run, cid, from, limit, s), run.signal) : { decoded: [], count: 0 };
      },
      emit: (events) => { if (state.run) deliver(state.run, events); },
      failed: (cid, from, to, err) => state.run?.report(new ParleyError('command',
        `comapi: events ${from}–${to} of conversation ${cid} could not be fetched: ${messageOf(err)}`, { protocol: 'comapi', cause: err })),
    }),
  };
  return state;
}

/** A sync's events: note what is loaded, let the held live events through after them, mark theirs delivered. */
function synced(run: Run, events: ChatEvent[]): ChatEvent[] {
  const { state } = run;
  for (const e of events) {
    if (e.type === 'conversation.created') state.loaded.add(e.conversation.id);
    if (e.type === 'conversation.deleted') state.loaded.delete(e.conversationId);
  }
  state.seq.release(); // live events held meanwhile go out after these (the core applies sync first)
  track(state, events);
  state.receipts.flush();
  return events;
}

/** What to open: the page's SDK's socket, or the widget's own on the current session token. */
function connectRequest(run: Run): TransportRequest {
  const { config: c, state } = run;
  if (c.sdk) return sdkRequest(c.sdk);
  const token = state.session?.token;
  if (token === undefined) throw new ConnectError('config-error', 'comapi: no session without an SDK');
  state.socketTried = true;
  const url = `${c.socketBase}/apispaces/${uriComponent(c.apiSpaceId)}/socket?token=${uriComponent(token)}`;
  return { kind: 'websocket', url, authCloseCodes: AUTH_CLOSE_CODES, ...(c.webSocket ? { WebSocket: c.webSocket } : {}) };
}

/** Comapi, declared (the registry's `comapi`). */
export const declaration = {
  name: 'comapi',
  options: OPTIONS,
  readConfig,
  state: stateOf,
  secrets: (config, state) => [config.token, ...(state.session?.secrets() ?? [])],
  timeoutHint: (c) => (c.sdk
    ? 'the page\'s Comapi SDK has not (re)opened its socket; it retries by itself, up to 30 s apart'
    : 'the socket upgrade or the session challenge did not complete'),
  status: STATUS,
  transport: webSocketTransport,
  commands: () => comapiCommands,
  // The page's SDK keeps the session: uploads through it are not wired, so no attach button there.
  attachments: (config) => (config.sdk ? undefined : ATTACHMENTS),
  identify,
  connectRequest,
  retry: retryOnRenewedSession,
  opened(run) {
    if (run.config.sdk) return;
    run.every(run.config.echoMs, () => {
      run.transport?.send('message', JSON.stringify({ name: 'echo', payload: {}, publishedOn: new Date(run.scheduler.now()).toISOString() }));
    });
  },
  decode(frame, run) {
    const ctx = contextOf(run);
    const d = frame.event === 'message' ? decodeFrame(frame.data, ctx) : decodeSdkEvent(frame.event, frame.data, ctx);
    run.state.seq.accept(run.state.typingOrder.admit(d));
    return [];
  },
  initialSync: async (run, signal) => synced(run, await withSession(run.state.session, (s) => initialSync(run, s), signal)),
  catchUp: async (run, signal) => synced(run, await withSession(run.state.session, (s) => reconnectSync(run, s), signal)),
} satisfies ProtocolDeclaration<ComapiConfig, ComapiState>;

export const { createAdapter } = defineProtocol(declaration);
