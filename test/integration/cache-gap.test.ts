/**
 * Issue 9, against each demo server: a returning visitor loses no history. The widget caches a
 * conversation, goes away, more messages are written than one fresh page holds, and the reloaded
 * widget (same IndexedDB, new element) must, once scrolled up to the start, hold every message in
 * the server's order: none missing between the cached ones and the fresh page.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { clear } from 'idb-keyval';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { eventually, until } from '../helpers/fake-protocol.js';
import { backendControl as control, servers } from '../helpers/servers.js';
import { parleyStore, storedText } from '../helpers/idb.js';
import { signIn as virolaSignIn, virolaUrl as virolaSameSite } from '../virola/widget.js';

const urls = servers as unknown as Record<string, string>;
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/** Small pages where the backend lets the client choose, so a short walk crosses several. */
const PAGE = 5;

interface Setup {
  /** Mounts a persistent widget; the same configuration each call. */
  mount(): Promise<ParleyChat>;
  /** The other side writes `text` into the conversation. */
  say(text: string): Promise<unknown>;
  /** Messages in one fresh page: write more than this while the widget is gone. */
  page: number;
}

const backends: Record<string, () => Promise<Setup>> = {
  async chatwoot() {
    await control('chatwoot', 'reset', {});
    await control('chatwoot', 'agent', { enabled: false });
    const base = `${urls.chatwoot}/public/api/v1/inboxes/demo-inbox`;
    const post = async (url: string, body: unknown) => (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
    const contact = await post(`${base}/contacts`, { name: `Gap ${run}` }) as { source_id: string; pubsub_token: string };
    const conversation = await post(`${base}/contacts/${contact.source_id}/conversations`, {}) as { id: number };
    const cid = String(conversation.id);
    return {
      page: 20, // Chatwoot's public API always answers 20
      mount: () => fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${urls.chatwoot} inbox-identifier="demo-inbox"
        .sourceId=${contact.source_id} .pubsubToken=${contact.pubsub_token} .conversation=${cid}></parley-chat>`),
      say: (text) => control('chatwoot', 'agent-say', { conversation_id: Number(cid), content: text }),
    };
  },
  async spaces() {
    await control('spaces', 'reset', {});
    await control('spaces', 'agent', { enabled: false });
    const { id } = await control<{ id: string }>('spaces', 'space', { title: `Gap ${run}` });
    return {
      page: PAGE,
      mount: () => fixture<ParleyChat>(html`<parley-chat protocol="spaces" url=${urls.spaces} .token=${'demo-user-token'}
        .conversation=${id} .options=${{ spaces: [id], pageSize: PAGE }}></parley-chat>`),
      say: (text) => control('spaces', 'say', { spaceId: id, text }),
    };
  },
  async imkit() {
    await control('imkit', 'reset', {});
    await control('imkit', 'agent', { enabled: false });
    return {
      page: PAGE,
      mount: () => fixture<ParleyChat>(html`<parley-chat protocol="imkit" url=${urls.imkit} .token=${'demo-imkit-token'}
        .options=${{ clientKey: 'demo-client-key', base64: false, pageSize: PAGE }} conversation="demo-room"></parley-chat>`),
      say: (text) => control('imkit', 'say', { room: 'demo-room', text }),
    };
  },
  async comapi() {
    await control('comapi', 'reset', {});
    await control('comapi', 'agent', { enabled: false });
    const profileId = `gap-${run}`;
    const session = await control<{ token: string; conversationId: string }>('comapi', 'session', { profileId, name: 'Gap visitor' });
    return {
      page: PAGE,
      mount: () => fixture<ParleyChat>(html`<parley-chat protocol="comapi" url=${urls.comapi} .token=${session.token} user-id=${profileId}
        .options=${{ apiSpaceId: 'demo-space', pageSize: PAGE }} .conversation=${session.conversationId}></parley-chat>`),
      say: (text) => control('comapi', 'say', { conversationId: session.conversationId, text }),
    };
  },
  async virola() {
    const reset = await control<{ rooms: { roomId: number; name: string }[] }>('virola', 'reset', {});
    await control('virola', 'correspondent', { enabled: false });
    const room = reset.rooms.find((r) => r.name === 'Vera')!.roomId;
    await virolaSignIn(); // Virola's events socket takes only the session cookie
    return {
      page: PAGE,
      mount: () => fixture<ParleyChat>(html`<parley-chat protocol="virola" url=${virolaSameSite}
        .conversation=${String(room)} .options=${{ pageSize: PAGE }}></parley-chat>`),
      say: (text) => control('virola', 'say', { roomId: room, text }),
    };
  },
};

/** The open conversation's texts, in the widget's order. */
function texts(chat: ParleyChat): string[] {
  const { activeConversation, messages } = chat.session.store.getState();
  return ((activeConversation && messages.get(activeConversation)) || []).map((m) => m.text);
}

/** Scroll back to the start: ask for older pages (the thread may be asking too) until the history says there is no more. */
async function pageToStart(chat: ParleyChat): Promise<void> {
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const { activeConversation, history } = chat.session.store.getState();
    if (!activeConversation) throw new Error('no open conversation');
    const h = history.get(activeConversation);
    if (h?.hasMore === false && !h.loading) return;
    if (h?.loading) await new Promise((r) => setTimeout(r, 20));
    else await chat.session.loadOlder(activeConversation);
  }
  throw new Error('the history never reached its start');
}

/** Ours, by their tag, in order (Spaces' text is HTML: its tags go). */
const ours = (list: string[], tag: string) => list.map((t) => t.replace(/<[^>]*>/g, '').trim()).filter((t) => t.startsWith(tag));

describe('cache gap: a reload after messages were written while away shows every message (every backend)', function () {
  this.timeout(60000);
  beforeEach(async () => { await clear(parleyStore()); });

  for (const [name, setup] of Object.entries(backends)) {
    it(`${name}: cached, away while more than a page is written, reloaded: nothing missing after paging to the start`, async () => {
      const { mount, say, page } = await setup();
      const tag = `gap-${run}-${name}-`;
      const expected: string[] = [];
      const write = async (n: number) => {
        const text = `${tag}${expected.length + 1}`;
        expected.push(text);
        await say(text);
        await new Promise((r) => setTimeout(r, n)); // distinct times, so every backend keeps this order
      };
      for (let i = 0; i < 3; i++) await write(3);

      const first = await mount();
      try {
        await until(() => first.connectionStatus === 'open', 15000, 'open');
        await until(() => ours(texts(first), tag).length === 3, 10000, `the first messages (have ${JSON.stringify(texts(first))})`);
        await eventually(async () => (await storedText()).includes(`${tag}3`), 10000, 'the conversation cached');
      } finally {
        first.remove();
      }

      for (let i = 0; i < page + 10; i++) await write(3); // while the widget is gone

      const chat = await mount();
      try {
        await until(() => ours(texts(chat), tag).includes(`${tag}3`), 10000, 'the cached messages after the reload');
        await until(() => chat.connectionStatus === 'open', 15000, 'open');
        await until(() => ours(texts(chat), tag).includes(expected[expected.length - 1]!), 15000, 'the newest message');
        await pageToStart(chat);
        expect(ours(texts(chat), tag), 'every message, in order, none missing').to.deep.equal(expected);
      } finally {
        chat.remove();
      }
    });
  }
});
