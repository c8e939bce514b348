import { expect } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ChatEvent } from '../../src/core/events.js';
import type { Attachment, Message } from '../../src/core/model.js';
import { markdownToHtml } from '../../src/elements/thread/markdown.js';
import { BODY_LIMIT } from '../../src/elements/thread/message-view.js';
import type { ParleyThread } from '../../src/elements/thread/thread.js';
import { ParleyErrorEvent } from '../../src/lit/events.js';
import { msg, until } from '../helpers/fake-protocol.js';
import { threadWith } from '../helpers/thread-fixture.js';

const T0 = Date.UTC(2026, 0, 1);
const conversation: ChatEvent = { type: 'conversation.created', conversation: { id: 'c1' } };
const created = (m: Message): ChatEvent => ({ type: 'message.created', message: m });
const bubble = (thread: ParleyThread, id: string) => thread.shadowRoot!.querySelector(`[data-message-id="${id}"]`);

describe('hostile messages: nothing one message carries freezes or breaks the thread', () => {
  // Each of these took seconds with the old pattern-based renderer (cubic or quadratic
  // backtracking); a single pass takes milliseconds. The bound is two orders of magnitude loose.
  const hostile: Record<string, string> = {
    'a heading with a long run of spaces': `# x${' '.repeat(3000)}y`,
    'unclosed strong emphasis': '**x '.repeat(50_000),
    'unclosed strikethrough': '~~x '.repeat(50_000),
    'a long run of link openers': `${'['.repeat(50_000)}]`,
  };
  for (const [what, source] of Object.entries(hostile)) {
    it(`markdown in linear time: ${what}`, () => {
      const started = performance.now();
      const out = markdownToHtml(source);
      expect(performance.now() - started).to.be.below(500);
      expect(out.length).to.be.at.least(source.length / 2);
    });
  }

  it('markdown still pairs emphasis and leaves the unpaired as text', () => {
    expect(markdownToHtml('***both*** and **a *b* c** and **open')).to.equal(
      '<p><strong><em>both</em></strong> and <strong>a <em>b</em> c</strong> and **open</p>');
    expect(markdownToHtml('# Title ##   ')).to.equal('<h1>Title</h1>');
    expect(markdownToHtml(`# x${' '.repeat(10)}y`)).to.equal(`<h1>x${' '.repeat(10)}y</h1>`);
    expect(markdownToHtml('[a [b](https://x.test)')).to.equal('<p>[a <a href="https://x.test">b</a></p>');
  });

  it('impossible times, a malformed URL escape and a far due date render; later messages still show', async () => {
    const badUrl: Attachment = { id: 'f', kind: 'file', url: 'https://files.test/a%E0%A4%A.pdf', name: '' };
    const { thread } = await threadWith([
      conversation,
      created(msg({ id: '1', conversationId: 'c1', text: 'from the far future', at: 1e308 })),
      created({ ...msg({ id: '2', conversationId: 'c1', text: 'file', at: T0 }), attachments: [badUrl] }),
      created({ ...msg({ id: '3', conversationId: 'c1', text: '', at: T0 + 1 }), kind: 'task', meta: { title: 'Task', dueDate: 1e20 } }),
      created(msg({ id: '4', conversationId: 'c1', text: 'after them all', at: T0 + 2 })),
    ]);
    await until(() => !!bubble(thread, '4') && !!bubble(thread, '2'), 5000, 'the messages after the bad ones');
    expect(bubble(thread, '2')!.querySelector('.file-name')?.textContent).to.equal('a%E0%A4%A.pdf');
    expect(bubble(thread, '4')!.textContent).to.contain('after them all');
  });

  it('a message whose template fails shows a notice in its place and is reported once; the rest renders', async () => {
    const trap = Object.defineProperty({ id: 'x', kind: 'file' }, 'url', { get() { throw new Error('boom'); }, enumerable: true }) as Attachment;
    const errors: ParleyErrorEvent[] = [];
    document.addEventListener('parley-error', (e) => errors.push(e as ParleyErrorEvent));
    const { thread } = await threadWith([
      conversation,
      created({ ...msg({ id: '1', conversationId: 'c1', text: 'broken', at: T0 }), attachments: [trap] }),
      created(msg({ id: '2', conversationId: 'c1', text: 'fine', at: T0 + 1 })),
    ]);
    await until(() => !!bubble(thread, '2') && !!bubble(thread, '1'), 5000, 'both rows');
    expect(bubble(thread, '1')!.textContent).to.contain('This message could not be shown.');
    expect(bubble(thread, '2')!.textContent).to.contain('fine');
    expect(errors.map((e) => e.error.message)).to.deep.equal(['message 1 could not be shown: boom']);
  });

  it('a huge message shows its first part with "Show more", which doubles what shows', async () => {
    const long = 'x'.repeat(BODY_LIMIT * 10);
    const { thread } = await threadWith([conversation, created(msg({ id: '1', conversationId: 'c1', text: long, at: T0 }))]);
    await until(() => !!bubble(thread, '1'), 5000, 'the message');
    const text = () => bubble(thread, '1')!.querySelector('.text')!.textContent!.length;
    expect(text()).to.equal(BODY_LIMIT);
    bubble(thread, '1')!.querySelector<HTMLButtonElement>('[part~="show-more"]')!.click();
    await until(() => text() === BODY_LIMIT * 2, 5000, 'twice as much');
    await expect(thread).to.be.accessible();
  });

  it('names lose zero-width and bidi control characters, sit in <bdi>, and are cut when huge; text is dir=auto', async () => {
    const sender = (name: string, id: string) => ({ id, name, role: 'agent' as const });
    const { thread } = await threadWith([
      conversation,
      created({ ...msg({ id: '1', conversationId: 'c1', text: 'hi', at: T0 }), sender: sender('Ada\u200b', 'u1') }),
      created({ ...msg({ id: '2', conversationId: 'c1', text: 'hey', at: T0 + 1 }), sender: sender('\u202eAda', 'u2') }),
      created({ ...msg({ id: '3', conversationId: 'c1', text: 'yo', at: T0 + 2 }), sender: sender('N'.repeat(5000), 'u3') }),
    ]);
    await until(() => !!bubble(thread, '3'), 5000, 'the messages');
    const name = (id: string) => bubble(thread, id)!.querySelector('bdi.sender-name')!.textContent!;
    expect([name('1'), name('2')]).to.deep.equal(['Ada', 'Ada']);
    expect([...name('3')].length).to.equal(80);
    expect(bubble(thread, '1')!.querySelector('.text')!.getAttribute('dir')).to.equal('auto');
  });
});
