import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import { markdownToHtml, renderMarkdown } from '../../src/elements/thread/markdown.js';
import type { ParleyThread } from '../../src/elements/thread/thread.js';
import { ChatSession } from '../../src/lit/session.js';
import { sanitizerReady } from '../../src/lit/sanitize.js';
import { msg, until } from '../helpers/fake-protocol.js';

/** The sanitized fragment as HTML text. */
function rendered(source: string): string {
  const div = document.createElement('div');
  div.append(renderMarkdown(source));
  return div.innerHTML;
}

/** Everything in a tree that could run script: script-like elements, on* handlers, script URLs. */
function dangers(root: ParentNode): string[] {
  const out: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    if (/^(script|iframe|object|embed|style|svg|math|form|input|img)$/i.test(el.localName)) out.push(el.localName);
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) out.push(`${el.localName}[${a.name}]`);
      if (/^\s*(javascript|data|vbscript):/i.test(a.value)) out.push(`${el.localName}[${a.name}=${a.value}]`);
    }
  }
  return out;
}

describe('markdown renderer', () => {
  before(() => sanitizerReady()); // loaded on demand in the widget (test/elements/sanitizer-on-demand.test.ts)

  it('renders the chat subset', () => {
    expect(markdownToHtml('**bold**, *em*, _em_, ~~gone~~ and `a < b`')).to.equal(
      '<p><strong>bold</strong>, <em>em</em>, <em>em</em>, <del>gone</del> and <code>a &lt; b</code></p>');
    expect(markdownToHtml('line one\nline two\n\nnext paragraph')).to.equal('<p>line one<br>line two</p><p>next paragraph</p>');
    expect(markdownToHtml('# Title\n- one\n- two\n\n1. first\n2. second')).to.equal(
      '<h1>Title</h1><ul><li>one</li><li>two</li></ul><ol><li>first</li><li>second</li></ol>');
    expect(markdownToHtml('> quoted **text**\n> more\n\n---')).to.equal('<blockquote><p>quoted <strong>text</strong><br>more</p></blockquote><hr>');
    expect(markdownToHtml('```\nconst x = "<b>";\n```')).to.equal('<pre><code>const x = &quot;&lt;b&gt;&quot;;</code></pre>');
    expect(markdownToHtml('see [docs](https://virola.io/a_b) or https://example.com/x_y.')).to.equal(
      '<p>see <a href="https://virola.io/a_b">docs</a> or <a href="https://example.com/x_y">https://example.com/x_y</a>.</p>');
    expect(markdownToHtml('snake_case_name and 2*3*4')).to.equal('<p>snake_case_name and 2*3*4</p>');
  });

  it('sanitized: links open safely; raw HTML is text; a link to a script URL stays its source text', () => {
    expect(rendered('[docs](https://virola.io)')).to.equal('<p><a href="https://virola.io/" target="_blank" rel="noopener noreferrer nofollow">docs</a></p>');
    expect(rendered('<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'))
      .to.equal('<p>&lt;script&gt;window.__pwned = 1&lt;/script&gt;&lt;img src=x onerror="window.__pwned = 2"&gt;</p>');
    expect(rendered('[click](javascript:alert) [x](data:text/html,hi)')).to.equal('<p>[click](javascript:alert) [x](data:text/html,hi)</p>');
    expect(rendered('[click](javascript:alert(1))')).to.equal('<p>[click](javascript:alert(1))</p>');
    const quoted = document.createElement('div');
    quoted.append(renderMarkdown('[q]("onmouseover="alert)'));
    expect(dangers(quoted)).to.deep.equal([]);
    expect(quoted.querySelector('a')?.getAttributeNames()).to.deep.equal(['href', 'target', 'rel']);
  });

  it('in a thread: a markdown message renders as markup, an html one sanitized, plain text stays text; nothing runs', async () => {
    (window as { __pwned?: unknown }).__pwned = undefined;
    const session = new ChatSession();
    session.store.apply([
      { type: 'conversation.created', conversation: { id: 'c1' } },
      { type: 'message.created', message: msg({ id: '1', conversationId: 'c1', markup: 'markdown', text: '**Sure.** <img src=x onerror="window.__pwned=1">', at: 1 }) },
      { type: 'message.created', message: msg({ id: '2', conversationId: 'c1', markup: 'html', text: '<b>bold</b><img src=x onerror="window.__pwned=2"><script>window.__pwned=3</script><a href="javascript:window.__pwned=4">x</a>', at: 2 }) },
      { type: 'message.created', message: msg({ id: '3', conversationId: 'c1', markup: 'plain', text: '**not markup**', at: 3 }) },
    ]);
    session.store.setActive('c1', true);
    session.store.flush();
    const wrapper = await fixture<HTMLDivElement>(html`<div style="height: 400px; display: flex; flex-direction: column;">
      <parley-thread .session=${session}></parley-thread></div>`);
    const thread = wrapper.querySelector<ParleyThread>('parley-thread')!;
    const root = thread.shadowRoot!;
    await until(() => root.querySelectorAll('[part~="message"]').length === 3, 5000, 'three messages');
    await until(() => !!root.querySelector('[data-message-id="1"] .rich strong'), 5000, 'the Markdown as markup');
    const md = root.querySelector('[data-message-id="1"] .rich')!;
    expect(md.querySelector('strong')?.textContent).to.equal('Sure.');
    expect(md.textContent).to.contain('<img src=x onerror=');
    const rich = root.querySelector('[data-message-id="2"] .rich')!;
    expect(rich.querySelector('b')?.textContent).to.equal('bold');
    expect(rich.querySelector('a')?.hasAttribute('href')).to.equal(false);
    expect(dangers(root)).to.deep.equal([]);
    expect(root.querySelector('[data-message-id="3"] .text')?.textContent).to.equal('**not markup**');
    await new Promise((r) => setTimeout(r, 50)); // an onerror would have fired by now
    expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
  });
});
