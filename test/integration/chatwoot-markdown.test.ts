/**
 * An agent's Markdown from the Chatwoot emulation renders as Chatwoot's own widget shows it (its
 * MessageFormatter renders message content as Markdown): bold and links, safely; a bare URL in a
 * message without Markdown is a link too.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { until } from '../helpers/fake-protocol.js';
import { control, servers } from '../helpers/servers.js';
import { newContact } from '../helpers/chatwoot-contact.js';

describe('Chatwoot: an agent\'s Markdown, end to end against the demo server', function () {
  this.timeout(30000);
  beforeEach(async () => { await control('reset', {}); await control('agent', { enabled: false }); });
  afterEach(async () => { await control('agent', { enabled: true }); });

  it('renders bold and a link that opens apart; a javascript: link is text; a bare URL is a link', async () => {
    (window as { __pwned?: unknown }).__pwned = undefined;
    const who = await newContact('Visitor');
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot}
      inbox-identifier="demo-inbox" .sourceId=${who.source_id} .pubsubToken=${who.pubsub_token} no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    await control('agent-say', { conversation_id: who.conversationId, content: '**Good news:** see the [FAQ](https://help.example.com/faq)' });
    await control('agent-say', { conversation_id: who.conversationId, content: 'Or [this](javascript:window.__pwned=1)' });
    await control('agent-say', { conversation_id: who.conversationId, content: 'Status page: https://status.example.com' });
    const root = chat.shadowRoot!.querySelector('parley-thread')!.shadowRoot!;
    const bodies = () => [...root.querySelectorAll<HTMLElement>('[part~="message"] .text')];
    await until(() => bodies().length === 3 && !!bodies()[0]!.querySelector('strong'), 10000, 'the three messages, Markdown rendered');
    const [bold, bad, bare] = bodies() as [HTMLElement, HTMLElement, HTMLElement];
    expect(bold.querySelector('strong')!.textContent).to.equal('Good news:');
    const faq = bold.querySelector('a')!;
    expect([faq.textContent, faq.getAttribute('href'), faq.getAttribute('target')]).to.deep.equal(['FAQ', 'https://help.example.com/faq', '_blank']);
    expect(faq.rel.split(' ')).to.include.members(['noopener', 'noreferrer']);
    expect(bad.querySelector('a')).to.equal(null);
    expect(bad.textContent).to.equal('Or [this](javascript:window.__pwned=1)');
    const status = bare.querySelector('a')!;
    expect([status.getAttribute('href'), status.getAttribute('target')]).to.deep.equal(['https://status.example.com/', '_blank']);
    expect(status.rel.split(' ')).to.include.members(['noopener', 'noreferrer']);
    expect(bodies().every((b) => b.getAttribute('dir') === 'auto')).to.equal(true);
    expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
  });
});
