/**
 * "Placing the parts yourself" (README) with every build as it ships, in every load order: the
 * build's script in `<head>` (the chat is upgraded before the parser has reached its parts), at the
 * end of `<body>` (everything parsed first), the parts' define modules before the chat's (ES
 * modules), the parts appended to a chat that already rendered its own, and a chat created by script
 * and given its parts once connected. Each time the page's own thread, typing indicator and composer
 * are the ones on screen (the chat renders none of its own), they read the chat through context and
 * follow its theme, the greeting arrives, and a message sent from the page's composer shows in the
 * page's thread.
 * The page (web-test-runner.config.mjs `/__parley/placed.html`) runs under the strict CSP with
 * Trusted Types.
 */
import { expect } from '@open-wc/testing';
import { until } from '../helpers/fake-protocol.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';

type PageWindow = Window & typeof globalThis & { placed: Promise<void> };

const ORDERS: Record<string, string[]> = {
  loader: ['head', 'body-end', 'parts-later', 'chat-later'],
  iife: ['head', 'body-end', 'parts-later', 'chat-later'],
  esm: ['parts-first', 'body-end', 'parts-later', 'chat-later'],
};

const frames: HTMLIFrameElement[] = [];
afterEach(() => { for (const f of frames.splice(0)) f.remove(); });

async function open(build: string, order: string): Promise<{ win: PageWindow; violations: string[] }> {
  const frame = document.createElement('iframe');
  frame.style.width = '480px';
  frame.style.height = '640px';
  frame.src = `/__parley/placed.html?${new URLSearchParams({ build, order })}`;
  const violations: string[] = [];
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  const win = frame.contentWindow as PageWindow;
  win.document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  await win.placed;
  return { win, violations };
}

const texts = (thread: Element) => [...thread.shadowRoot?.querySelectorAll('[part~="message"] .text') ?? []].map((t) => t.textContent ?? '');

describe('the parts a page places itself, with each build in each load order', function () {
  this.timeout(40000);

  for (const [build, orders] of Object.entries(ORDERS)) {
    for (const order of orders) {
      it(`${build}, ${order}: the page's parts connect and chat`, async () => {
        const { win, violations } = await open(build, order);
        await until(() => win.document.querySelector('parley-chat') !== null, 10000, 'the chat');
        const chat = win.document.querySelector<ParleyChat>('parley-chat')!;
        await until(() => chat.getAttribute('connection-status') === 'open', 15000, 'open');
        const thread = chat.querySelector('parley-thread')!;
        const composer = chat.querySelector('parley-composer')!;
        expect(chat.querySelector('parley-typing-indicator'), 'the page\'s typing indicator').to.not.equal(null);
        await until(() => texts(thread).some((t) => t.includes("I'm Ada")), 10000, 'the greeting in the page\'s thread');
        await until(() => chat.shadowRoot!.querySelector('slot') !== null, 5000, 'the chat shows the page\'s parts');
        expect(chat.shadowRoot!.querySelector('parley-thread, parley-composer, parley-typing-indicator'), 'no parts of its own').to.equal(null);
        // The page's composer sends through the chat's connection.
        const area = () => composer.shadowRoot?.querySelector('textarea');
        await until(() => area()?.disabled === false, 5000, 'the composer enabled');
        const said = `placed ${build} ${order}`;
        area()!.value = said;
        area()!.dispatchEvent(new Event('input'));
        area()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
        await until(() => texts(thread).some((t) => t.includes(`You said: “${said}”`)), 10000, 'the reply');
        // They follow the chat's theme, whenever they came.
        chat.theme = 'dark';
        await chat.updateComplete;
        expect([...chat.children].map((c) => `${c.localName} ${c.getAttribute('theme')}`)).to.deep.equal(
          ['parley-thread dark', 'parley-typing-indicator dark', 'parley-composer dark']);
        expect(violations, violations.join('; ')).to.deep.equal([]);
      });
    }
  }
});
