/**
 * XSS corpus against the IMKIT emulation: message text, sender display name (a new sender's
 * nickname is its id), typing name, AI stream chunks, invitation room name, avatar, file and
 * thumbnail URLs and file names.
 */
import { expect } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import { until } from '../helpers/fake-protocol.js';
import { control, mount } from '../imkit/widget-helpers.js';
import { expectClean, expectTrapEmpty, mark, visible } from './harness.js';
import { deepText, installTrap, type Trap } from './trap.js';
import { MARKUP_VECTORS, URL_VECTORS } from './vectors.js';
import { displayName } from '../../src/elements/shared/format.js';

const FEW = MARKUP_VECTORS.filter((v) => ['script', 'img-onerror', 'svg-onload', 'math-mxss', 'attr-break', 'template-inj', 'iframe-srcdoc', 'a-js'].includes(v.id));

describe('XSS: IMKIT', function () {
  this.timeout(20000);
  let trap: Trap;
  beforeEach(async () => { await control('reset'); await control('agent', { enabled: false }); trap = installTrap(); });
  afterEach(() => { trap.uninstall(); });

  const open = async () => {
    const chat = await mount({ base64: false });
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    return chat;
  };

  it('message text stays inert', async () => {
    const chat = await open();
    for (const v of MARKUP_VECTORS) {
      const text = `${mark('text', v.id)} ${v.payload}`;
      await control('say', { text });
      await visible(chat, text, `text ${v.id}`);
      expectClean(chat, `text ${v.id}`);
    }
    await expectTrapEmpty(chat, trap);
  });

  it('sender name and typing name stay inert', async () => {
    const chat = await open();
    const indicator = chat.shadowRoot!.querySelector('parley-typing-indicator')!;
    for (const v of FEW) {
      // Typing first: IMKIT sends no "stopped", the sender's message ends it. So one typist at a
      // time, and each name is shown (three or more would read "A, B and 1 others").
      const sender = `${mark('sender', v.id)} ${v.payload}`;
      const shown = displayName(sender); // as the widget shows names: deceptive characters out, cut to a length
      await control('typing', { sender });
      await until(() => deepText(indicator).includes(shown), 8000, `typing name ${v.id}`);
      expectClean(chat, `typing ${v.id}`);
      await control('say', { text: mark('from', v.id), sender });
      await visible(chat, shown, `sender name ${v.id}`);
      expectClean(chat, `sender name ${v.id}`);
      await until(() => !deepText(indicator).includes(shown), 8000, `typing of ${v.id} ended by the message`);
    }
    await expectTrapEmpty(chat, trap);
  });

  it('AI stream chunks and invitation room names stay inert', async () => {
    const chat = await open();
    const chunks = [mark('stream', 'all'), ...FEW.map((v) => ` ${v.payload}`)];
    const { messageId } = await control<{ messageId: string }>('stream', { chunks, manual: true });
    for (let i = 1; i <= chunks.length; i++) {
      await control('stream-next', { messageId });
      await visible(chat, chunks.slice(0, i).join(''), `stream chunk ${i}`);
      expectClean(chat, `stream chunk ${i}`);
    }
    for (const [i, v] of FEW.entries()) {
      const name = `${mark('room', v.id)} ${v.payload}`;
      await control('invite', { room: `xss-${i}`, name });
      await visible(chat, displayName(name), `invitation ${v.id}`); // room names are shown as names are
      expectClean(chat, `invitation ${v.id}`);
    }
    await expectTrapEmpty(chat, trap);
  });

  it('avatar, file and thumbnail URLs and file names stay inert', async () => {
    const chat = await open();
    const thread = () => chat.shadowRoot!.querySelector('parley-thread')!.shadowRoot!;
    // Controls: a plain https avatar and image are shown, so a vector that is not shown was refused.
    const good = `${location.origin}/__missing.png`;
    await control('say', { text: mark('control', 'avatar'), sender: 'xss-control', avatarUrl: good, messageType: 'image', url: good, thumbnailUrl: good });
    await visible(chat, 'xss-control', 'the control sender');
    await until(() => [...thread().querySelectorAll('img')].filter((img) => img.getAttribute('src') === good).length >= 2, 5000, 'the control avatar and image');
    for (const [i, v] of URL_VECTORS.entries()) {
      const sender = `xss-url-${i}`;
      await control('say', { text: mark('avatar', v.id), sender, avatarUrl: v.payload });
      await control('say', { text: mark('image', v.id), sender, messageType: 'image', url: v.payload, thumbnailUrl: v.payload });
      await control('say', { text: mark('file', v.id), sender, messageType: 'file', url: v.payload, fileName: mark('file', v.id) });
      await visible(chat, mark('file', v.id), `file ${v.id}`);
      expectClean(chat, `urls ${v.id}`);
    }
    for (const v of MARKUP_VECTORS.filter((x) => !x.payload.includes('attacker.invalid'))) {
      const fileName = `${mark('name', v.id)}${v.payload}`;
      await control('say', { text: 'file', messageType: 'file', url: good, fileName });
      await visible(chat, mark('name', v.id), `file name ${v.id}`);
      expectClean(chat, `file name ${v.id}`);
    }
    expect(chat.connectionStatus).to.equal('open');
    await expectTrapEmpty(chat, trap);
  });
});
