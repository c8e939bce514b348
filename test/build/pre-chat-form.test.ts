/**
 * The pre-chat form as built: a lazy chunk that really holds the form (a module whose only effect
 * is to define its element is dropped by the bundler unless `sideEffects` in package.json names it).
 */
import { expect } from '@open-wc/testing';
import { until } from '../helpers/fake-protocol.js';

describe('the built pre-chat form', function () {
  this.timeout(20000);

  it('dist/parley-chat.js: a new Chatwoot visitor with pre-chat-form sees the form (loaded on demand)', async () => {
    const entry: string = '/dist/parley-chat.js';
    await import(entry);
    expect(customElements.get('parley-pre-chat-form'), 'not loaded up front').to.equal(undefined);
    const chat = document.createElement('parley-chat');
    for (const [k, v] of Object.entries({ protocol: 'chatwoot', url: 'http://127.0.0.1:1', 'inbox-identifier': 'i', 'pre-chat-form': '', 'no-persist': '' })) chat.setAttribute(k, v);
    document.body.append(chat);
    try {
      await until(() => !!chat.shadowRoot?.querySelector('parley-pre-chat-form')?.shadowRoot?.querySelector('form input[name="email"]'), 10000, 'the form');
    } finally {
      chat.remove();
    }
  });

  it('dist/cdn: the lazy chunk holds the form', async () => {
    const entry = await (await fetch('/dist/cdn/parley.js')).text();
    const name = /pre-chat-form-[\w-]+\.js/.exec(entry)?.[0];
    expect(name, 'the entry loads a pre-chat chunk').to.be.a('string');
    const chunk = await (await fetch(`/dist/cdn/${name!}`)).text();
    expect(chunk).to.contain('parley-pre-chat-form');
    expect(chunk).to.contain('pre-chat-title');
  });
});
