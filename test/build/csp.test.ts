/**
 * Strict CSP, checked by the browser's own reports (report-uri), which also catch what happens
 * before any listener could be attached. A control page proves the trap fires.
 */
import { expect } from '@open-wc/testing';
import { until } from '../helpers/fake-protocol.js';

async function reports(): Promise<{ 'violated-directive'?: string; 'blocked-uri'?: string }[]> {
  return (await fetch('/__parley/csp-reports')).json();
}

async function load(src: string): Promise<Window & typeof globalThis> {
  const frame = document.createElement('iframe');
  frame.src = src;
  frame.style.width = '480px';
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
});
