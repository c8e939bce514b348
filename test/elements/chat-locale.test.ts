/**
 * Issue #10, item 6: `locale` on `<parley-chat>` words every part in its language (the catalog is
 * loaded on first use), Arabic with its plural forms and right to left; a site's strings replace
 * the keys they name; a new `locale` renders again. Real elements and store over a fake protocol.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { ChatEvent } from '../../src/core/events.js';
import { msg, registerFake, until } from '../helpers/fake-protocol.js';
import { mount } from '../../src/mount.js';
import type { ParleyComposer } from '../../src/elements/composer/composer.js';
import { ChatSession } from '../../src/lit/session.js';

const root = (el: Element | null | undefined) => el?.shadowRoot ?? undefined;
const composer = (chat: ParleyChat) => root(chat.shadowRoot!.querySelector('parley-composer'));
const placeholder = (chat: ParleyChat) => composer(chat)?.querySelector('textarea')?.placeholder ?? '';
const sendLabel = (chat: ParleyChat) => composer(chat)?.querySelector('[part="send-button"]')?.textContent?.trim() ?? '';
const thread = (chat: ParleyChat) => root(chat.shadowRoot!.querySelector('parley-thread'));
const dayLabel = (chat: ParleyChat) => thread(chat)?.querySelector('[part="day"]')?.textContent ?? '';
const headerStatus = (chat: ParleyChat) => chat.shadowRoot!.querySelector('[part="header"] .status')?.textContent ?? '';
const bannerText = (chat: ParleyChat) => chat.shadowRoot!.querySelector('[part="connection-banner"] .banner-text')?.textContent ?? '';

/** One conversation with a message from today. */
function today(): ChatEvent[] {
  return [
    { type: 'conversation.created', conversation: { id: 'c1', title: 'Support' } },
    { type: 'message.created', message: msg({ id: 'm1', conversationId: 'c1', text: 'hi', at: Date.now() }) },
    AGENT_ONLINE,
  ];
}
/** An agent is there: the header says so ("Online"), in the chat's language. */
const AGENT_ONLINE: ChatEvent = { type: 'presence.changed', scope: 'agents', statuses: { 7: 'online' }, complete: true };

describe('<parley-chat locale>', () => {
  it('locale="de": banner, status, composer and day label in German', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = today();
    const chat = await fixture<ParleyChat>(html`<parley-chat locale="de" protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 5000, 'open');
    await until(() => placeholder(chat) === 'Nachricht schreiben…', 5000, 'the German placeholder');
    expect(sendLabel(chat)).to.equal('Senden');
    await until(() => dayLabel(chat) === 'Heute', 5000, 'the German day label');
    expect(thread(chat)!.querySelector('[role="log"]')!.getAttribute('aria-label')).to.equal('Nachrichten');
    backend.failWith = 'network-error';
    backend.drop('network-error');
    await until(() => bannerText(chat) === 'Verbindung unterbrochen. Verbindung wird wiederhergestellt…', 5000, 'the German banner');
    expect(headerStatus(chat)).to.equal('Verbindung wird wiederhergestellt…');
    await until(() => composer(chat)?.querySelector('[part="offline-note"]')?.textContent
      === 'Nicht verbunden. Nachrichten, die Sie jetzt senden, werden verschickt, sobald der Chat verbunden ist.', 5000, 'the German composer note');
    expect(chat.getAttribute('dir'), 'German is left to right').to.equal(null);
    expect(chat.getAttribute('lang'), 'the language of its words, for screen readers').to.equal('de');
  });

  it('locale="ar": Arabic words with Arabic plurals (1, 2, 3, 11, 100; no badge for 0), right to left, and accessible', async () => {
    const { name, backend } = registerFake();
    const counts = [0, 1, 2, 3, 11, 100];
    backend.syncEvents = [
      { type: 'conversation.created', conversation: { id: 'open', title: 'Open', lastActivityAt: Date.now() } },
      ...counts.map((n, i): ChatEvent => ({ type: 'conversation.created', conversation: { id: `u${n}`, title: `T${n}`, unreadCount: n, lastActivityAt: Date.now() - (i + 1) * 60_000 } })),
      { type: 'message.created', message: msg({ id: 'm1', conversationId: 'open', text: 'مرحبا', at: Date.now() }) },
      AGENT_ONLINE,
    ];
    const chat = await fixture<ParleyChat>(html`<parley-chat locale="ar" conversation="open" style="width: 800px"
      protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 5000, 'open');
    await until(() => placeholder(chat) === 'اكتب رسالة…', 5000, 'the Arabic placeholder');
    expect(sendLabel(chat)).to.equal('إرسال');
    expect(headerStatus(chat)).to.equal('متصل');
    await until(() => dayLabel(chat) === 'اليوم', 5000, 'the Arabic day label');
    const list = root(chat.shadowRoot!.querySelector('parley-conversation-list'))!;
    const badge = (id: string) => list.querySelector(`[data-conversation-id="${id}"] [part="unread-count"]`);
    await until(() => !!badge('u100'), 5000, 'the unread badges');
    const number = new Intl.NumberFormat('ar');
    expect(badge('u0'), 'no badge for 0').to.equal(null);
    expect(counts.slice(1).map((n) => badge(`u${n}`)!.getAttribute('aria-label'))).to.deep.equal([
      'رسالة واحدة غير مقروءة', // one
      'رسالتان غير مقروءتين', // two
      `${number.format(3)} رسائل غير مقروءة`, // few
      `${number.format(11)} رسالة غير مقروءة`, // many
      `${number.format(100)} رسالة غير مقروءة`, // other
    ]);
    // Zero is never a badge; its form ('لا توجد رسائل غير مقروءة') is checked with the catalog (test/i18n/catalogs.test.ts).
    expect(chat.getAttribute('dir'), 'an RTL locale on a page that says nothing').to.equal('rtl');
    expect(chat.getAttribute('lang')).to.equal('ar');
    expect(getComputedStyle(thread(chat)!.querySelector('[part~="message"]')!).direction).to.equal('rtl');
    await expect(chat).to.be.accessible();
  });

  it('follows the page\'s dir when it gives one', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = today();
    const page = await fixture<HTMLDivElement>(html`<div dir="ltr"><parley-chat locale="he" protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat></div>`);
    const chat = page.querySelector<ParleyChat>('parley-chat')!;
    await until(() => placeholder(chat) === 'כתיבת הודעה…', 5000, 'the Hebrew placeholder');
    expect(chat.getAttribute('dir')).to.equal(null);
    expect(getComputedStyle(chat).direction).to.equal('ltr');
    chat.locale = 'ar';
    await until(() => placeholder(chat) === 'اكتب رسالة…', 5000, 'Arabic');
    expect(chat.getAttribute('dir'), 'still the page\'s').to.equal(null);
  });

  it('a site\'s strings replace the one string they name', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = today();
    const chat = await fixture<ParleyChat>(html`<parley-chat locale="de" .strings=${{ composer: { placeholder: 'Fragen Sie uns etwas…' } }}
      protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => sendLabel(chat) === 'Senden', 5000, 'German');
    expect(placeholder(chat)).to.equal('Fragen Sie uns etwas…');
    chat.strings = { composer: { send: 'Los' } };
    await until(() => sendLabel(chat) === 'Los', 5000, 'the new override');
    expect(placeholder(chat)).to.equal('Nachricht schreiben…');
  });

  it('parts placed by the page follow the chat\'s locale; a part on its own takes its own', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = today();
    const chat = await fixture<ParleyChat>(html`<parley-chat locale="de" protocol=${name} url="http://127.0.0.1:1" no-persist>
      <parley-composer></parley-composer></parley-chat>`);
    const own = chat.querySelector<ParleyComposer>('parley-composer')!;
    await until(() => own.shadowRoot!.querySelector('textarea')!.placeholder === 'Nachricht schreiben…', 5000, 'the placed composer in German');
    own.locale = 'fr';
    await until(() => own.shadowRoot!.querySelector('textarea')!.placeholder === 'Écrivez un message…', 5000, 'its own locale wins');
    const alone = await fixture<ParleyComposer>(html`<parley-composer locale="es" .session=${new ChatSession()}></parley-composer>`);
    await until(() => alone.shadowRoot!.querySelector('textarea')!.placeholder === 'Escribe un mensaje…', 5000, 'a composer on its own, in Spanish');
    expect(alone.shadowRoot!.querySelector('textarea')!.getAttribute('aria-label')).to.equal('Mensaje');
  });

  it('Parley.mount takes a locale and strings too', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = today();
    const target = await fixture<HTMLDivElement>(html`<div></div>`);
    const chat = mount({ protocol: name, url: 'http://127.0.0.1:1', noPersist: true, target, locale: 'es', strings: { composer: { send: 'Mandar' } } });
    await until(() => placeholder(chat) === 'Escribe un mensaje…', 5000, 'Spanish');
    expect(sendLabel(chat)).to.equal('Mandar');
  });

  it('a new locale at runtime words everything again, rows of the thread included', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = today();
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 5000, 'open');
    await until(() => dayLabel(chat) === 'Today', 5000, 'the English day label');
    expect(sendLabel(chat)).to.equal('Send');
    chat.locale = 'fr';
    await until(() => sendLabel(chat) === 'Envoyer', 5000, 'French');
    await until(() => dayLabel(chat) === 'Aujourd’hui', 5000, 'the French day label');
    expect(headerStatus(chat)).to.equal('En ligne');
    chat.locale = 'es';
    await until(() => sendLabel(chat) === 'Enviar' && dayLabel(chat) === 'Hoy', 5000, 'Spanish');
    expect(chat.getAttribute('lang')).to.equal('es');
    chat.locale = 'he';
    await until(() => sendLabel(chat) === 'שליחה' && dayLabel(chat) === 'היום', 5000, 'Hebrew');
    expect(chat.getAttribute('dir')).to.equal('rtl');
    chat.locale = undefined;
    await until(() => sendLabel(chat) === 'Send' && dayLabel(chat) === 'Today', 5000, 'English again');
    expect(chat.getAttribute('lang'), 'no locale: the page\'s language').to.equal(null);
    expect(chat.getAttribute('dir'), 'and its direction').to.equal(null);
  });
});
