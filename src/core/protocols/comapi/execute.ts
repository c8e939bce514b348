/**
 * Commands over REST. A send answers `{id, eventId}`: the confirmed message, with the client
 * reference, sequence number and what was sent. Read marks cover every message of the others up
 * to the one the user saw; typing "on" goes out at most every 10 s per conversation.
 */
import type { Command, CommandOf } from '../../commands.js';
import type { ChatEvent } from '../../events.js';
import type { Message } from '../../model.js';
import { compareMessages } from '../../order.js';
import type { ChatState } from '../../store.js';
import { CLIENT_REF_KEY } from './decode-message.js';
import type { OutPart } from './rest.js';
import { loadMessages, type SyncDeps } from './sync.js';

/** A typing "on" is repeated at most this often (the SDK's throttle). */
export const TYPING_REPEAT_MS = 10_000;

/** What commands need beyond the fetches. */
export interface ExecuteDeps extends SyncDeps {
  now(): number;
  state(): ChatState;
  /** When "typing on" was last sent, per conversation. */
  typingSent: Map<string, number>;
}

/** The commands Comapi supports. */
export const COMAPI_COMMANDS: ReadonlySet<Command['type']> = new Set<Command['type']>([
  'send', 'typing', 'markRead', 'markDelivered', 'loadOlder', 'openConversation',
]);

function partsOf(c: CommandOf<'send'>): OutPart[] {
  const parts: OutPart[] = [];
  if (c.text) parts.push({ name: 'body', type: 'text/plain', data: c.text, size: new TextEncoder().encode(c.text).length });
  for (const a of c.attachments ?? []) {
    const p: OutPart = {};
    if (a.name) p.name = a.name;
    if (a.mime) p.type = a.mime;
    if (a.url) p.url = a.url;
    if (a.size !== undefined) p.size = a.size;
    if (p.url) parts.push(p);
  }
  return parts;
}

async function send(c: CommandOf<'send'>, d: ExecuteDeps, signal: AbortSignal): Promise<ChatEvent[]> {
  const sent = await d.api.sendMessage(c.conversationId, { metadata: { [CLIENT_REF_KEY]: c.clientRef }, parts: partsOf(c) }, signal);
  const state = d.state();
  const selfName = state.selfName;
  // The answer has no time: the live echo's (when it came first) stands, else now is the best guess.
  const echoed = state.messages.get(c.conversationId)?.find((m) => m.id === sent.id);
  const message: Message = {
    id: sent.id, conversationId: c.conversationId, kind: c.text ? 'text' : 'file', text: c.text, markup: 'plain',
    attachments: c.attachments ?? [], sender: selfName ? { id: d.selfId, role: 'self', name: selfName } : { id: d.selfId, role: 'self' },
    createdAt: echoed?.createdAt ?? d.now(), clientRef: c.clientRef, status: 'sent',
  };
  if (sent.eventId !== undefined) message.seq = sent.eventId;
  return [{ type: 'message.created', conversationId: c.conversationId, message, wireName: 'rest:send' }];
}

/** Others' messages up to (and including) the one the user saw, not yet marked read by me. */
function unreadUpTo(state: ChatState, c: CommandOf<'markRead'>, d: ExecuteDeps): string[] {
  const list = state.messages.get(c.conversationId) ?? [];
  const target = c.messageId ? list.find((m) => m.id === c.messageId) : undefined;
  return list.filter((m) => m.sender?.role !== 'self' && !m.id.startsWith('local:') && !m.deleted
    && (target ? compareMessages(m, target) <= 0 : c.at === undefined || m.createdAt <= c.at)
    && !d.receipts.isRead(c.conversationId, m.id)).map((m) => m.id);
}

/** Run one command. Errors (HttpError, NetworkError ...) propagate to the caller. */
export async function executeCommand(command: Command, d: ExecuteDeps, signal: AbortSignal): Promise<ChatEvent[]> {
  switch (command.type) {
    case 'send':
      return send(command, d, signal);
    case 'typing': {
      const cid = command.conversationId;
      if (command.on) {
        const last = d.typingSent.get(cid);
        if (last !== undefined && d.now() - last < TYPING_REPEAT_MS) return [];
        d.typingSent.set(cid, d.now());
      } else {
        d.typingSent.delete(cid);
      }
      await d.api.setTyping(cid, command.on, signal);
      return [];
    }
    case 'markRead':
      await d.receipts.read(command.conversationId, unreadUpTo(d.state(), command, d));
      return [];
    case 'markDelivered':
      d.receipts.delivered(command.conversationId, command.messageIds);
      d.receipts.flush();
      return [];
    case 'loadOlder': {
      const cid = command.conversationId;
      const before = command.beforeMessageId ? d.state().messages.get(cid)?.find((m) => m.id === command.beforeMessageId)?.seq : undefined;
      const known = [before, d.earliest.get(cid)].filter((n): n is number => n !== undefined);
      const oldest = known.length ? Math.min(...known) : undefined;
      if (oldest === undefined) return loadMessages(d, cid, undefined, signal);
      if (oldest <= 1) return [];
      return loadMessages(d, cid, oldest - 1, signal);
    }
    case 'openConversation':
      return loadMessages(d, command.conversationId, undefined, signal);
    default:
      throw new Error(`comapi: "${command.type}" is not supported`);
  }
}
