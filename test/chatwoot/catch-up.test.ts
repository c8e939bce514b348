/**
 * The Chatwoot catch-up after a reconnect (sync.ts `reconnectSync`) over a fake API: how far
 * it pages, what it reads again behind the last known message, deleted messages and read marks.
 */
import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import type { Message } from '../../src/core/model.js';
import { MAX_CATCH_UP_PAGES, REFRESH_BEHIND, reconnectSync, type SyncDeps } from '../../src/core/protocols/chatwoot/sync.js';
import type { ChatwootApi } from '../../src/core/protocols/chatwoot/rest.js';
import { ChatStore } from '../../src/core/store.js';
import { viewOf } from '../helpers/fake-adapter-host.js';

const PAGE = 20;

/**
 * A message of conversation 7 as the Client API renders it (public/api/v1/models/_message: no
 * status, updated_at or echo_id); odd ids from the agent, even from the contact.
 */
function wire(id: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id, content: `m${id}`, message_type: id % 2 ? 1 : 0, content_type: 'text', content_attributes: {}, created_at: 1_700_000_000 + id,
    conversation_id: 7, sender: id % 2 ? { id: 1, name: 'Ada', type: 'user' } : { id: 10, name: 'Visitor', type: 'contact' },
    ...extra,
  };
}

/**
 * An API over messages 1..last that answers like the Client API: the latest 20, or the 20 before
 * `before`; conversation 7 is listed with `conversation`'s fields added.
 */
function fakeApi(last: number, change: (id: number) => Record<string, unknown> = () => ({}), conversation: Record<string, unknown> = {}): { api: ChatwootApi; befores: (string | undefined)[] } {
  const befores: (string | undefined)[] = [];
  const all = Array.from({ length: last }, (_, i) => wire(i + 1, change(i + 1)));
  const api = {
    listConversations: async () => [{ id: 7, inbox_id: 1, status: 'open', agent_last_seen_at: 0, contact_last_seen_at: 0, messages: [], ...conversation }],
    listMessages: async (_cid: string, before: string | undefined) => {
      befores.push(before);
      const end = before === undefined ? all.length : all.findIndex((m) => Number(m.id) >= Number(before));
      return all.slice(Math.max(0, (end < 0 ? all.length : end) - PAGE), end < 0 ? all.length : end);
    },
  } as unknown as ChatwootApi;
  return { api, befores };
}

function deps(api: ChatwootApi): SyncDeps {
  return { api, ctx: () => ({ role: 'contact', selfId: '10', now: 1_800_000_000_000 }), dropped: (err) => { throw err; } };
}

/** A store holding messages 1..known of conversation 7, and Ada typing there. */
function storeKnowing(known: number): ChatStore {
  const store = new ChatStore({ frame: (cb) => cb(), now: () => 1_800_000_000_000 });
  const messages: ChatEvent[] = Array.from({ length: known }, (_, i): ChatEvent => {
    const message: Message = { id: String(i + 1), conversationId: '7', kind: 'text', text: `m${i + 1}`, markup: 'plain', attachments: [], createdAt: i + 1, status: 'sent' };
    return { type: 'message.created', conversationId: '7', message };
  });
  store.apply([...messages, { type: 'typing.started', conversationId: '7', actor: { id: '1', role: 'agent' }, expiresAt: 1_800_000_030_000 }]);
  return store;
}

/** A store holding messages from..to of conversation 7. */
function storeHolding(from: number, to: number): ChatStore {
  const store = new ChatStore({ frame: (cb) => cb(), now: () => 1_800_000_000_000 });
  store.apply(Array.from({ length: to - from + 1 }, (_, i): ChatEvent => {
    const id = from + i;
    const message: Message = { id: String(id), conversationId: '7', kind: 'text', text: `m${id}`, markup: 'plain', attachments: [], createdAt: id, status: 'sent' };
    return { type: 'message.created', conversationId: '7', message };
  }));
  return store;
}

const created = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'message.created' ? [e.message] : []));

describe('chatwoot catch-up after a reconnect', () => {
  it('reads everything after the last known message, well past ten pages, without a gap', async () => {
    const { api, befores } = fakeApi(600);
    const events = await reconnectSync(deps(api), viewOf(storeKnowing(100)), new AbortController().signal);
    const ids = new Set(created(events).map((m) => Number(m.id)));
    for (let id = 101; id <= 600; id++) expect(ids.has(id), `message ${id}`).to.equal(true);
    expect(befores.length).to.be.greaterThan(10).and.at.most(MAX_CATCH_UP_PAGES);
  });

  it('reads every held message again, however old, and stops once past the oldest held', async () => {
    const deleted = { content: 'This message was deleted', content_attributes: { deleted: true } };
    const { api, befores } = fakeApi(300, (id) => (id === 95 || id === 3 ? deleted : {}));
    const events = await reconnectSync(deps(api), viewOf(storeKnowing(110)), new AbortController().signal);
    for (const id of ['95', '3']) {
      expect(created(events).find((m) => m.id === id), `a deletion made during the outage on held message ${id}`).to.deep.include({ deleted: true, text: '' });
    }
    const window = storeHolding(91, 110); // a store holding only the newest 20 before the cut
    const again = fakeApi(300);
    await reconnectSync(deps(again.api), viewOf(window), new AbortController().signal);
    const oldestRead = Number(again.befores.at(-1)) - PAGE;
    expect(oldestRead, 'back past the oldest held (91) and REFRESH_BEHIND').to.be.at.most(Math.min(91, 110 - REFRESH_BEHIND + 1));
    expect(oldestRead, 'and no page beyond').to.be.greaterThan(Math.min(91, 110 - REFRESH_BEHIND + 1) - PAGE - 1);
    expect(befores.length).to.be.at.most(MAX_CATCH_UP_PAGES);
  });

  it('a message deleted during the outage comes back as a tombstone: no placeholder text, no attachments', async () => {
    const attachment = { id: 3, file_type: 'image', data_url: 'https://files.test/a.png', thumb_url: '' };
    const { api } = fakeApi(30, (id) => (id === 25 ? { content: 'This message was deleted', content_attributes: { deleted: true }, attachments: [attachment] } : {}));
    const events = await reconnectSync(deps(api), viewOf(storeKnowing(28)), new AbortController().signal);
    expect(created(events).find((m) => m.id === '25')).to.deep.include({ deleted: true, text: '', attachments: [] });
  });

  it('the agents\' read time from the conversation list marks my older messages read, past the pages read again', async () => {
    // The agent read up to message 80 while the socket was cut: the live "read" frame was lost.
    const { api } = fakeApi(100, undefined, { agent_last_seen_at: 1_700_000_080 });
    const store = new ChatStore({ frame: (cb) => cb(), now: () => 1_800_000_000_000 });
    store.apply(Array.from({ length: 100 }, (_, i): ChatEvent => {
      const id = i + 1;
      const message: Message = { id: String(id), conversationId: '7', kind: 'text', text: `m${id}`, markup: 'plain', attachments: [], createdAt: (1_700_000_000 + id) * 1000, status: 'sent',
        sender: id % 2 ? { id: '1', role: 'agent', name: 'Ada' } : { id: '10', role: 'self', name: 'Visitor' } };
      return { type: 'message.created', conversationId: '7', message };
    }));
    const events = await reconnectSync(deps(api), viewOf(store), new AbortController().signal);
    expect(events.at(-1)).to.deep.include({ type: 'receipt.read', conversationId: '7', at: 1_700_000_080_000 });
    store.apply(events);
    const mine = store.getState().messages.get('7')!.filter((m) => m.sender?.role === 'self');
    expect(mine.filter((m) => m.status === 'read').map((m) => Number(m.id))).to.deep.equal(Array.from({ length: 40 }, (_, i) => 2 * (i + 1)));
  });
});
