/**
 * XSS corpus against the Comapi emulation: message text, sender names (a profile's name, shown
 * above the message and in the typing indicator), conversation names, and file and image parts'
 * URLs and names. Comapi messages carry no avatar (`context.from` is an id and a name).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { mintDemoJwt } from '../../demo/backends/comapi.js';
import { until } from '../helpers/fake-protocol.js';
import { comapiUrl, control } from '../comapi/demo-server.js';
import { expectClean, expectTrapEmpty, mark, visible } from './harness.js';
import { deepText, installTrap, type Trap } from './trap.js';
import { MARKUP_VECTORS, URL_VECTORS } from './vectors.js';

const FEW = MARKUP_VECTORS.filter((v) => ['script', 'img-onerror', 'svg-onload', 'math-mxss', 'attr-break', 'template-inj', 'iframe-srcdoc', 'a-js'].includes(v.id));
let counter = 0;

async function visitor(): Promise<{ chat: ParleyChat; conversationId: string }> {
  const profileId = `xss-${Date.now().toString(36)}-${++counter}`;
  const options = { apiSpaceId: 'demo-space', authChallenge: (nonce: string) => mintDemoJwt(nonce, profileId, 'Visitor') };
  const chat = await fixture<ParleyChat>(html`<parley-chat protocol="comapi" url=${comapiUrl} .options=${options} no-persist></parley-chat>`);
  await until(() => chat.connectionStatus === 'open', 15000, 'open');
  await until(() => !!chat.session.store.getState().activeConversation, 15000, 'a conversation');
  return { chat, conversationId: chat.session.store.getState().activeConversation! };
}

describe('XSS: Comapi', function () {
  this.timeout(30000);
  let trap: Trap;
  beforeEach(async () => { await control('reset', {}); await control('agent', { enabled: false }); trap = installTrap(); });
  afterEach(async () => { trap.uninstall(); await control('agent', { enabled: true }); });

  it('message text stays inert', async () => {
    const { chat, conversationId } = await visitor();
    for (const v of MARKUP_VECTORS) {
      const text = `${mark('text', v.id)} ${v.payload}`;
      await control('say', { conversationId, text });
      await visible(chat, text, `text ${v.id}`);
      expectClean(chat, `text ${v.id}`);
    }
    await expectTrapEmpty(chat, trap);
  });

  it('sender names, typing names and conversation names stay inert', async () => {
    const { chat, conversationId } = await visitor();
    for (const [i, v] of FEW.entries()) {
      const name = `${mark('sender', v.id)} ${v.payload}`;
      const from = `xss-sender-${i}-${counter}`;
      await control('session', { profileId: from, name });
      await control('add', { conversationId, profileId: from });
      await control('say', { conversationId, from, text: mark('from', v.id) });
      await visible(chat, mark('from', v.id), `message from ${v.id}`);
      // Names longer than the widget shows are cut with an ellipsis: their start must show.
      await visible(chat, [...name].slice(0, 79).join(''), `sender name ${v.id}`);
      expectClean(chat, `sender name ${v.id}`);
      await control('typing', { conversationId, from, on: true });
      const indicator = chat.shadowRoot!.querySelector('parley-typing-indicator')!;
      await until(() => deepText(indicator).includes([...name].slice(0, 79).join('')), 8000, `typing name ${v.id}`);
      expectClean(chat, `typing ${v.id}`);
      await control('typing', { conversationId, from, on: false });
    }
    for (const v of FEW) {
      const title = `${mark('title', v.id)} ${v.payload}`;
      await control('rename', { conversationId, name: title });
      await until(() => chat.session.store.getState().conversations.get(conversationId)?.title === title, 8000, `conversation name ${v.id} in the store`);
      await chat.updateComplete;
      expectClean(chat, `conversation name ${v.id}`);
    }
    expect(chat.connectionStatus).to.equal('open');
    await expectTrapEmpty(chat, trap);
  });

  it('file and image part URLs and names stay inert', async () => {
    const { chat, conversationId } = await visitor();
    const thread = () => chat.shadowRoot!.querySelector('parley-thread')!.shadowRoot!;
    // Control: a plain https image is shown, so a vector that is not shown was refused.
    const good = `${location.origin}/__missing.png`;
    await control('send-parts', { conversationId, parts: [{ type: 'text/plain', data: mark('control', 'image') }, { type: 'image/png', url: good, name: 'ok.png' }] });
    await until(() => [...thread().querySelectorAll('img')].some((img) => img.getAttribute('src') === good), 8000, 'the control image');
    for (const v of URL_VECTORS) {
      await control('send-parts', { conversationId, parts: [
        { type: 'text/plain', data: mark('url', v.id) }, { type: 'image/png', url: v.payload, name: 'x.png' }, { type: 'application/pdf', url: v.payload, name: 'x.pdf' },
      ] });
      await visible(chat, mark('url', v.id), `parts ${v.id}`);
      expectClean(chat, `part urls ${v.id}`);
    }
    for (const v of MARKUP_VECTORS.filter((x) => !x.payload.includes('attacker.invalid'))) {
      await control('send-parts', { conversationId, parts: [{ type: 'application/pdf', url: good, name: `${mark('name', v.id)}${v.payload}` }] });
      await visible(chat, mark('name', v.id), `file name ${v.id}`);
      expectClean(chat, `file name ${v.id}`);
    }
    await expectTrapEmpty(chat, trap);
  });
});
