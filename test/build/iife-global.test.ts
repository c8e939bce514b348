/**
 * `window.Parley` of the all-in-one build (dist/parley.iife.js, entry src/iife.ts): a small,
 * documented global (ready, load, mount, version, the element classes: nothing internal), the
 * loader's API as a superset, and a `mount` that is safe from a script in `<head>`. The page
 * (test/build/pages/iife-head.html) mounts before `<body>` exists, under the strict CSP; so does the
 * loader's page (loader-head.html), whose `mount` calls the module's once it has loaded.
 */
import { expect } from '@open-wc/testing';
import { until } from '../helpers/fake-protocol.js';
import { servers } from '../helpers/servers.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';

type Settled<T> = { ok: true; value: T; readyState: DocumentReadyState } | { ok: false; message: string; readyState: DocumentReadyState };
type Global = Record<string, unknown> & { ready: Promise<unknown>; load(): Promise<unknown>; mount(o: object): Promise<ParleyChat>; version: string };
type PageWindow = Window & typeof globalThis & {
  Parley: Global;
  violations: string[];
  head: { bodyAtCall: boolean; readyStateAtCall: string } & Record<'ready' | 'intoBody' | 'intoLater' | 'intoMissing', Promise<Settled<unknown>>>;
};

/** What the global holds: the loader's three, the version and the element classes. */
const KEYS = ['ParleyChat', 'ParleyComposer', 'ParleyConversationList', 'ParleyThread', 'ParleyTypingIndicator', 'load', 'mount', 'ready', 'version'];

const frames: HTMLIFrameElement[] = [];
afterEach(() => { for (const f of frames.splice(0)) f.remove(); });

async function open(src: string): Promise<PageWindow> {
  const frame = document.createElement('iframe');
  frame.style.width = '480px';
  frame.style.height = '640px';
  frame.src = src;
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  return frame.contentWindow as PageWindow;
}

const headPage = (build: 'iife' | 'loader' = 'iife') => open(`/test/build/pages/${build}-head.html?${new URLSearchParams({ url: servers.chatwoot })}`);

describe('window.Parley of dist/parley.iife.js', function () {
  this.timeout(30000);

  it('holds the documented API and nothing internal', async () => {
    const win = await headPage();
    expect(Object.keys(win.Parley).sort()).to.deep.equal(KEYS);
    expect(win.Parley.ParleyChat).to.equal(win.customElements.get('parley-chat'));
    expect(win.Parley.ParleyThread).to.equal(win.customElements.get('parley-thread'));
    expect(win.Parley.ParleyComposer).to.equal(win.customElements.get('parley-composer'));
    expect(win.Parley.ParleyConversationList).to.equal(win.customElements.get('parley-conversation-list'));
    expect(win.Parley.ParleyTypingIndicator).to.equal(win.customElements.get('parley-typing-indicator'));
    const pkg = await (await fetch('/package.json')).json() as { version: string };
    expect(win.Parley.version).to.equal(pkg.version);
  });

  it('has the loader global\'s members, of the same kinds', async () => {
    const loader = await open('/__parley/loader.html');
    const loaderKeys = Object.keys(loader.Parley);
    expect(loaderKeys.sort()).to.deep.equal(['load', 'mount', 'ready']);
    const iife = await headPage();
    for (const key of loaderKeys) expect(typeof iife.Parley[key], key).to.equal(typeof loader.Parley[key]);
    expect(iife.Parley.ready).to.be.instanceOf(iife.Promise);
  });

  it('resolves ready with itself once the document is parsed; load() returns ready', async () => {
    const win = await headPage();
    expect(win.head.readyStateAtCall, 'the page script ran while parsing').to.equal('loading');
    const ready = await win.head.ready;
    expect(ready.ok).to.equal(true);
    expect(ready.readyState).to.not.equal('loading');
    if (ready.ok) expect(ready.value).to.equal(win.Parley);
    expect(win.Parley.load()).to.equal(win.Parley.ready);
  });

  it('mounts from <head>: into the body and into a later element, and connects', async () => {
    const win = await headPage();
    expect(win.head.bodyAtCall, 'no <body> when mount was called').to.equal(false);
    const intoBody = await win.head.intoBody;
    expect(intoBody.ok, intoBody.ok ? '' : intoBody.message).to.equal(true);
    const chat = (intoBody as { value: ParleyChat }).value;
    expect(chat.localName).to.equal('parley-chat');
    expect(chat.parentElement).to.equal(win.document.body);
    const intoLater = await win.head.intoLater;
    expect(intoLater.ok).to.equal(true);
    expect((intoLater as { value: ParleyChat }).value.parentElement?.id).to.equal('later');
    await until(() => chat.getAttribute('connection-status') === 'open', 15000, 'open');
    const threadRoot = () => chat.shadowRoot!.querySelector('parley-thread')!.shadowRoot!;
    chat.scrollIntoView(); // below the later chat: the thread renders the rows on screen
    await until(() => [...threadRoot().querySelectorAll('[part~="message"] .text')].some((t) => t.textContent!.includes("I'm Ada")), 10000, 'greeting');
    expect(win.violations, win.violations.join('; ')).to.deep.equal([]);
  });

  it('rejects a selector that matches nothing, saying which', async () => {
    const win = await headPage();
    const missing = await win.head.intoMissing;
    expect(missing.ok).to.equal(false);
    if (!missing.ok) expect(missing.message).to.equal('Parley.mount: no element matches "#missing"');
    expect(win.document.querySelectorAll('parley-chat')).to.have.length(2);
  });

  it('the loader\'s Parley.mount from <head> places both chats too', async () => {
    const win = await headPage('loader');
    expect(win.head.bodyAtCall).to.equal(false);
    const intoBody = await win.head.intoBody;
    const intoLater = await win.head.intoLater;
    expect(intoBody.ok && intoLater.ok, intoBody.ok ? '' : intoBody.message).to.equal(true);
    const chat = (intoBody as { value: ParleyChat }).value;
    await until(() => chat.parentElement === win.document.body, 5000, 'the chat in the body');
    await until(() => (intoLater as { value: ParleyChat }).value.parentElement?.id === 'later', 5000, 'the chat in #later');
    await until(() => chat.getAttribute('connection-status') === 'open', 15000, 'open');
    expect(win.violations, win.violations.join('; ')).to.deep.equal([]);
  });
});
