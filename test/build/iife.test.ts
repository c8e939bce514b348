/**
 * The all-in-one build on a plain page: one classic <script> and one <parley-chat> tag, under a
 * strict Content-Security-Policy (no inline script, no eval, no inline styles).
 */
import { expect } from '@open-wc/testing';
import { until } from '../helpers/fake-protocol.js';
import { servers } from '../helpers/servers.js';

describe('dist/parley.iife.js on a plain HTML page', function () {
  this.timeout(30000);

  it('defines the elements, connects and chats, with no CSP violation', async () => {
    const frame = document.createElement('iframe');
    frame.style.width = '480px';
    frame.style.height = '640px';
    const violations: string[] = [];
    frame.src = '/__parley/iife.html';
    const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow as Window & typeof globalThis & { Parley?: { mount: unknown } };
    win.document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const chat = win.document.querySelector('parley-chat')!;
    expect(win.customElements.get('parley-chat'), 'registered by the classic script').to.not.equal(undefined);
    expect(typeof win.Parley?.mount).to.equal('function');
    await until(() => chat.getAttribute('connection-status') === 'open', 15000, 'open');
    const threadRoot = () => chat.shadowRoot!.querySelector('parley-thread')!.shadowRoot!;
    await until(() => [...threadRoot().querySelectorAll('[part~="message"] .text')].some((t) => t.textContent!.includes("I'm Ada")), 10000, 'greeting');
    // Styles applied (constructable stylesheets pass a strict style-src).
    const panel = chat.shadowRoot!.querySelector('.panel')!;
    expect(win.getComputedStyle(panel).display).to.equal('flex');
    expect(violations, violations.join('; ')).to.deep.equal([]);
    expect(servers.chatwoot).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    frame.remove();
  });
});
