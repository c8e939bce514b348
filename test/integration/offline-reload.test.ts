/**
 * Issue 5, acceptance 1, against each demo server: a message written while the connection is cut
 * survives a reload (the durable outbox in IndexedDB), shows pending before the socket opens, and
 * once the server accepts again it is sent exactly once: once in the widget, once at the server.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { clear } from 'idb-keyval';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { Message } from '../../src/core/model.js';
import { eventually, until } from '../helpers/fake-protocol.js';
import { backendControl, servers } from '../helpers/servers.js';
import { parleyStore, storedText } from '../helpers/idb.js';
import { type } from '../helpers/composer.js';
import { signIn as virolaSignIn, virolaUrl as virolaSameSite } from '../virola/widget.js';

type Json = Record<string, unknown>;
const urls = servers as unknown as Record<string, string>;

const control = backendControl;


const kv = parleyStore;
const stored = storedText;

function thread(chat: ParleyChat): readonly Message[] {
  const { activeConversation, messages } = chat.session.store.getState();
  return (activeConversation && messages.get(activeConversation)) || [];
}
function rendered(chat: ParleyChat): { id: string; status: string; text: string }[] {
  const root = chat.shadowRoot?.querySelector('parley-thread')?.shadowRoot;
  return [...(root?.querySelectorAll('[part~="message"]') ?? [])].map((el) => ({
    id: el.getAttribute('data-message-id') ?? '', status: el.getAttribute('data-status') ?? '',
    text: el.querySelector('.text')?.textContent ?? el.textContent ?? '',
  }));
}

interface Setup {
  /** Mounts a persistent widget; the same configuration each call. */
  mount(): Promise<ParleyChat>;
  /** The server's own record of the conversation, one JSON string per message. */
  record(): Promise<string[]>;
}

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const json = (list: unknown[]) => list.map((m) => JSON.stringify(m));

const backends: Record<string, () => Promise<Setup>> = {
  async chatwoot() {
    await control('chatwoot', 'reset', {});
    await control('chatwoot', 'agent', { enabled: false });
    const base = `${urls.chatwoot}/public/api/v1/inboxes/demo-inbox`;
    const post = async (url: string, body: unknown) => (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
    const contact = await post(`${base}/contacts`, { name: `Reload ${run}` }) as { source_id: string; pubsub_token: string };
    const conversation = await post(`${base}/contacts/${contact.source_id}/conversations`, {}) as { id: number };
    const cid = String(conversation.id);
    return {
      mount: () => fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${urls.chatwoot} inbox-identifier="demo-inbox"
        .sourceId=${contact.source_id} .pubsubToken=${contact.pubsub_token} .conversation=${cid}></parley-chat>`),
      record: async () => json(await control<unknown[]>('chatwoot', `messages?conversation_id=${cid}`)),
    };
  },
  async spaces() {
    await control('spaces', 'reset', {});
    await control('spaces', 'agent', { enabled: false });
    const { id } = await control<{ id: string }>('spaces', 'space', { title: `Reload ${run}` }); // Dana is a member
    return {
      mount: () => fixture<ParleyChat>(html`<parley-chat protocol="spaces" url=${urls.spaces} .token=${'demo-user-token'}
        .conversation=${id} .options=${{ spaces: [id] }}></parley-chat>`),
      record: async () => json((await control<Json[]>('spaces', `messages?spaceId=${id}`)).filter((i) => !i.deleted)),
    };
  },
  async imkit() {
    await control('imkit', 'reset', {});
    await control('imkit', 'agent', { enabled: false });
    return {
      mount: () => fixture<ParleyChat>(html`<parley-chat protocol="imkit" url=${urls.imkit} .token=${'demo-imkit-token'}
        .options=${{ clientKey: 'demo-client-key', base64: false }} conversation="demo-room"></parley-chat>`),
      record: async () => json(await control<unknown[]>('imkit', 'messages?room=demo-room')),
    };
  },
  async comapi() {
    await control('comapi', 'reset', {});
    await control('comapi', 'agent', { enabled: false });
    const profileId = `reload-${run}`;
    const session = await control<{ token: string; conversationId: string }>('comapi', 'session', { profileId, name: 'Reload visitor' });
    return {
      mount: () => fixture<ParleyChat>(html`<parley-chat protocol="comapi" url=${urls.comapi} .token=${session.token} user-id=${profileId}
        .options=${{ apiSpaceId: 'demo-space' }} .conversation=${session.conversationId}></parley-chat>`),
      record: async () => json(await control<unknown[]>('comapi', `messages?conversationId=${session.conversationId}`)),
    };
  },
  async virola() {
    const reset = await control<{ rooms: { roomId: number; name: string }[] }>('virola', 'reset', {});
    await control('virola', 'correspondent', { enabled: false });
    const room = String(reset.rooms.find((r) => r.name === 'Vera')!.roomId);
    // Virola's events socket takes only the session cookie: the page signs in first.
    await virolaSignIn();
    return {
      mount: () => fixture<ParleyChat>(html`<parley-chat protocol="virola" url=${virolaSameSite}
        .conversation=${room}></parley-chat>`),
      record: async () => json(await control<unknown[]>('virola', `messages?roomId=${room}`)),
    };
  },
};

describe('offline reload: the durable outbox survives a reload and sends once (every backend)', function () {
  this.timeout(45000);
  beforeEach(async () => { await clear(kv()); });

  for (const [name, setup] of Object.entries(backends)) {
    it(`${name}: written while cut, reloaded, pending before the socket opens, then sent exactly once`, async () => {
      const { mount, record } = await setup();
      const text = `offline-${name}-${run}`;
      const after = `after-${name}-${run}`;
      const first = await mount();
      try {
        await until(() => first.connectionStatus === 'open', 15000, 'open');
        await control(name, 'refuse', { ms: 120000 });
        await control(name, 'drop', {});
        await until(() => first.connectionStatus === 'reconnecting', 15000, 'reconnecting');
        await type(first, text);
        await until(() => rendered(first).some((m) => m.text.includes(text) && m.status === 'pending'), 5000, 'pending while cut');
        await eventually(async () => (await stored()).includes(text), 10000, 'the outbox in IndexedDB');
      } finally {
        first.remove();
      }

      // What the reloaded widget went through, for a failure's message.
      const started = performance.now();
      const heard: string[] = [];
      const listen = (e: Event) => {
        const d = e as Event & { status?: string; reason?: string; error?: { code: string; message: string } };
        heard.push(`${Math.round(performance.now() - started)}ms ${e.type} ${d.status ?? ''}${d.reason ? `:${d.reason}` : ''}${d.error ? `${d.error.code}: ${d.error.message}` : ''}`);
      };
      document.addEventListener('parley-connection-change', listen);
      document.addEventListener('parley-error', listen);
      const chat = await mount();
      try {
        await until(() => rendered(chat).some((m) => m.text.includes(text)), 10000, 'the message after the reload');
        const before = rendered(chat).filter((m) => m.text.includes(text));
        expect(before.map((m) => m.status), 'pending after the reload').to.deep.equal(['pending']);
        expect(chat.connectionStatus === 'open', 'the socket is not open (the server still refuses)').to.equal(false);
        expect((await record()).some((m) => m.includes(text)), 'not at the server yet').to.equal(false);

        await control(name, 'refuse', { ms: 0 });
        heard.push(`${Math.round(performance.now() - started)}ms refusing no more`);
        await until(() => chat.connectionStatus === 'open', 30000, 'open again')
          .catch((err: Error) => { throw new Error(`${err.message}; the widget heard:\n  ${heard.join('\n  ')}`); });
        const confirmed = () => thread(chat).some((m) => m.text.includes(text) && !m.id.startsWith('local:') && m.status !== 'pending' && m.status !== 'failed');
        await until(confirmed, 15000, 'the reloaded message confirmed');
        // One more round trip, so a duplicate send would have landed by now.
        await type(chat, after);
        await until(() => thread(chat).some((m) => m.text.includes(after) && !m.id.startsWith('local:')), 15000, 'a later message confirmed');
        await eventually(async () => (await record()).some((m) => m.includes(after)), 10000, 'the later message at the server');

        expect(thread(chat).filter((m) => m.text.includes(text)).length, 'once in the widget\'s thread').to.equal(1);
        expect(rendered(chat).filter((m) => m.text.includes(text)).map((m) => m.status === 'pending' || m.status === 'failed'), 'rendered once, not pending').to.deep.equal([false]);
        expect((await record()).filter((m) => m.includes(text)).length, 'once at the server').to.equal(1);
      } finally {
        document.removeEventListener('parley-connection-change', listen);
        document.removeEventListener('parley-error', listen);
        chat.remove();
        await control(name, 'refuse', { ms: 0 });
      }
    });
  }
});
