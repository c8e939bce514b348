/**
 * Issue #10, item 5: the launcher and the keyboard, and the launcher on a phone. Real key presses
 * (the runner's sendKeys), a real viewport (setViewport), real Chromium layout.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { ChatEvent } from '../../src/core/events.js';
import { registerFake, until } from '../helpers/fake-protocol.js';

const ONE_CONVERSATION: ChatEvent[] = [{ type: 'conversation.created', conversation: { id: 'c1', title: 'Support' } }];

/** The element that has the focus, through every shadow root. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const part = (chat: ParleyChat, name: string) => chat.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);
const textarea = (chat: ParleyChat) => chat.shadowRoot!.querySelector('parley-composer')?.shadowRoot?.querySelector('textarea') ?? null;

async function launcherChat(opts: { sync?: ChatEvent[]; fail?: boolean; open?: boolean } = {}) {
  const { name, backend } = registerFake();
  backend.syncEvents = opts.sync ?? ONE_CONVERSATION;
  if (opts.fail) backend.failWith = 'network-error';
  const chat = await fixture<ParleyChat>(html`<parley-chat mode="launcher" ?open=${opts.open ?? false} protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
  if (!opts.fail) await until(() => chat.connectionStatus === 'open', 5000, 'open');
  return { chat, backend };
}

describe('<parley-chat mode="launcher"> and the keyboard', () => {
  it('Enter on the launcher opens the panel and the focus moves into the composer; Escape closes it and the focus is back on the launcher', async () => {
    const { chat } = await launcherChat();
    part(chat, 'launcher')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !!textarea(chat) && deepActive() === textarea(chat), 5000, 'the focus in the composer');
    await expect(chat).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !part(chat, 'panel'), 5000, 'the panel closed');
    expect(chat.open).to.equal(false);
    await until(() => deepActive() === part(chat, 'launcher'), 5000, 'the focus on the launcher');
    expect(part(chat, 'launcher')!.getAttribute('aria-expanded')).to.equal('false');
  });

  it('the header\'s Close button, and the page closing the panel, both leave the focus on the launcher, never on the body', async () => {
    const { chat } = await launcherChat();
    part(chat, 'launcher')!.click();
    await until(() => deepActive() === textarea(chat), 5000, 'the focus in the composer');
    part(chat, 'close-button')!.click();
    await until(() => !part(chat, 'panel') && deepActive() === part(chat, 'launcher'), 5000, 'closed, the focus on the launcher');

    part(chat, 'launcher')!.click();
    await until(() => deepActive() === textarea(chat), 5000, 'the focus in the composer again');
    chat.open = false;
    await until(() => !part(chat, 'panel'), 5000, 'closed by the page');
    await until(() => deepActive() === part(chat, 'launcher'), 5000, 'the focus on the launcher');
    expect(document.activeElement).to.equal(chat);
  });

  it('every control has a name of its own: the open panel\'s launcher is "Minimize chat", the header\'s button "Close chat"', async () => {
    const { chat } = await launcherChat();
    part(chat, 'launcher')!.click();
    await until(() => !!part(chat, 'panel'), 5000, 'the panel');
    const names = [...chat.shadowRoot!.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') ?? b.textContent!.trim());
    expect(names).to.deep.equal([...new Set(names)]);
    expect(part(chat, 'launcher')!.getAttribute('aria-label')).to.equal('Minimize chat');
    expect(part(chat, 'launcher')!.getAttribute('aria-expanded')).to.equal('true');
    expect(part(chat, 'close-button')!.getAttribute('aria-label')).to.equal('Close chat');
    await expect(chat).to.be.accessible();
  });

  it('with nothing to write in yet (never connected), opening puts the focus on the panel\'s first control', async () => {
    const { chat } = await launcherChat({ fail: true });
    await until(() => chat.connectionStatus === 'reconnecting' || chat.connectionStatus === 'connecting', 5000, 'trying');
    part(chat, 'launcher')!.click();
    await until(() => deepActive() === part(chat, 'close-button'), 5000, 'the focus on Close');
    await sendKeys({ press: 'Escape' });
    await until(() => deepActive() === part(chat, 'launcher'), 5000, 'the focus back on the launcher');
  });

  it('a panel open from the start does not take the page\'s focus', async () => {
    const page = await fixture<HTMLButtonElement>(html`<button>page control</button>`);
    page.focus();
    const { chat } = await launcherChat({ open: true });
    await until(() => !!textarea(chat), 5000, 'the composer');
    await chat.updateComplete;
    expect(document.activeElement).to.equal(page);
  });
});

describe('<parley-chat mode="launcher"> on a 390 px phone', () => {
  afterEach(async () => { await setViewport({ width: 800, height: 600 }); });

  it('fills the screen, hides the launcher it covers, uses 16 px input text and 44 px targets; Escape brings the launcher back', async () => {
    await setViewport({ width: 390, height: 844 });
    const { chat } = await launcherChat();
    part(chat, 'launcher')!.click();
    await until(() => deepActive() === textarea(chat), 5000, 'the focus in the composer');
    const panel = part(chat, 'panel')!.getBoundingClientRect();
    expect([panel.left, panel.top, panel.width, panel.height]).to.deep.equal([0, 0, 390, 844]);
    expect(getComputedStyle(part(chat, 'launcher')!).display, 'the launcher is not drawn over the panel').to.equal('none');
    expect(getComputedStyle(textarea(chat)!).fontSize, 'no zoom on focus in iOS').to.equal('16px');
    const composer = chat.shadowRoot!.querySelector('parley-composer')!;
    const targets = [part(chat, 'close-button')!, composer.shadowRoot!.querySelector<HTMLElement>('[part="send-button"]')!, textarea(chat)!];
    for (const target of targets) {
      const r = target.getBoundingClientRect();
      expect(Math.min(r.width, r.height), `${target.getAttribute('part')} is a 44 px target`).to.be.at.least(44);
    }
    await expect(chat).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !part(chat, 'panel'), 5000, 'closed');
    expect(getComputedStyle(part(chat, 'launcher')!).display).to.not.equal('none');
    await until(() => deepActive() === part(chat, 'launcher'), 5000, 'the focus on the launcher');
  });

  it('on a desktop the panel stays a floating card beside the launcher', async () => {
    await setViewport({ width: 1280, height: 800 });
    const { chat } = await launcherChat();
    part(chat, 'launcher')!.click();
    await until(() => !!part(chat, 'panel'), 5000, 'the panel');
    const panel = part(chat, 'panel')!.getBoundingClientRect();
    expect(panel.width).to.equal(380);
    expect(getComputedStyle(part(chat, 'launcher')!).display).to.not.equal('none');
  });
});
