/**
 * XSS corpus against the Chatwoot emulation: message content, attachment URL / thumbnail URL /
 * file name (visitor view), and the contact's name as sender name, typing name and conversation
 * title (agent view, where the list is shown).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { until } from '../helpers/fake-protocol.js';
import { control, servers } from '../helpers/servers.js';
import { newContact } from '../helpers/chatwoot-contact.js';
import { expectClean, expectTrapEmpty, mark, visible } from './harness.js';
import { deepText, installTrap, type Trap } from './trap.js';
import { MARKUP_VECTORS, URL_VECTORS } from './vectors.js';

describe('XSS: Chatwoot', function () {
  this.timeout(20000);
  let trap: Trap;
  beforeEach(async () => { await control('reset', {}); await control('agent', { enabled: false }); trap = installTrap(); });
  afterEach(async () => { trap.uninstall(); await control('agent', { enabled: true }); });

  it('message content and attachment URL, thumbnail URL and file name stay inert (visitor view)', async () => {
    const who = await newContact('Visitor');
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot}
      inbox-identifier="demo-inbox" .sourceId=${who.source_id} .pubsubToken=${who.pubsub_token} no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    for (const v of MARKUP_VECTORS) {
      const text = `${mark('content', v.id)} ${v.payload}`;
      await control('agent-say', { conversation_id: who.conversationId, content: text });
      await visible(chat, text, `content ${v.id} as text`);
      expectClean(chat, `content ${v.id}`);
    }
    for (const v of URL_VECTORS) {
      await control('agent-say', {
        conversation_id: who.conversationId, content: mark('url', v.id),
        attachments: [{ file_type: 'image', data_url: v.payload, thumb_url: v.payload }, { file_type: 'file', data_url: v.payload, thumb_url: v.payload }],
      });
      await visible(chat, mark('url', v.id));
      expectClean(chat, `attachment url ${v.id}`);
    }
    // The file name comes from the URL's last path segment, decoded: a vector there shows as text.
    // (Only vectors without an attacker URL: the file URL itself is same-origin and requested.)
    for (const v of MARKUP_VECTORS.filter((x) => !x.payload.includes('attacker.invalid'))) {
      const name = `${mark('name', v.id)}${v.payload}`;
      await control('agent-say', {
        conversation_id: who.conversationId, content: mark('file', v.id),
        attachments: [{ file_type: 'file', data_url: `${location.origin}/__missing/${encodeURIComponent(name)}` }],
      });
      await visible(chat, mark('name', v.id), `file name ${v.id}`);
      expectClean(chat, `file name ${v.id}`);
    }
    await expectTrapEmpty(chat, trap);
  });

  it('avatar URLs stay inert: the agent avatar in the visitor view, the contact avatar in the agent view', async () => {
    const who = await newContact('Visitor');
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot}
      inbox-identifier="demo-inbox" .sourceId=${who.source_id} .pubsubToken=${who.pubsub_token} no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    // Control: a plain https avatar is shown, so a vector that is not shown was refused.
    const good = `${location.origin}/__avatar.png`;
    await control('avatar', { url: good });
    await control('agent-say', { conversation_id: who.conversationId, content: mark('avatar', 'control') });
    await visible(chat, mark('avatar', 'control'));
    const thread = chat.shadowRoot!.querySelector('parley-thread')!.shadowRoot!;
    await until(() => [...thread.querySelectorAll('img[part="avatar"]')].some((img) => img.getAttribute('src') === good), 5000, 'the control avatar');
    for (const v of URL_VECTORS) {
      await control('avatar', { url: v.payload });
      // A message from the contact in between starts a new group, which shows the agent's avatar again.
      await control('contact-say', { conversation_id: who.conversationId, source_id: who.source_id, content: mark('break', v.id) });
      await control('agent-say', { conversation_id: who.conversationId, content: mark('avatar', v.id) });
      await visible(chat, mark('avatar', v.id), `agent avatar ${v.id}`);
      const m = [...chat.session.store.getState().messages.get(who.conversationId) ?? []].find((x) => x.text === mark('avatar', v.id));
      // The codec drops a non-http(s) avatar (a `decode` parley-error); the renderer's own refusal is
      // tested in test/elements. No vector here is an http(s) URL.
      expect(m?.sender?.avatarUrl, 'the codec dropped the vector').to.equal(undefined);
      expectClean(chat, `agent avatar ${v.id}`);
    }
    await expectTrapEmpty(chat, trap);
    chat.remove();
    const agent = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot} account-id="1"
      .token=${'demo-agent-token'} .conversation=${who.conversationId} no-persist></parley-chat>`);
    await until(() => agent.connectionStatus === 'open', 10000, 'agent open');
    for (const v of URL_VECTORS) {
      await control('avatar', { source_id: who.source_id, url: v.payload });
      await control('agent-say', { conversation_id: who.conversationId, content: mark('break', `agent-${v.id}`) });
      await control('contact-say', { conversation_id: who.conversationId, source_id: who.source_id, content: mark('thumbnail', v.id) });
      await visible(agent, mark('thumbnail', v.id), `contact avatar ${v.id}`);
      expectClean(agent, `contact avatar ${v.id}`);
    }
    await expectTrapEmpty(agent, trap);
  });

  it('contact name as sender name, typing name and conversation title stays inert (agent view, with the list)', async () => {
    const picks = MARKUP_VECTORS.filter((v) => ['script', 'img-onerror', 'svg-onload', 'math-mxss', 'attr-break', 'template-inj', 'style-import', 'iframe-srcdoc'].includes(v.id));
    const contacts = [];
    for (const v of picks) {
      const who = await newContact(`${mark('name', v.id)} ${v.payload}`);
      await control('contact-say', { conversation_id: who.conversationId, source_id: who.source_id, content: mark('said', v.id) });
      contacts.push({ ...who, v });
    }
    const last = contacts.at(-1)!;
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot} account-id="1"
      .token=${'demo-agent-token'} .conversation=${last.conversationId} no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    await visible(chat, mark('said', last.v.id), 'the last contact message');
    // The sender name above the message, as text.
    await visible(chat, `${mark('name', last.v.id)} ${last.v.payload}`, 'the sender name as text');
    // Every contact's name in the list (as title or preview), as text.
    for (const c of contacts) await visible(chat, mark('name', c.v.id), `list entry ${c.v.id}`);
    expectClean(chat, 'the list');
    // The contact's name in the typing line.
    await control('contact-typing', { conversation_id: last.conversationId, on: true });
    const indicator = chat.shadowRoot!.querySelector('parley-typing-indicator')!;
    await until(() => deepText(indicator).includes(`${mark('name', last.v.id)} ${last.v.payload}`), 8000, 'the typing name');
    expectClean(chat, 'the typing name');
    expect(chat.shadowRoot!.querySelector('parley-conversation-list') !== null).to.equal(true);
    await expectTrapEmpty(chat, trap);
  });
});
