/**
 * The sanitizer (DOMPurify) and the Markdown renderer load on demand (src/lit/sanitize.ts,
 * src/elements/thread/rich-text.ts): the widget does not import them, a thread of plain text never
 * loads them, and the first HTML or Markdown body loads them. Until they arrive that body is plain
 * text, never markup, and it becomes sanitized markup when they do; the list's preview of an HTML
 * message fills in the same way. The tests run in order, on one page: the first ones see the
 * sanitizer not loaded yet.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ChatEvent } from '../../src/core/events.js';
import type { ParleyConversationList } from '../../src/elements/conversation-list/conversation-list.js';
import { isRichTextLoaded, pendingText } from '../../src/elements/thread/rich-text.js';
import { htmlText, isSanitizerLoaded, sanitizeHtml } from '../../src/lit/sanitize.js';
import { ChatSession } from '../../src/lit/session.js';
import { msg, until } from '../helpers/fake-protocol.js';
import { threadWith } from '../helpers/thread-fixture.js';

const T0 = Date.UTC(2026, 0, 1);
const conversation: ChatEvent = { type: 'conversation.created', conversation: { id: 'c1', title: 'Rich' } };
const HTML_BODY = '<p>Hi <b>there</b><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script></p>';
const MARKDOWN_BODY = '**Sure.** <img src=x onerror="window.__pwned=3">';

/** Module URLs the page has requested so far (the test runner serves sources by path). */
const requested = (): string[] => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
const lazyModules = (): string[] => requested().filter((p) => /dompurify|\/lit\/purifier\.ts|\/thread\/markdown\.ts/.test(p));

/** Elements that appeared inside a `.rich` body, with whether the sanitizer had loaded when they were seen. */
function watchRichBodies(root: ShadowRoot): { seen: { tag: string; loaded: boolean; firstText?: string }[]; stop(): void } {
  const seen: { tag: string; loaded: boolean; firstText?: string }[] = [];
  const observer = new MutationObserver(() => {
    for (const rich of root.querySelectorAll('.rich')) {
      if (!rich.hasAttribute('data-seen')) {
        rich.setAttribute('data-seen', '');
        seen.push({ tag: '(body)', loaded: isSanitizerLoaded(), firstText: rich.textContent ?? '' });
      }
      for (const el of rich.querySelectorAll('*:not([data-counted])')) {
        el.setAttribute('data-counted', '');
        seen.push({ tag: el.localName, loaded: isSanitizerLoaded() });
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return { seen, stop: () => observer.disconnect() };
}

describe('sanitizer and Markdown renderer on demand', () => {
  it('are not loaded by the widget, nor by a thread of plain text', async () => {
    expect(isSanitizerLoaded()).to.equal(false);
    const { thread } = await threadWith([conversation, { type: 'message.created', message: msg({ id: 'p', conversationId: 'c1', text: '<b>plain</b>', at: T0 }) }]);
    await until(() => !!thread.shadowRoot!.querySelector('[data-message-id="p"] .text'), 5000, 'the plain message');
    expect(thread.shadowRoot!.querySelector('[data-message-id="p"] .text')!.textContent).to.equal('<b>plain</b>');
    await new Promise((r) => setTimeout(r, 100));
    expect(lazyModules()).to.deep.equal([]);
    expect(isSanitizerLoaded()).to.equal(false);
  });

  it('the first HTML and Markdown bodies show as plain text, then as sanitized markup; nothing unsanitized ever renders', async () => {
    (window as { __pwned?: unknown }).__pwned = undefined;
    const { thread, session } = await threadWith([conversation]);
    const watch = watchRichBodies(thread.shadowRoot!);
    session.store.apply([
      { type: 'message.created', message: { ...msg({ id: 'h', conversationId: 'c1', text: HTML_BODY, at: T0 + 1 }), markup: 'html' } },
      { type: 'message.created', message: { ...msg({ id: 'm', conversationId: 'c1', text: MARKDOWN_BODY, at: T0 + 2 }), markup: 'markdown' } },
    ]);
    session.store.flush();
    const root = thread.shadowRoot!;
    await until(() => !!root.querySelector('[data-message-id="m"] .rich strong') && !!root.querySelector('[data-message-id="h"] .rich b'), 10_000, 'both bodies as markup');
    watch.stop();
    expect(isRichTextLoaded('markdown')).to.equal(true);

    const bodies = watch.seen.filter((s) => s.tag === '(body)');
    expect(bodies.map((b) => b.loaded), 'each body was first drawn before the sanitizer had loaded').to.deep.equal([false, false]);
    expect(bodies.map((b) => b.firstText)).to.have.members([pendingText(HTML_BODY, 'html'), MARKDOWN_BODY]);
    const elements = watch.seen.filter((s) => s.tag !== '(body)');
    expect(elements.filter((e) => !e.loaded), 'no element inside a body before the sanitizer loaded').to.deep.equal([]);
    expect([...new Set(elements.map((e) => e.tag))].sort()).to.deep.equal(['b', 'p', 'strong']);
    expect(root.querySelector('[data-message-id="h"] .rich')!.textContent).to.equal('Hi there');
    expect(root.querySelector('[data-message-id="m"] .rich')!.textContent).to.equal('Sure. <img src=x onerror="window.__pwned=3">');
    await new Promise((r) => setTimeout(r, 50)); // an onerror would have fired by now
    expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);

    // Rendered again (new rows for the same messages), the bodies are markup at once.
    thread.remove();
    const again = await threadWith([conversation, ...session.store.getState().messages.get('c1')!.map((message): ChatEvent => ({ type: 'message.created', message }))]);
    await until(() => !!again.thread.shadowRoot!.querySelector('[data-message-id="h"]'), 5000, 'the rows again');
    expect(again.thread.shadowRoot!.querySelector('[data-message-id="h"] .rich b')?.textContent).to.equal('there');
    expect(sanitizeHtml('<i>x</i><script>1</script>').childNodes.length).to.equal(1);
    expect(htmlText('<p>a</p><style>p{}</style>')).to.equal('a');
  });

  it("the list's preview of an HTML message reads it through the sanitizer and is remembered only once it could", async () => {
    const session = new ChatSession();
    session.store.apply([
      conversation,
      { type: 'message.created', message: { ...msg({ id: 'h2', conversationId: 'c1', text: '<p>Good <i>morning</i></p>', at: T0 + 5 }), markup: 'html' } },
    ]);
    session.store.flush();
    const list = await fixture<ParleyConversationList>(html`<parley-conversation-list .session=${session}></parley-conversation-list>`);
    const preview = () => list.shadowRoot!.querySelector('[part="preview"]')?.textContent;
    await until(() => preview() === 'Good morning', 5000, 'the preview');
    // A row rendered again (an unread count changed) shows the same text.
    session.store.apply([{ type: 'conversation.updated', conversation: { id: 'c1', unreadCount: 3 } }]);
    session.store.flush();
    await until(() => !!list.shadowRoot!.querySelector('[part="unread-count"]'), 5000, 'the badge');
    expect(preview()).to.equal('Good morning');
  });
});
