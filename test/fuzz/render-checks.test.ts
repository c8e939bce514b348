/**
 * The fuzz suite's screen checks (render.ts) can fail: they name forbidden markup, a message
 * shown as the render-error notice, and the `parley-error` it raises. Without these, a check that
 * found nothing would prove nothing.
 */
import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import type { Attachment } from '../../src/core/model.js';
import { msg } from '../helpers/fake-protocol.js';
import { FuzzScreen, markupFindings } from './render.js';

/** A shadow root holding `markup`, as a rendered element's would. */
function rootWith(markup: string): ShadowRoot {
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  // Test-built markup, not wire text: set directly to plant what the sanitizer must never leave.
  root.innerHTML = markup;
  return root;
}

describe('fuzz screen checks', () => {
  it('name every element, attribute and URL outside the allow-list, and pass a clean row', () => {
    const bad = rootWith(`<div data-message-id="m1"><div class="text rich"><script>1</script><b onclick="1">b</b>
      <a href="javascript:alert(1)">a</a><p style="color:red">p</p><img alt="i"></div>
      <a href="data:text/html,x">file</a><iframe src="https://x.test"></iframe></div>`);
    const found = markupFindings(bad, 'thread');
    for (const what of ['<script> element', 'onclick', 'javascript:alert(1)', '<p style> in a message body', '<img> in a message body', 'data:text/html', '<iframe> element']) {
      expect(found.some((f) => f.includes(what)), `${what} in ${JSON.stringify(found)}`).to.equal(true);
    }
    expect(found.every((f) => f.startsWith('thread m1'))).to.equal(true);
    const clean = rootWith(`<div data-message-id="m2" style="transform: translateY(4px)"><div class="text rich"><p>hi <a href="https://x.test" target="_blank" rel="noopener">x</a></p></div>
      <img class="avatar" src="https://x.test/a.png"></div>`);
    expect(markupFindings(clean, 'thread')).to.deep.equal([]);
  });

  it('name a message shown as the render-error notice, and the parley-error it raised', async () => {
    const screen = new FuzzScreen();
    await screen.mount('c1');
    try {
      const trap = Object.defineProperty({ id: 'x', kind: 'file' }, 'url', { get() { throw new Error('boom'); }, enumerable: true }) as Attachment;
      const events: ChatEvent[] = [
        { type: 'conversation.created', conversation: { id: 'c1' } },
        { type: 'message.created', message: { ...msg({ id: 'broken-1', conversationId: 'c1', text: 'x', at: Date.UTC(2026, 0, 1) }), attachments: [trap] } },
      ];
      screen.apply(events);
      const found = await screen.check();
      expect(found.some((f) => f.includes('message broken-1 rendered as the render-error notice')), JSON.stringify(found)).to.equal(true);
      expect(found.some((f) => f.startsWith('parley-error from <parley-thread>') && f.includes('boom')), JSON.stringify(found)).to.equal(true);
      expect(await screen.check(), 'the parley-error is reported once').to.deep.equal(['thread: message broken-1 rendered as the render-error notice']);
    } finally {
      screen.unmount();
    }
  });
});
