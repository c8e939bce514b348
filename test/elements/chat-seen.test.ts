/**
 * Issue #10 item 3: read only when seen, and opt-in notices of what arrives unseen. A chat marks a
 * conversation read only while the page is visible and the chat on screen (an inline chat) or its
 * panel open (a launcher); what arrives meanwhile waits, and is marked read when it is seen. With
 * `notify`, what arrives unseen counts in the tab's title, chimes (after a user gesture) and shows a
 * desktop notification (once allowed; the header's bell asks). Real elements and store over a fake
 * protocol; the browser's audio and notification APIs, which headless Chromium cannot play or grant,
 * are stood in for.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { ChatEvent } from '../../src/core/events.js';
import { msg, registerFake, until } from '../helpers/fake-protocol.js';

const CONVERSATION: ChatEvent = { type: 'conversation.created', conversation: { id: 'c1', title: 'Support' } };
let seq = 0;
const fromAda = (text: string): ChatEvent =>
  ({ type: 'message.created', message: msg({ id: `m${++seq}`, conversationId: 'c1', text, sender: { id: 'ada', role: 'agent', name: 'Ada' } }) });

/** Pretend the page went to the background (or came back): what `visibilitychange` reports. */
function setPageVisible(visible: boolean): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (visible ? 'visible' : 'hidden') });
  document.dispatchEvent(new Event('visibilitychange'));
}
afterEach(() => {
  delete (document as { visibilityState?: string }).visibilityState; // the real getter again
});

async function chatWith(attrs: { notify?: string; before?: string } = {}) {
  const { name, backend } = registerFake();
  backend.syncEvents = [CONVERSATION];
  const wrapper = await fixture<HTMLElement>(html`<div>
    <div style=${`height:${attrs.before ?? '0px'}`}></div>
    <parley-chat protocol=${name} url="http://127.0.0.1:1" notify=${attrs.notify ?? ''} no-persist></parley-chat></div>`);
  const chat = wrapper.querySelector<ParleyChat>('parley-chat')!;
  await until(() => chat.connectionStatus === 'open', 5000, 'open');
  const reads = () => backend.commands.filter((c) => c.type === 'markRead').map((c) => (c as { messageId: string }).messageId);
  return { chat, backend, reads };
}

const settle = () => new Promise((r) => setTimeout(r, 500)); // past the read debounce (300 ms)

/** An AudioContext that records the frequency of each tone started into `tones` (headless Chromium plays none). */
function fakeAudio(tones: number[]): unknown {
  return class {
    currentTime = 0;
    destination = {};
    createOscillator() {
      const osc = { frequency: { value: 0 }, connect: (n: unknown) => n, start: () => { tones.push(osc.frequency.value); }, stop: () => {} };
      return osc;
    }
    createGain() { return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (n: unknown) => n }; }
    close() { return Promise.resolve(); }
  };
}

describe('<parley-chat>: read only when seen', () => {
  it('a hidden page marks nothing read; once visible, it marks the latest', async () => {
    const { chat, backend, reads } = await chatWith();
    setPageVisible(false);
    backend.emit([fromAda('while you were away')]);
    await settle();
    expect(reads(), 'nothing read in a background tab').to.deep.equal([]);
    setPageVisible(true);
    await until(() => reads().length === 1, 3000, 'the read once visible');
    expect(reads()[0]).to.equal(`m${seq}`);
  });

  it('an inline chat scrolled out of view marks nothing read until it is scrolled into view', async () => {
    const { chat, backend, reads } = await chatWith({ before: '3000px' });
    await settle(); // the first intersection notice: off screen
    backend.emit([fromAda('below the fold')]);
    await settle();
    expect(reads()).to.deep.equal([]);
    chat.scrollIntoView();
    await until(() => reads().length === 1, 3000, 'the read once on screen');
    window.scrollTo(0, 0);
  });
});

describe('<parley-chat notify>', () => {
  it('title: counts what arrives unseen before the tab\'s title, and gives the title back when seen', async () => {
    const before = document.title;
    document.title = 'My shop';
    const original = document.title;
    const { chat, backend } = await chatWith({ notify: 'title' });
    await until(() => (chat as unknown as { notifier?: unknown }).notifier !== undefined, 3000, 'the notifier loaded');
    backend.emit([fromAda('seen at once')]);
    await settle();
    expect(document.title, 'nothing while seen').to.equal(original);
    setPageVisible(false);
    backend.emit([fromAda('one')]);
    backend.emit([fromAda('two')]);
    await until(() => document.title === `(2) ${original}`, 3000, 'the count in the title');
    setPageVisible(true);
    await until(() => document.title === original, 3000, 'the title back');
    document.title = before;
  });

  it('sound: a chime for what arrives unseen, only after a user gesture, none for my own', async () => {
    const tones: number[] = [];
    const Real = window.AudioContext;
    (window as { AudioContext: unknown }).AudioContext = fakeAudio(tones);
    try {
      const { chat, backend } = await chatWith({ notify: 'sound' });
      await until(() => (chat as unknown as { notifier?: unknown }).notifier !== undefined, 3000, 'the notifier loaded');
      setPageVisible(false);
      if (!navigator.userActivation.hasBeenActive) {
        backend.emit([fromAda('before any gesture')]);
        await settle();
        expect(tones, 'no sound before a gesture').to.deep.equal([]);
      }
      await sendMouse({ type: 'click', position: [2, 2] }); // a real user gesture
      backend.emit([{ type: 'message.created', message: msg({ id: `mine${++seq}`, conversationId: 'c1', text: 'mine', self: true }) }]);
      await settle();
      expect(tones, 'no sound for my own').to.deep.equal([]);
      backend.emit([fromAda('ding')]);
      await until(() => tones.length === 2, 3000, 'the chime');
    } finally {
      (window as { AudioContext: unknown }).AudioContext = Real;
    }
  });

  it('a flood arriving unseen is noticed once: one count, one chime, one notification a conversation', async () => {
    const tones: number[] = [];
    const shown: string[] = [];
    const RealAudio = window.AudioContext;
    const RealNotification = window.Notification;
    class FakeNotification {
      static permission: NotificationPermission = 'granted';
      static requestPermission() { return Promise.resolve('granted' as const); }
      onclick: (() => void) | null = null;
      constructor(_title: string, options: NotificationOptions = {}) { shown.push(options.body ?? ''); }
      close() {}
    }
    (window as { AudioContext: unknown }).AudioContext = fakeAudio(tones);
    (window as { Notification: unknown }).Notification = FakeNotification;
    const before = document.title;
    document.title = 'My shop';
    try {
      const { chat, backend } = await chatWith({ notify: 'title sound desktop' });
      await until(() => (chat as unknown as { notifier?: unknown }).notifier !== undefined, 3000, 'the notifier loaded');
      await sendMouse({ type: 'click', position: [2, 2] }); // a user gesture, so the chime may play
      setPageVisible(false);
      backend.emit(Array.from({ length: 500 }, (_, i) => fromAda(`flood ${i}`)));
      await until(() => document.title === '(500) My shop', 3000, 'the count of all 500');
      expect(tones, 'one chime (two tones)').to.have.length(2);
      expect(shown, 'one notification, of the newest').to.deep.equal(['flood 499']);
      backend.emit([fromAda('right after')]);
      await until(() => document.title === '(501) My shop', 3000, 'the count goes on');
      expect(tones, 'no second chime this soon').to.have.length(2);
    } finally {
      (window as { AudioContext: unknown }).AudioContext = RealAudio;
      (window as { Notification: unknown }).Notification = RealNotification;
      setPageVisible(true);
      document.title = before;
    }
  });

  it('desktop: the bell asks for permission; once granted, what arrives unseen shows, with the sender and text', async () => {
    const shown: { title: string; body?: string; tag?: string }[] = [];
    let asked = 0;
    const Real = window.Notification;
    class FakeNotification {
      static permission: NotificationPermission = 'default';
      static requestPermission() { asked++; FakeNotification.permission = 'granted'; return Promise.resolve('granted' as const); }
      onclick: (() => void) | null = null;
      constructor(title: string, options: NotificationOptions = {}) { shown.push({ title, body: options.body, tag: options.tag }); }
      close() {}
    }
    (window as { Notification: unknown }).Notification = FakeNotification;
    try {
      const { chat, backend } = await chatWith({ notify: 'desktop title' });
      const bell = () => chat.shadowRoot!.querySelector<HTMLButtonElement>('[part="notify-button"]');
      await chat.updateComplete;
      expect(bell()!.getAttribute('aria-label')).to.equal('Turn on desktop notifications');
      await expect(chat).to.be.accessible();
      bell()!.click();
      await until(() => bell() === null, 3000, 'the bell gone once answered');
      expect(asked).to.equal(1);
      await until(() => (chat as unknown as { notifier?: unknown }).notifier !== undefined, 3000, 'the notifier loaded');
      setPageVisible(false);
      backend.emit([fromAda('**Your order** shipped')]);
      await until(() => shown.length === 1, 3000, 'a notification');
      expect(shown[0]).to.deep.equal({ title: 'New message from Ada', body: '**Your order** shipped', tag: 'parley:c1' });
    } finally {
      (window as { Notification: unknown }).Notification = Real;
    }
  });
});
