/**
 * Strict CSP, checked by the browser's own reports (report-uri), which also catch what happens
 * before any listener could be attached. A control page proves the trap fires. Trusted Types
 * pages enforce `require-trusted-types-for 'script'` with the policies the README names.
 */
import { expect } from '@open-wc/testing';
import { until } from '../helpers/fake-protocol.js';
import { type } from '../helpers/composer.js';
import { deleteMine } from '../helpers/own-actions.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { reset, signIn } from '../virola/widget.js';

async function reports(): Promise<{ 'violated-directive'?: string; 'blocked-uri'?: string }[]> {
  return (await fetch('/__parley/csp-reports')).json();
}

async function load(src: string): Promise<Window & typeof globalThis> {
  const frame = document.createElement('iframe');
  frame.src = src;
  frame.style.width = '640px'; // wide enough for the list beside the thread (under 480 px the list is its own screen)
  frame.style.height = '640px';
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame.contentWindow as Window & typeof globalThis;
}

describe('strict Content-Security-Policy', function () {
  this.timeout(30000);
  beforeEach(async () => { await reports(); }); // start from none

  it('the control page (inline script and styles) is reported: the trap works', async () => {
    await load('/__parley/csp-control.html');
    let got: Awaited<ReturnType<typeof reports>> = [];
    for (let i = 0; i < 40 && got.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      got = got.concat(await reports());
    }
    const directives = got.map((r) => r['violated-directive'] ?? '');
    expect(directives.some((d) => d.startsWith('script-src')), directives.join()).to.equal(true);
    expect(directives.some((d) => d.startsWith('style-src')), directives.join()).to.equal(true);
  });

  for (const page of ['iife', 'loader']) {
    it(`the widget (${page} build) connects and chats with no violation at all`, async () => {
      const win = await load(`/__parley/${page}.html`);
      const chat = win.document.querySelector('parley-chat')!;
      await until(() => chat.getAttribute('connection-status') === 'open', 15000, 'open');
      const thread = () => chat.shadowRoot!.querySelector('parley-thread')!.shadowRoot!;
      await until(() => [...thread().querySelectorAll('[part~="message"] .text')].some((t) => t.textContent!.includes("I'm Ada")), 10000, 'greeting');
      // Write, so the composer, the pending state and the typing path all run under the policy.
      const area = chat.shadowRoot!.querySelector('parley-composer')!.shadowRoot!.querySelector('textarea')!;
      area.value = 'under a strict policy';
      area.dispatchEvent(new Event('input'));
      area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
      await until(() => [...thread().querySelectorAll('[part~="message"] .text')].some((t) => t.textContent!.includes('You said')), 10000, 'a reply');
      await new Promise((r) => setTimeout(r, 500)); // reports are sent asynchronously
      const got = await reports();
      expect(got.map((r) => `${r['violated-directive']} ${r['blocked-uri']}`)).to.deep.equal([]);
    });
  }

  for (const page of ['iife', 'loader']) {
    it(`under Trusted Types (${page} build), HTML and Markdown messages and the list's previews render, with no violation`, async () => {
      const rooms = await reset();
      await signIn(); // the page shares the emulation's site: its session cookie rides along
      const win = await load(`/__parley/tt-${page}.html?room=${rooms.Vera}`);
      const chat = win.document.querySelector('parley-chat') as ParleyChat;
      await until(() => chat.getAttribute('connection-status') === 'open', 15000, 'open');
      const root = (tag: string) => chat.shadowRoot!.querySelector(tag)?.shadowRoot;
      const rich = (selector: string) => [...root('parley-thread')?.querySelectorAll(`[part~="message"] .rich ${selector}`) ?? []];
      await until(() => (root('parley-conversation-list')?.querySelectorAll('[part~="conversation"]').length ?? 0) >= 2, 10000, 'the list');

      await type(chat, 'html please');
      await until(() => rich('b').some((b) => b.textContent === 'Sure.'), 10000, 'the HTML answer, as markup');
      const preview = () => [...root('parley-conversation-list')!.querySelectorAll('[part="preview"]')].map((p) => p.textContent);
      await until(() => preview().includes('Sure. Here is HTML.'), 10000, `the HTML answer's preview, as text: ${preview().join(' | ')}`);

      await type(chat, 'markdown please');
      await until(() => rich('strong').some((b) => b.textContent === 'Sure.') && rich('li').length >= 2, 10000, 'the Markdown answer, as markup');
      await until(() => preview().some((p) => p?.startsWith('Sure. Here is Markdown:')), 10000, `the Markdown answer's preview: ${preview().join(' | ')}`);
      expect(rich('a').map((a) => a.getAttribute('href'))).to.include('https://virola.io/');

      // My message's menu (its code and styles load now, on first use) and a delete, under the same policy.
      const mineRow = () => [...root('parley-thread')!.querySelectorAll('[part~="message-mine"]')].find((m) => m.querySelector('.text')?.textContent === 'html please');
      await until(() => /^\d+$/.test(mineRow()?.getAttribute('data-message-id') ?? ''), 10000, 'my message, confirmed');
      const id = mineRow()!.getAttribute('data-message-id')!;
      await deleteMine(root('parley-thread')!, id);
      await until(() => !!root('parley-thread')!.querySelector(`[data-message-id="${id}"][data-deleted]`), 10000, 'my message deleted');

      await new Promise((r) => setTimeout(r, 500)); // reports are sent asynchronously
      expect((await reports()).map((r) => `${r['violated-directive']} ${r['blocked-uri']}`)).to.deep.equal([]);
      // The trap works on this page: a plain string into a sink is refused and reported.
      expect(() => { win.document.body.insertAdjacentHTML('beforeend', '<i>x</i>'); }).to.throw();
      let got: Awaited<ReturnType<typeof reports>> = [];
      for (let i = 0; i < 40 && !got.length; i++) {
        await new Promise((r) => setTimeout(r, 100));
        got = got.concat(await reports());
      }
      expect(got.map((r) => r['violated-directive'])).to.deep.equal(['require-trusted-types-for']);
    });
  }
});
