/**
 * examples/html, examples/react and examples/vue as built by scripts/build-examples.mjs (npm test
 * runs it after the package build): each page, loaded in Chromium against the Chatwoot demo
 * server, renders its chat, gets the agent's greeting, sends a message from the composer and shows
 * the reply, and the framework's own part of the page (a counter fed by `parley-message`) works.
 */
import { expect } from '@open-wc/testing';
import { until } from '../helpers/fake-protocol.js';
import { servers } from '../helpers/servers.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';

const PAGES = { html: '/examples/html/index.html', react: '/examples/react/dist/index.html', vue: '/examples/vue/dist/index.html' };

const frames: HTMLIFrameElement[] = [];
afterEach(() => { for (const f of frames.splice(0)) f.remove(); });

async function open(path: string): Promise<Window & typeof globalThis> {
  const frame = document.createElement('iframe');
  frame.style.width = '480px';
  frame.style.height = '720px';
  frame.src = `${path}?${new URLSearchParams({ url: servers.chatwoot })}`;
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  return frame.contentWindow as Window & typeof globalThis;
}

describe('the examples, built', function () {
  this.timeout(30000);

  for (const [name, path] of Object.entries(PAGES)) {
    it(`${name}: the chat connects, greets, sends and shows the reply`, async () => {
      const win = await open(path);
      const errors: string[] = [];
      win.addEventListener('error', (e) => errors.push(e.message));
      await until(() => win.document.querySelector('parley-chat')?.getAttribute('connection-status') === 'open', 15000, 'open');
      const chat = win.document.querySelector<ParleyChat>('parley-chat')!;
      const texts = () => [...chat.shadowRoot!.querySelector('parley-thread')?.shadowRoot?.querySelectorAll('[part~="message"] .text') ?? []].map((t) => t.textContent ?? '');
      await until(() => texts().some((t) => t.includes("I'm Ada")), 10000, 'the greeting');
      const area = () => chat.shadowRoot!.querySelector('parley-composer')?.shadowRoot?.querySelector('textarea');
      await until(() => area()?.disabled === false, 5000, 'the composer enabled');
      area()!.value = `from the ${name} example`;
      area()!.dispatchEvent(new Event('input'));
      area()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
      await until(() => texts().some((t) => t.includes(`You said: “from the ${name} example”`)), 10000, 'the reply');
      const counter = win.document.querySelector('output');
      if (name !== 'html') await until(() => Number(counter?.textContent) > 0, 5000, `the ${name} counter`);
      expect(errors, errors.join('; ')).to.deep.equal([]);
    });
  }
});
