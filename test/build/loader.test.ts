/**
 * The classic-script loader on a plain page: only the loader <script> and a <parley-chat> tag,
 * under a strict CSP. It must load the code-split build and exactly one protocol chunk.
 */
import { expect } from '@open-wc/testing';
import { until } from '../helpers/fake-protocol.js';

describe('dist/parley.loader.js on a plain HTML page', function () {
  this.timeout(30000);

  it('loads the elements and only the protocol the page uses, and chats', async () => {
    const frame = document.createElement('iframe');
    frame.style.width = '480px';
    frame.style.height = '640px';
    frame.src = '/__parley/loader.html';
    const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow as Window & typeof globalThis & { Parley?: { ready: Promise<unknown>; mount: unknown } };
    const violations: string[] = [];
    win.document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    await win.Parley!.ready;
    expect(typeof win.Parley!.mount).to.equal('function');
    const chat = win.document.querySelector('parley-chat')!;
    await until(() => chat.getAttribute('connection-status') === 'open', 15000, 'open');
    const threadRoot = () => chat.shadowRoot!.querySelector('parley-thread')!.shadowRoot!;
    await until(() => [...threadRoot().querySelectorAll('[part~="message"] .text')].some((t) => t.textContent!.includes("I'm Ada")), 10000, 'greeting');
    const scripts = win.performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js'));
    const protocolChunks = scripts.filter((p) => /\/cdn\/protocol-/.test(p));
    expect(protocolChunks, scripts.join(', ')).to.have.length(1);
    expect(scripts.some((p) => p.endsWith('/dist/parley.iife.js'))).to.equal(false);
    // The greeting is plain text: the sanitizer and the Markdown renderer, loaded on demand, are not fetched.
    expect(scripts.filter((p) => /\/cdn\/(purifier|markdown)-/.test(p)), scripts.join(', ')).to.deep.equal([]);
    expect(violations, violations.join('; ')).to.deep.equal([]);
    frame.remove();
  });
});
