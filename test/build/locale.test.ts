/**
 * The built widget in another language under the strict policy: the IIFE carries every catalog, the
 * loader's build imports the one its `locale` needs as a chunk of its own (dist/cdn/catalog-*.js).
 * Needs `npm run build` first, like the other build tests.
 */
import { expect } from '@open-wc/testing';
import { until } from '../helpers/fake-protocol.js';

async function load(src: string): Promise<Window & typeof globalThis> {
  const frame = document.createElement('iframe');
  frame.src = src;
  frame.style.width = '640px';
  frame.style.height = '640px';
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame.contentWindow as Window & typeof globalThis;
}

describe('the built widget with locale="de"', function () {
  this.timeout(30000);

  for (const page of ['iife', 'loader']) {
    it(`${page} build: German strings, the catalog loaded under the strict policy`, async () => {
      await fetch('/__parley/csp-reports'); // start from none
      const win = await load(`/__parley/${page}.html?locale=de`);
      const chat = () => win.document.querySelector('parley-chat');
      const composer = () => chat()?.shadowRoot?.querySelector('parley-composer')?.shadowRoot;
      await until(() => composer()?.querySelector('textarea')?.placeholder === 'Nachricht schreiben…', 15000, 'the German placeholder');
      expect(composer()!.querySelector('[part="send-button"]')!.textContent!.trim()).to.equal('Senden');
      if (page === 'loader') {
        const chunks = win.performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\/catalog-/.test(n));
        expect(chunks.map((n) => /catalog-([a-z]+)-/.exec(n)?.[1])).to.deep.equal(['de']);
      }
      await new Promise((r) => setTimeout(r, 300)); // reports are sent asynchronously
      const got = await (await fetch('/__parley/csp-reports')).json() as { 'violated-directive'?: string }[];
      expect(got.map((r) => r['violated-directive'])).to.deep.equal([]);
    });
  }
});
