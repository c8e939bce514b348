/**
 * Launcher first: with `<parley-chat mode="launcher">` and dist/parley.loader.js, the page shows a
 * placeholder launcher after downloading the loader alone (at most 8 KiB gzipped), loads the rest on
 * intent or when idle, and swaps in the real launcher, which looks the same. Static pages
 * (test/build/pages/) under the strict CSP, with Trusted Types, as a meta tag.
 */
import { expect } from '@open-wc/testing';
import { until } from '../helpers/fake-protocol.js';
import { servers } from '../helpers/servers.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';

type PageWindow = Window & typeof globalThis & { violations: string[]; Parley: { ready: Promise<unknown>; load(): Promise<{ mount: unknown }> } };

/** The goal for what a page downloads before the launcher shows, gzipped. */
const LAUNCHER_FIRST_BYTES = 8 * 1024;

const frames: HTMLIFrameElement[] = [];
afterEach(() => { for (const f of frames.splice(0)) f.remove(); });

async function load(page: 'intent' | 'idle', query: Record<string, string> = {}): Promise<PageWindow> {
  const frame = document.createElement('iframe');
  frame.style.width = '640px';
  frame.style.height = '640px';
  frame.src = `/test/build/pages/launcher-${page}.html?${new URLSearchParams({ url: servers.chatwoot, ...query })}`;
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  return frame.contentWindow as PageWindow;
}

const chatOf = (win: PageWindow) => win.document.querySelector('parley-chat') as ParleyChat;
const placeholderOf = (win: PageWindow) => win.document.querySelector('parley-launcher-placeholder');
const placeholderButton = (win: PageWindow) => placeholderOf(win)?.shadowRoot?.querySelector('button') ?? null;
const realLauncher = (win: PageWindow) => chatOf(win).shadowRoot?.querySelector<HTMLButtonElement>('[part~="launcher"]') ?? null;
/** Paths of the scripts the page fetched (the loader, and what it imported). */
const scripts = (win: PageWindow) => win.performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js'));

/** Gzipped size of a file as the page got it. */
async function gzipped(path: string): Promise<number> {
  const body = (await fetch(path)).body!.pipeThrough(new CompressionStream('gzip'));
  return (await new Response(body).arrayBuffer()).byteLength;
}

/** What a launcher button looks like: box, colours, accessible name. */
function look(win: PageWindow, button: HTMLElement) {
  const { x, y, width, height } = button.getBoundingClientRect();
  const style = win.getComputedStyle(button);
  return {
    box: [x, y, width, height].map(Math.round), background: style.backgroundColor, color: style.color,
    radius: style.borderRadius, shadow: style.boxShadow, name: button.getAttribute('aria-label'), expanded: button.getAttribute('aria-expanded'),
  };
}

/** The rest has loaded, the real launcher has rendered and the placeholder is gone. */
async function swapped(win: PageWindow): Promise<void> {
  await until(() => !!win.customElements.get('parley-chat') && !!realLauncher(win) && !placeholderOf(win), 15000, 'the real launcher');
}

describe('launcher first (dist/parley.loader.js, mode="launcher")', function () {
  this.timeout(30000);

  it('shows a placeholder launcher before the rest loads, after at most 8 KiB gzipped', async () => {
    const win = await load('intent');
    const button = placeholderButton(win);
    expect(button, 'a placeholder launcher').to.not.equal(null);
    await new Promise((r) => setTimeout(r, 300)); // nothing else may follow by itself (intent only)
    const fetched = scripts(win).filter((p) => p.startsWith('/dist/'));
    expect(fetched, fetched.join(', ')).to.deep.equal(['/dist/parley.loader.js']);
    expect(win.customElements.get('parley-chat')).to.equal(undefined);
    const bytes = (await Promise.all(fetched.map(gzipped))).reduce((a, b) => a + b, 0);
    expect(bytes, `${bytes} bytes gzipped`).to.be.at.most(LAUNCHER_FIRST_BYTES);

    // On screen, in the corner, on top, named, in the default palette.
    const seen = look(win, button!);
    expect(seen.box).to.deep.equal([640 - 20 - 56, 640 - 20 - 56, 56, 56]);
    expect(win.document.elementFromPoint(640 - 48, 640 - 48)).to.equal(placeholderOf(win));
    expect(seen).to.include({ background: 'rgb(40, 87, 214)', color: 'rgb(255, 255, 255)', name: 'Open chat', expanded: 'false' });
    expect(win.violations, win.violations.join('; ')).to.deep.equal([]);

    // `Parley.ready` waits; `Parley.load()` brings the rest.
    let readyYet = false;
    void win.Parley.ready.then(() => { readyYet = true; });
    await new Promise((r) => setTimeout(r, 50));
    expect(readyYet).to.equal(false);
    expect(typeof (await win.Parley.load()).mount).to.equal('function');
    await swapped(win);
  });

  for (const intent of ['pointerenter', 'focus', 'touchstart'] as const) {
    it(`loads the rest on ${intent} and swaps in the real launcher, which looks the same`, async () => {
      const win = await load('intent');
      const button = placeholderButton(win)!;
      const before = look(win, button);
      if (intent === 'focus') button.focus();
      else button.dispatchEvent(new win.Event(intent, { bubbles: true, composed: true }));
      await swapped(win);
      const chat = chatOf(win);
      expect(chat.open).to.equal(false);
      expect(look(win, realLauncher(win)!)).to.deep.equal(before);
      if (intent === 'focus') expect(chat.shadowRoot!.activeElement, 'the focus moves to the real launcher').to.equal(realLauncher(win));
      // The rest: the elements, then the one protocol as the chat connects.
      await until(() => scripts(win).some((p) => /\/cdn\/protocol-chatwoot-/.test(p)), 10000, 'the protocol chunk');
      expect(scripts(win).filter((p) => /\/cdn\/protocol-/.test(p))).to.have.length(1);
      expect(win.violations, win.violations.join('; ')).to.deep.equal([]);
    });
  }

  it('a click before the rest has loaded opens the panel once it is defined, focus inside', async () => {
    const win = await load('intent');
    placeholderButton(win)!.click();
    expect(placeholderButton(win)!.getAttribute('aria-busy')).to.equal('true');
    await swapped(win);
    const chat = chatOf(win);
    await until(() => chat.open && !!chat.shadowRoot!.querySelector('.panel'), 5000, 'the open panel');
    expect(realLauncher(win)!.getAttribute('aria-expanded')).to.equal('true');
    const panel = chat.shadowRoot!.querySelector('.panel')!;
    await until(() => panel.contains(chat.shadowRoot!.activeElement), 5000, 'the focus in the panel');
    expect(win.violations, win.violations.join('; ')).to.deep.equal([]);
  });

  it('loads the rest when idle: the real widget connects and its badge shows a message that arrived unopened', async () => {
    const win = await load('idle');
    const chat = chatOf(win);
    await swapped(win);
    await until(() => chat.getAttribute('connection-status') === 'open', 15000, 'open');
    const badge = () => chat.shadowRoot!.querySelector('[part="unread-count"]');
    await until(() => Number(badge()?.textContent) >= 1, 10000, 'the unread badge');
    expect(chat.open).to.equal(false);
    expect(realLauncher(win)!.getAttribute('aria-label')).to.match(/^Open chat, \d+ unread$/);
    expect(win.violations, win.violations.join('; ')).to.deep.equal([]);
  });

  it('follows the theme and the custom properties set on the chat itself', async () => {
    const win = await load('intent', { theme: 'dark', custom: '' });
    const before = look(win, placeholderButton(win)!);
    expect(before).to.include({ background: 'rgb(200, 30, 90)', color: 'rgb(11, 16, 32)' });
    expect(before.box).to.deep.equal([640 - 32 - 56, 640 - 32 - 56, 56, 56]);
    void win.Parley.load();
    await swapped(win);
    expect(look(win, realLauncher(win)!)).to.deep.equal(before);
  });

  it('the placeholder passes axe', async () => {
    // In this test's own document (axe checks its own document's nodes), which defines no Parley element.
    const chat = document.createElement('parley-chat');
    chat.setAttribute('mode', 'launcher');
    document.body.append(chat);
    const loader = document.createElement('script');
    loader.dataset.load = 'intent';
    loader.src = '/dist/parley.loader.js';
    document.head.append(loader);
    await until(() => !!document.querySelector('parley-launcher-placeholder'), 5000, 'the placeholder');
    await expect(document.querySelector('parley-launcher-placeholder')).to.be.accessible();
    expect(customElements.get('parley-chat'), 'nothing loaded without intent').to.equal(undefined);
  });
});
