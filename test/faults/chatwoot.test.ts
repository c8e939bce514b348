/**
 * Fault storm against the Chatwoot emulation (see harness.ts), the widget signed in as the
 * conversation's contact. Chatwoot deletes softly (the record keeps the message with
 * `content_attributes.deleted` and a placeholder text), so tombstones are compared too: a deleted
 * message is a row with no text on both sides. "read" is whether Ada had read the contact's
 * message: Chatwoot never changes an incoming message's status, it keeps a read time,
 * `agent_last_seen_at` (unix seconds), so the record says read where the message was created at or
 * before it. It is compared on live messages only: the store freezes a tombstone as it was
 * deleted. Chatwoot has no edits (the storm writes more instead), so `edited` is left out.
 *
 * The token change: a contact has no token to renew. Its credentials are the contact inbox's
 * `source_id` and `pubsub_token`, fixed for the contact's life (Chatwoot issues no second one), so
 * the closest a page comes is handing the widget the same identity again on a new connection:
 * `reconnect()`, the same path as a token change for the same user (the client is replaced, the
 * store, its cache namespace and its unsent messages are kept).
 * Typing: Ada's frames carry no order, so a swapped on/off pair legitimately leaves her shown
 * until the notice's 30 s expire (typing.ts).
 */
import { fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { control, servers } from '../helpers/servers.js';
import { stormAndCompare, type FaultTarget, type Row } from './harness.js';
import { TYPING_TTL_MS } from '../../src/core/protocols/chatwoot/decode-shared.js';

/** A message as the emulation's `/__control/messages` lists it (Chatwoot's own message JSON). */
interface RecordMessage {
  id: number;
  content: string;
  message_type: number;
  /** Unix seconds. */
  created_at: number;
  content_attributes?: { deleted?: boolean };
}

/** The conversation's `agent_last_seen_at` (unix seconds, 0 for never) from the emulation's state. */
async function agentLastSeenAt(conversationId: string): Promise<number> {
  const state = await control<{ conversations: { id: number; agent_last_seen_at: number }[] }>('state');
  return state.conversations.find((c) => String(c.id) === conversationId)?.agent_last_seen_at ?? 0;
}

const INCOMING = 0; // Chatwoot's message_type of the contact's own messages

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${url}: ${res.status}`);
  return (await res.json()) as T;
}

const chatwoot: FaultTarget = {
  name: 'chatwoot',
  async prepare() {
    await control('reset', {});
    await control('agent', { enabled: false });
    const base = `${servers.chatwoot}/public/api/v1/inboxes/demo-inbox`;
    const contact = await post<{ source_id: string; pubsub_token: string }>(`${base}/contacts`, { name: 'Storm Visitor' });
    const conversation = await post<{ id: number }>(`${base}/contacts/${contact.source_id}/conversations`, {});
    return { conversationId: String(conversation.id), sourceId: contact.source_id, pubsubToken: contact.pubsub_token };
  },
  mount: (extras) => fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot} inbox-identifier="demo-inbox"
    .sourceId=${String(extras.sourceId)} .pubsubToken=${String(extras.pubsubToken)} .conversation=${extras.conversationId}></parley-chat>`),
  async record(extras) {
    const seenAt = await agentLastSeenAt(String(extras.conversationId));
    const res = await fetch(`${servers.chatwoot}/__control/messages?conversation_id=${String(extras.conversationId)}`);
    const list = (await res.json()) as RecordMessage[];
    return list.map((m): Row => {
      const deleted = m.content_attributes?.deleted === true;
      return {
        id: String(m.id), text: deleted ? '' : m.content, deleted,
        ...(m.message_type === INCOMING && !deleted ? { read: m.created_at <= seenAt } : {}),
      };
    });
  },
  row: (v) => ({
    id: v.id, text: v.text, deleted: v.deleted,
    ...(v.mine && !v.deleted ? { read: v.status === 'read' } : {}),
  }),
  async renewCredentials(chat) {
    chat.reconnect();
    return 'no second contact credential in Chatwoot: the same identity on a new connection (reconnect())';
  },
  typist: { name: 'Ada', ttlMs: TYPING_TTL_MS, stopFrame: true, ordered: false },
};

describe('fault storm: Chatwoot', function () {
  this.timeout(180_000);
  it('ends with the thread equal to the server record', async () => {
    await stormAndCompare(chatwoot);
  });
});
