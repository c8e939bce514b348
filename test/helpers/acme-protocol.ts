/**
 * A sixth protocol written from docs/protocols/template.md (socket.io-style requests and frames),
 * registered as `acme`, and a backend to serve it behind the fake transport.
 */
import type { ChatEvent } from '../../src/core/events.js';
import type { Message } from '../../src/core/model.js';
import { registerProtocol } from '../../src/core/registry.js';
import type { ProtocolDeclaration } from '../../src/core/runtime/declaration.js';
import { defineProtocol } from '../../src/core/runtime/define.js';
import type { FakeConnection } from '../../src/core/transport/fake.js';
import { socketIoTransport } from '../../src/core/transport/socket-io.js';
import { DecodeError, isRecord, num, record, str } from '../../src/core/wire.js';

interface AcmeConfig { url: string; token: string; path: string }
interface AcmeState { selfId?: string }
/** A message as the acme wire has it. */
export interface WireMessage { id: string; room: string; text: string; from: string; at: number; ref?: string }

/** The one room. */
export const ROOM = 'lobby';

function messageOf(v: unknown, selfId: string | undefined): Message {
  const w = record(v, 'message');
  const from = str(w.from, 'message.from');
  const m: Message = {
    id: str(w.id, 'message.id'), conversationId: str(w.room, 'message.room'), kind: 'text', text: str(w.text, 'message.text'),
    markup: 'plain', attachments: [], createdAt: num(w.at, 'message.at'), status: 'sent',
    sender: { id: from, role: from === selfId ? 'self' : 'member' },
  };
  if (typeof w.ref === 'string') m.clientRef = w.ref;
  return m;
}

const created = (v: unknown, selfId: string | undefined, origin: 'live' | 'backfill'): ChatEvent => {
  const message = messageOf(v, selfId);
  return { type: 'message.created', conversationId: message.conversationId, message, wireName: 'message', origin };
};

/** The declaration, as the template has it. */
export const declaration = {
  name: 'acme',
  options: [{ name: 'path', type: 'string', description: 'The socket.io path.', default: '/socket.io' }],
  readConfig: (o) => {
    if (!o.token) throw new DecodeError('a token is needed');
    return { url: o.url, token: o.token, path: String(o.options.path ?? '/socket.io') };
  },
  state: () => ({}),
  secrets: (config) => [config.token],
  transport: socketIoTransport,
  connectRequest: (run) => ({ kind: 'socket.io', url: run.config.url, path: run.config.path, version: 4, timeoutMs: 10_000 }),
  async handshake(run, transport) {
    const self = await transport.request('hello', [run.config.token], 5_000);
    run.state.selfId = String(self);
    run.emit([{ type: 'identity.changed', selfId: String(self) }]);
  },
  decode: (frame, run) => {
    if (frame.event !== 'message') return [{ type: 'unknown', wireName: frame.event }];
    return [created(frame.data, run.state.selfId, 'live')];
  },
  async initialSync(run) {
    const list = await run.transport!.request('history', [{ room: ROOM }], 5_000);
    return [
      { type: 'conversation.created', conversation: { id: ROOM, kind: 'group', title: 'Lobby' } },
      ...(Array.isArray(list) ? list : []).map((v) => created(v, run.state.selfId, 'backfill')),
    ];
  },
  async catchUp(run) {
    const after = run.view.heldRange(ROOM)?.greatestId;
    const list = await run.transport!.request('history', [{ room: ROOM, after }], 5_000);
    return (Array.isArray(list) ? list : []).map((v) => created(v, run.state.selfId, 'backfill'));
  },
  commands: () => ({
    async send(command, run) {
      const stored = await run.transport!.request('send', [{ room: command.conversationId, text: command.text, ref: command.clientRef }], 5_000);
      return isRecord(stored) ? [created(stored, run.state.selfId, 'live')] : [];
    },
  }),
} satisfies ProtocolDeclaration<AcmeConfig, AcmeState>;

registerProtocol('acme', () => Promise.resolve(defineProtocol(declaration)));

/** A backend behind the fake transport: a room's messages, answered by request. */
/** A backend's messages, and its answers to the protocol's requests. */
export interface Backend { messages: WireMessage[]; serve(c: FakeConnection): void; add(text: string, from?: string): WireMessage }

/** A fresh backend. */
export function backend(): Backend {
  const messages: WireMessage[] = [];
  let next = 1;
  return {
    messages,
    serve(c) {
      c.answer = (event, args) => {
        const arg = (args[0] ?? {}) as Record<string, unknown>;
        if (event === 'hello') return args[0] === 'secret-token' ? 'me' : undefined;
        if (event === 'history') return messages.filter((m) => arg.after === undefined || Number(m.id) > Number(arg.after));
        if (event === 'send') {
          const m: WireMessage = { id: String(next++), room: String(arg.room), text: String(arg.text), from: 'me', at: Date.now(), ref: String(arg.ref) };
          messages.push(m);
          return m;
        }
        return undefined;
      };
    },
    add(text: string, from = 'ada'): WireMessage {
      const m: WireMessage = { id: String(next++), room: ROOM, text, from, at: Date.now() };
      messages.push(m);
      return m;
    },
  };
}

