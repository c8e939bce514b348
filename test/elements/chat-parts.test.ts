/**
 * Issue #10, item 6: a page styles the chat's bubbles, avatars, timestamps, list items and
 * composer from outside with `parley-chat::part(...)` (the chat forwards its parts' parts), and the
 * manifest lists those parts on `<parley-chat>`.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { msg, registerFake, until } from '../helpers/fake-protocol.js';

/** Each part, the colour the page gives it, and how to find it. */
const PARTS = {
  bubble: 'rgb(1, 2, 3)',
  avatar: 'rgb(4, 5, 6)',
  time: 'rgb(7, 8, 9)',
  conversation: 'rgb(10, 11, 12)',
  input: 'rgb(13, 14, 15)',
  'send-button': 'rgb(16, 17, 18)',
  day: 'rgb(19, 20, 21)',
  composer: 'rgb(22, 23, 24)',
  'emoji-button': 'rgb(25, 26, 27)',
} as const;

describe('<parley-chat> ::part() from the page', () => {
  let sheet: CSSStyleSheet;
  before(() => {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(Object.entries(PARTS).map(([part, colour]) => `parley-chat::part(${part}) { outline-color: ${colour}; }`).join('\n'));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  after(() => { document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet); });

  it('styles bubbles, avatars, times, day separators, conversations and the composer inside the chat', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = [
      { type: 'conversation.created', conversation: { id: 'c1', title: 'Support', lastActivityAt: Date.now() } },
      { type: 'conversation.created', conversation: { id: 'c2', title: 'Billing', lastActivityAt: Date.now() - 60_000 } },
      { type: 'message.created', message: msg({ id: 'm1', conversationId: 'c1', text: 'hello', at: Date.now() }) },
    ];
    const chat = await fixture<ParleyChat>(html`<parley-chat conversation="c1" style="width: 800px" protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 5000, 'open');
    const inner = (tag: string) => chat.shadowRoot!.querySelector(tag)!;
    const thread = () => inner('parley-thread').shadowRoot!;
    await until(() => !!thread().querySelector('[part="avatar"]') && !!inner('parley-conversation-list').shadowRoot?.querySelector('[part="conversation"]'), 5000, 'the rows');
    const found: Record<keyof typeof PARTS, Element> = {
      bubble: thread().querySelector('[part="bubble"]')!,
      avatar: thread().querySelector('[part="avatar"]')!,
      time: thread().querySelector('[part="time"]')!,
      day: thread().querySelector('[part="day"]')!,
      conversation: inner('parley-conversation-list').shadowRoot!.querySelector('[part="conversation"]')!,
      input: inner('parley-composer').shadowRoot!.querySelector('[part="input"]')!,
      'send-button': inner('parley-composer').shadowRoot!.querySelector('[part="send-button"]')!,
      composer: inner('parley-composer'),
      'emoji-button': inner('parley-composer').shadowRoot!.querySelector('[part="emoji-button"]')!,
    };
    for (const [part, colour] of Object.entries(PARTS) as [keyof typeof PARTS, string][]) {
      expect(getComputedStyle(found[part]).outlineColor, `parley-chat::part(${part})`).to.equal(colour);
    }
    // The list's time is forwarded too.
    const listTime = inner('parley-conversation-list').shadowRoot!.querySelector('[part="time"]')!;
    expect(getComputedStyle(listTime).outlineColor).to.equal(PARTS.time);
  });

  it('the manifest lists the parts on <parley-chat>, and each on the element that renders it', async () => {
    const manifest = await (await fetch('/custom-elements.json')).json() as {
      modules: { declarations?: { tagName?: string; cssParts?: { name: string }[] }[] }[];
    };
    const parts = (tag: string) => manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === tag)?.cssParts?.map((p) => p.name) ?? [];
    expect(parts('parley-chat')).to.include.members(['bubble', 'avatar', 'time', 'day', 'conversation', 'input', 'send-button', 'composer', 'thread']);
    expect(parts('parley-thread')).to.include.members(['bubble', 'avatar', 'time', 'day', 'message']);
    expect(parts('parley-conversation-list')).to.include.members(['conversation', 'time']);
    expect(parts('parley-composer')).to.include.members(['input', 'send-button']);
  });
});
