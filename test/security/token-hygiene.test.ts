/**
 * Token hygiene against the demo servers: a token given as a property never shows up in the DOM
 * (light or any shadow root), in any parley-* event the element dispatches, or in IndexedDB,
 * neither while chatting nor when something goes wrong (a malformed frame, a cut connection, a
 * refused sign-in with a recognizable bad token).
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
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const control = backendControl;

const kv = parleyStore;
const stored = storedText;

/** The element's outerHTML and every shadow root's innerHTML, recursively. */
function allMarkup(root: Element): string {
  const parts = [root.outerHTML];
  const walk = (node: Element | ShadowRoot) => {
    for (const el of node.querySelectorAll('*')) {
      if (el.shadowRoot) {
        parts.push(el.shadowRoot.innerHTML);
        walk(el.shadowRoot);
      }
    }
  };
  if (root.shadowRoot) parts.push(root.shadowRoot.innerHTML);
  walk(root.shadowRoot ?? root);
  walk(root);
  return parts.join('\n');
}

const EVENTS = ['parley-error', 'parley-message', 'parley-send', 'parley-connection-change', 'parley-conversation-select'];

/** Records every parley-* event's relevant fields as JSON strings. */
function recordEvents(chat: ParleyChat): { seen: string[]; errors: number } {
  const out = { seen: [] as string[], errors: 0 };
  for (const name of EVENTS) {
    chat.addEventListener(name, (e) => {
      const ev = e as Event & Json;
      const error = ev.error as (Error & Json) | undefined;
      if (name === 'parley-error') out.errors++;
      out.seen.push(JSON.stringify({
        type: e.type, status: ev.status, message: ev.message, conversation: ev.conversation, conversationId: ev.conversationId,
        detail: (e as CustomEvent).detail,
        error: error && { ...error, message: error.message, frame: error.frame, cause: String((error as { cause?: unknown }).cause ?? '') },
      }));
    });
  }
  return out;
}

function thread(chat: ParleyChat): readonly Message[] {
  const { activeConversation, messages } = chat.session.store.getState();
  return (activeConversation && messages.get(activeConversation)) || [];
}

interface Case {
  /** The real token the widget signs in with. */
  token: string;
  /** Mounts a persistent widget with `token` as a property. */
  mount(token: string): Promise<ParleyChat>;
  /** Something that makes the widget report an error (beyond the cut connection). */
  provoke?(): Promise<void>;
}

async function chatwootContact(): Promise<string> {
  const base = `${urls.chatwoot}/public/api/v1/inboxes/demo-inbox`;
  const post = async (url: string, body: unknown) => (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
  const contact = await post(`${base}/contacts`, { name: `Hygiene ${run}` }) as { source_id: string };
  const conversation = await post(`${base}/contacts/${contact.source_id}/conversations`, {}) as { id: number };
  await post(`${base}/contacts/${contact.source_id}/conversations/${conversation.id}/messages`, { content: 'need help' });
  return String(conversation.id);
}

const cases: Record<string, () => Promise<Case>> = {
  async chatwoot() {
    await control('chatwoot', 'reset', {});
    await control('chatwoot', 'agent', { enabled: false });
    const cid = await chatwootContact();
    return {
      token: 'demo-agent-token',
      mount: (token) => fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${urls.chatwoot} account-id="1"
        .token=${token} .conversation=${cid}></parley-chat>`),
    };
  },
  async spaces() {
    await control('spaces', 'reset', {});
    await control('spaces', 'agent', { enabled: false });
    const { id } = await control<{ id: string }>('spaces', 'space', { title: `Hygiene ${run}` });
    return {
      token: 'demo-user-token',
      mount: (token) => fixture<ParleyChat>(html`<parley-chat protocol="spaces" url=${urls.spaces} .token=${token}
        .conversation=${id}></parley-chat>`),
      provoke: async () => { await control('spaces', 'fail-next-send', { reason: 'rejected by the test' }); },
    };
  },
  async imkit() {
    await control('imkit', 'reset', {});
    await control('imkit', 'agent', { enabled: false });
    return {
      token: 'demo-imkit-token',
      mount: (token) => fixture<ParleyChat>(html`<parley-chat protocol="imkit" url=${urls.imkit} .token=${token}
        .options=${{ clientKey: 'demo-client-key', base64: false }} conversation="demo-room"></parley-chat>`),
    };
  },
  async comapi() {
    await control('comapi', 'reset', {});
    await control('comapi', 'agent', { enabled: false });
    const profileId = `hygiene-${run}`;
    const session = await control<{ token: string; conversationId: string }>('comapi', 'session', { profileId, name: 'Hygiene' });
    return {
      token: session.token,
      mount: (token) => fixture<ParleyChat>(html`<parley-chat protocol="comapi" url=${urls.comapi} .token=${token} user-id=${profileId}
        .options=${{ apiSpaceId: 'demo-space' }} .conversation=${session.conversationId}></parley-chat>`),
    };
  },
  async virola() {
    const reset = await control<{ rooms: { roomId: number; name: string }[] }>('virola', 'reset', {});
    await control('virola', 'correspondent', { enabled: false });
    const room = String(reset.rooms.find((r) => r.name === 'Vera')!.roomId);
    // Virola's events socket takes only the session cookie: the page signs in, the token serves REST.
    await virolaSignIn();
    return {
      token: 'demo-virola-token',
      mount: (token) => fixture<ParleyChat>(html`<parley-chat protocol="virola" url=${virolaSameSite} .token=${token}
        .conversation=${room}></parley-chat>`),
      provoke: async () => {
        await control('virola', 'raw', { text: 'not json at all' });
        await control('virola', 'raw', { text: '{"type":"TextMessagesCreated","data":{"messages":[{"roomId":2}]}}' });
      },
    };
  },
};

async function expectClean(chat: ParleyChat, events: { seen: string[] }, token: string): Promise<void> {
  expect(allMarkup(chat).includes(token), 'the token in the DOM').to.equal(false);
  const leaked = events.seen.filter((s) => s.includes(token));
  expect(leaked.length, `the token in events: ${leaked.join(' | ').replaceAll(token, '<TOKEN>')}`).to.equal(0);
  expect((await stored()).includes(token), 'the token in IndexedDB').to.equal(false);
}

describe('token hygiene: a token property stays out of the DOM, events and IndexedDB (every backend)', function () {
  this.timeout(45000);
  beforeEach(async () => { await clear(kv()); });

  for (const [name, setup] of Object.entries(cases)) {
    it(`${name}: chat, an error, a cut and a refused sign-in leave no trace of the token`, async () => {
      const c = await setup();
      const chat = await c.mount(c.token);
      const events = recordEvents(chat);
      try {
        await until(() => chat.connectionStatus === 'open', 15000, 'open');
        const text = `hygiene-${name}-${run}`;
        await type(chat, text);
        await until(() => thread(chat).some((m) => m.text.includes(text) && !m.id.startsWith('local:')), 15000, 'my message confirmed');
        await eventually(async () => (await stored()).includes(text), 10000, 'the cache written');

        if (c.provoke) {
          const before = events.errors;
          await c.provoke();
          if (name === 'spaces') await type(chat, `${text}-fails`);
          await until(() => events.errors > before, 15000, 'an error reported');
        }
        // A cut connection and refused reconnects: whatever is reported about them.
        await control(name, 'refuse', { ms: 1500 });
        await control(name, 'drop', {});
        await until(() => chat.connectionStatus === 'reconnecting', 15000, 'reconnecting');
        await control(name, 'refuse', { ms: 0 });
        await until(() => chat.connectionStatus === 'open', 30000, 'open again');
        await expectClean(chat, events, c.token);
      } finally {
        chat.remove();
        await control(name, 'refuse', { ms: 0 });
      }

      // A recognizable bad token: refused by the server; reported, but never repeated.
      const bad = `parley-SECRET-${name}-${run}`;
      const refused = await c.mount(bad);
      const badEvents = recordEvents(refused);
      try {
        await until(() => badEvents.errors > 0, 15000, 'the refused sign-in reported');
        await expectClean(refused, badEvents, bad);
      } finally {
        refused.remove();
      }
    });
  }
});
