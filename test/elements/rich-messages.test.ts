/**
 * Rich, safe messages per backend: each backend's wire message goes through its own codec (so the
 * markup is the one its decoder sets), then renders in a thread. Markdown (Chatwoot, Virola
 * `TextMarkdown`, Comapi `text/markdown`) shows bold and links; plain text (IMKIT, Comapi
 * `text/plain`, Virola `TextPlain`) gets its bare URLs as links; HTML (Avaya Spaces) goes through
 * the sanitizer. Every link opens in a new browsing context without access to the page, and a
 * `javascript:` link is never a link.
 */
import { expect } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ChatEvent } from '../../src/core/events.js';
import type { Markup, Message } from '../../src/core/model.js';
import { decodeFrame as chatwootDecode } from '../../src/core/protocols/chatwoot/codec.js';
import { decodeFrame as comapiDecode } from '../../src/core/protocols/comapi/codec.js';
import { decodeEvent as imkitDecode } from '../../src/core/protocols/imkit/codec.js';
import { decodeMessageSent as spacesDecode } from '../../src/core/protocols/spaces/codec.js';
import { decodeFrame as virolaDecode } from '../../src/core/protocols/virola/codec.js';
import type { ParleyConversationList } from '../../src/elements/conversation-list/conversation-list.js';
import { chatwootSeed } from '../fixtures/seed-chatwoot.js';
import { imkitSeed } from '../fixtures/seed-imkit.js';
import { spacesSeed } from '../fixtures/seed-spaces.js';
import { virolaSeed } from '../fixtures/seed-virola.js';
import { sentFrame } from '../comapi/wire-frames.js';
import { fixture, html } from '@open-wc/testing';
import { ChatSession } from '../../src/lit/session.js';
import { msg, until } from '../helpers/fake-protocol.js';
import { threadWith } from '../helpers/thread-fixture.js';

const NOW = 1_700_000_000_000;
type Json = Record<string, unknown>;
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function messageOf(events: readonly ChatEvent[]): Message {
  const e = events.find((x) => x.type === 'message.created');
  if (!e || e.type !== 'message.created') throw new Error(`no message in ${JSON.stringify(events)}`);
  return e.message;
}

/** A message from someone else with this text, read by each backend's own codec. */
const fromWire = {
  chatwoot(text: string): Message {
    const frame = copy(chatwootSeed.find((s) => s.name === 'message_created')!.frame) as Json;
    Object.assign(((frame.message as Json).data as Json), { content: text, message_type: 1, sender: { id: 1, name: 'Ada', type: 'user' } });
    return messageOf(chatwootDecode(frame, { role: 'contact', selfId: '10', now: NOW }));
  },
  imkit(text: string): Message {
    const payload = { ...copy(imkitSeed.find((s) => s.event === 'chat message')!.payload as Json), message: text };
    return messageOf(imkitDecode('chat message', payload, { selfId: 'me', now: NOW, typingTtlMs: 6000 }));
  },
  comapi(text: string, type = 'text/plain'): Message {
    return messageOf(comapiDecode(sentFrame({ parts: [{ name: 'body', type, data: text, size: text.length }] }), { selfId: 'me', now: NOW }).events);
  },
  virola(text: string, markupType = 'TextPlain'): Message {
    const frame = copy(virolaSeed.find((s) => s.name === 'text_messages_created')!.frame) as { data: { messages: Json[] } };
    Object.assign(frame.data.messages[0]!, { text, markupType, createdUtc: NOW, lastModifiedUtc: NOW });
    return messageOf(virolaDecode(frame, { selfId: '3', names: new Map([['1', 'Admin']]), baseUrl: 'https://virola.test', now: NOW }));
  },
  spaces(bodyText: string): Message {
    const payload = copy(spacesSeed.find((s) => s.name === 'chat')!.payload);
    (payload.content as Json).bodyText = bodyText;
    return messageOf(spacesDecode(payload, { selfId: 'someone-else', now: NOW }).events);
  },
};

let seq = 0;
/** A thread showing these messages (as conversation c1, in order); their ids, in order. */
async function show(...messages: Message[]) {
  const ids = messages.map(() => `rich-${++seq}`);
  const events: ChatEvent[] = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
  messages.forEach((m, i) => events.push({ type: 'message.created', message: { ...m, id: ids[i]!, clientRef: undefined, conversationId: 'c1', createdAt: NOW + i } }));
  const { thread } = await threadWith(events);
  const body = (i: number) => thread.shadowRoot!.querySelector<HTMLElement>(`[data-message-id="${ids[i]}"] .text`);
  await until(() => ids.every((_, i) => !!body(i)), 5000, 'the messages');
  return { thread, body };
}

/** Every link is http(s), opens in a new browsing context, and gives it neither the opener nor the referrer. */
function expectSafeLinks(root: ParentNode): void {
  for (const a of root.querySelectorAll('a[href]')) {
    expect(/^https?:\/\//.test(a.getAttribute('href')!), a.outerHTML).to.equal(true);
    expect(a.getAttribute('target'), a.outerHTML).to.equal('_blank');
    expect(a.getAttribute('rel')?.split(' '), a.outerHTML).to.include.members(['noopener', 'noreferrer']);
  }
}

const MARKDOWN = '**Sure.** See the [FAQ](https://help.example.com/faq) or https://example.com/docs.';
const BAD_MARKDOWN = 'Try [this](javascript:window.__pwned=1) now';

describe('rich messages: each backend\'s markup', () => {
  it('the decoders set the markup each backend\'s messages carry', () => {
    const markups: Record<string, Markup> = {
      chatwoot: fromWire.chatwoot('hi').markup,
      imkit: fromWire.imkit('hi').markup,
      'comapi text/plain': fromWire.comapi('hi').markup,
      'comapi text/markdown': fromWire.comapi('hi', 'text/markdown').markup,
      'virola TextPlain': fromWire.virola('hi').markup,
      'virola TextMarkdown': fromWire.virola('hi', 'TextMarkdown').markup,
      spaces: fromWire.spaces('<p>hi</p>').markup,
    };
    expect(markups).to.deep.equal({
      chatwoot: 'markdown', imkit: 'plain', 'comapi text/plain': 'plain', 'comapi text/markdown': 'markdown',
      'virola TextPlain': 'plain', 'virola TextMarkdown': 'markdown', spaces: 'html',
    });
  });

  for (const [backend, make] of [
    ['Chatwoot', (t: string) => fromWire.chatwoot(t)],
    ['Virola TextMarkdown', (t: string) => fromWire.virola(t, 'TextMarkdown')],
    ['Comapi text/markdown', (t: string) => fromWire.comapi(t, 'text/markdown')],
  ] as const) {
    it(`${backend}: Markdown shows bold and links; a javascript: link is no link`, async () => {
      (window as { __pwned?: unknown }).__pwned = undefined;
      const { thread, body } = await show(make(MARKDOWN), make(BAD_MARKDOWN));
      await until(() => !!body(0)!.querySelector('strong'), 10_000, 'the Markdown rendered');
      expect(body(0)!.querySelector('strong')!.textContent).to.equal('Sure.');
      const links = [...body(0)!.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);
      expect(links).to.deep.equal([['FAQ', 'https://help.example.com/faq'], ['https://example.com/docs', 'https://example.com/docs']]);
      expect(body(1)!.querySelector('a'), 'no link for javascript:').to.equal(null);
      expect(body(1)!.textContent).to.equal(BAD_MARKDOWN);
      expectSafeLinks(thread.shadowRoot!);
      expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
      await expect(thread).to.be.accessible();
    });
  }

  for (const [backend, make] of [
    ['IMKIT', (t: string) => fromWire.imkit(t)],
    ['Comapi text/plain', (t: string) => fromWire.comapi(t)],
    ['Virola TextPlain', (t: string) => fromWire.virola(t)],
    ['Chatwoot (no Markdown in it)', (t: string) => fromWire.chatwoot(t)],
  ] as const) {
    it(`${backend}: bare URLs in plain text are links; the rest stays text`, async () => {
      const text = 'Docs: https://example.com/a?b=1&c=2, (http://example.org/x) and javascript:alert(1) or www.example.net';
      const { thread, body } = await show(make(text));
      const p = body(0)!;
      expect(p.localName).to.equal('p');
      expect(p.textContent).to.equal(text);
      expect([...p.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.com/a?b=1&c=2', 'http://example.org/x']);
      expectSafeLinks(p);
      expect(p.getAttribute('dir')).to.equal('auto');
      await expect(thread).to.be.accessible();
    });
  }

  it('plain text keeps Markdown and HTML as written (IMKIT)', async () => {
    const text = '**not bold** <b>nor this</b> [nor](https://example.com)';
    const { body } = await show(fromWire.imkit(text));
    expect(body(0)!.textContent).to.equal(text);
    expect(body(0)!.querySelector('b, strong')).to.equal(null);
    // "(https://example.com)" is a bare URL after "(": linked, with its text unchanged.
    expect([...body(0)!.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.com/']);
  });

  it('Avaya Spaces HTML: links keep http(s) only and open apart; a javascript: link loses its href', async () => {
    const { thread, body } = await show(fromWire.spaces('<p><a href="https://example.com/x">ok</a> <a href="javascript:window.__pwned=1">bad</a></p>'));
    await until(() => !!body(0)!.querySelector('a'), 10_000, 'the HTML rendered');
    const anchors = [...body(0)!.querySelectorAll('a')];
    expect(anchors.map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.com/x', null]);
    expectSafeLinks(body(0)!);
    await expect(thread).to.be.accessible();
  });

  it('a long URL and a body of many URLs stay cheap and cut into short runs', async () => {
    const long = `https://example.com/${'x'.repeat(5000)}`;
    const many = Array.from({ length: 1000 }, (_, i) => `https://e.test/${i}`).join(' ');
    const started = performance.now();
    const { body } = await show(fromWire.imkit(long), fromWire.imkit(many));
    expect(performance.now() - started).to.be.below(5000);
    const a = body(0)!.querySelector('a')!;
    expect(a.getAttribute('href')).to.equal(long);
    expect(a.childNodes.length, 'the label in text nodes of at most 100 characters').to.be.at.least(50);
    expect(body(1)!.textContent === many, 'the text as it was').to.equal(true);
    expect(body(1)!.querySelectorAll('a').length).to.equal(500);
  });
});

describe('rich messages: bidi', () => {
  it('message text, Markdown bodies and list previews are dir=auto; names sit in <bdi>', async () => {
    const { thread, body } = await show(fromWire.chatwoot('Hi! I\'m Ada'), fromWire.chatwoot('**שלום** עולם'));
    await until(() => !!body(1)!.querySelector('strong'), 10_000, 'the Markdown rendered');
    expect(body(0)!.getAttribute('dir')).to.equal('auto');
    expect(body(1)!.getAttribute('dir')).to.equal('auto');
    expect(thread.shadowRoot!.querySelector('bdi.sender-name')).to.not.equal(null);

    const session = new ChatSession();
    session.store.apply([
      { type: 'conversation.created', conversation: { id: 'c1', title: 'Ada' } },
      { type: 'message.created', message: msg({ id: '1', conversationId: 'c1', text: 'Hi! I\'m Ada', at: NOW }) },
    ]);
    session.store.flush();
    const list = await fixture<ParleyConversationList>(html`<parley-conversation-list .session=${session}></parley-conversation-list>`);
    await until(() => !!list.shadowRoot!.querySelector('[part="preview"]')?.textContent, 5000, 'the preview');
    expect(list.shadowRoot!.querySelector('[part="preview"]')!.getAttribute('dir')).to.equal('auto');
  });
});
