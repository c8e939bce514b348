import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextProvider, provide } from '@lit/context';
import type { Availability } from '../../core/availability.js';
import { counterpartAvailability } from '../../core/availability.js';
import type { DisconnectReason } from '../../core/protocol.js';
import type { TransportFactory } from '../../core/transport/transport.js';
import type { ChatState, ConnectionStatus } from '../../core/store.js';
import { chatContext } from '../../lit/context.js';
import { LocaleController, messagesContext } from '../../lit/locale-controller.js';
import { ENGLISH, type ParleyMessages, type Strings } from '../../i18n/index.js';
import { ConnectionController } from '../../lit/connection-controller.js';
import { ParleyConversationCreateEvent, ParleyConversationSelectEvent, ParleyErrorEvent, ParleySendEvent } from '../../lit/events.js';
import { idbStorage } from '../../lit/idb-storage.js';
import { ChatSession } from '../../lit/session.js';
import { StoreController } from '../../lit/store-controller.js';
import { memoryStore } from '../../core/kv.js';
import { tokens } from '../shared/tokens.styles.js';
import { chatStyles } from './chat.styles.js';
import { chatIcon, closeIcon } from '../shared/icons.js';
import { displayName } from '../shared/format.js';
import { OPTION_ATTRIBUTES, protocolOptions } from '../../core/builtin-options.js';
import { optionFromAttribute } from '../../core/options-schema.js';
import { CONFIG_KEYS, chatConfig, chatOptions, configProblem } from './config.js';
import { connectionNotice } from './connection-notice.js';
import { ConnectionStateController } from './connection-state.js';
import { PanelFocusController, type FocusPlaces } from './focus.js';
import type { Notifier } from './notifications.js';
import { notifyKinds } from './notify-kinds.js';
import { SeenController } from './seen-controller.js';
import { renderBanner, renderHeader, type ReplyTime } from './panel-templates.js';
import { CONSOLE_PREFIX } from './strings.js';
import { WidthController } from './width-controller.js';
import { PreChatController } from './pre-chat.js';
import type { ParleyPreChatSubmitEvent } from './pre-chat-form.js';
import './invitations.js';
// What the panel renders, registered with it: `import 'parley-chat/parley-chat'` alone is a whole chat.
import '../conversation-list/define.js';
import '../thread/define.js';
import '../typing-indicator/define.js';
import '../composer/define.js';

interface ChatSlice {
  status: ConnectionStatus; reason?: DisconnectReason; unread: number; conversations: number; title?: string; availability?: Availability;
}

const sameSlice = (a: ChatSlice, b: ChatSlice) => a.status === b.status && a.reason === b.reason && a.unread === b.unread
  && a.conversations === b.conversations && a.title === b.title && a.availability === b.availability;

/**
 * The parts of the elements the chat renders, forwarded (`exportparts`) so a page styles them from
 * outside: `parley-chat::part(bubble)`. Each is documented on the element that renders it.
 */
const FORWARDED = {
  list: 'conversation, title, preview, time, unread-count',
  thread: 'message, message-mine, message-theirs, system-message, bubble, sender, avatar, meta, time, status, attachment, '
    + 'upload-progress, failed, retry, discard, reply-mark, day, show-more, empty, post, task, kind-title, task-status, task-assignees, '
    + 'task-due, comment-of, new-messages, more-actions, actions-menu, action-edit, action-delete, edit-input, edit-save, edit-cancel, '
    + 'delete-confirm, delete-ok, delete-cancel, change-failed, change-retry, change-dismiss',
  typing: 'indicator',
  composer: 'input, send-button, offline-note, emoji-button, emoji-picker, attach-button, attachments, attachment-chip, '
    + 'attachment-thumbnail, attachment-remove, attachment-error, drop-hint',
  invitations: 'invitation, accept-button, decline-button',
};

/** Below this width of its own, the chat shows the conversation list as a screen of its own, px. */
const NARROW_PX = 480;

/** Protocol option names that become properties (the element's own names excepted). */
const OPTION_PROPERTIES: readonly string[] = [...new Set(Object.values(protocolOptions).flat().map((spec) => spec.name))]
  .filter((name) => !['protocol', 'url', 'token', 'userId', 'conversation', 'mode', 'theme', 'locale', 'heading', 'open', 'options', 'replyTime', 'notify'].includes(name));

/**
 * @summary A complete chat: conversation list, thread, typing indicator and composer, inline or
 * behind a launcher button, connected to your chat backend's realtime protocol. It says why it is
 * not connected (never connected, reconnecting, offline, not set up, refused), with the reason, and
 * writes each reason once to the console. Under 480 px of its own width the conversation list is a
 * screen of its own with a Back button; a launcher's panel fills a phone's screen. Opening the
 * launcher moves the focus into the panel; Escape closes it and the focus returns to the launcher.
 *
 * @tagname parley-chat
 * @attr protocol - Backend protocol: `chatwoot` (alias `onechat`), or any registered name.
 * @attr url - Backend base URL, e.g. `https://chat.example.com`.
 * @attr token - Credential. Prefer the `token` property so it never sits in the DOM.
 * @attr user-id - The signed-in user's id, where the backend needs it (Chatwoot agents).
 * @attr conversation - The conversation to open.
 * @attr mode - `inline` (default) or `launcher` (a floating button that opens the chat).
 * @attr theme - `light` (default), `dark` or `auto`.
 * @attr locale - BCP 47 locale of every string (the catalog: `en` built in; `de`, `es`, `fr`, `ar`, `he` loaded on first use; others fall back by language, then to English), times, dates and numbers. An RTL locale (`ar`, `he`) on a page that sets no `dir` makes the chat `dir="rtl"`; the chat gets the `lang` of its words unless the page gave it one.
 * @attr no-persist - Keep nothing in IndexedDB (identity and cache stay in memory).
 * @attr heading - Title shown in the header (default: the catalog's "Chat").
 * @attr notify - Opt-in notices of messages that arrive unseen: any of `title`, `sound`, `desktop` (space-separated).
 * @attr reply-time - How soon the team usually answers (`minutes`, `hours` or `day`): the header says "Typically replies in a few hours" while nobody is online.
 * @attr pre-chat-form - Ask a new Chatwoot visitor for name and email (and, optionally, a first message) before the chat connects; the contact is created with them. A visitor whose contact this device keeps goes straight to the chat.
 * @attr connect-timeout - How long one connect attempt may take before it is given up and retried with backoff, ms (default 15000).
 * @attr connection-status - Reflected: `idle`, `connecting`, `open`, `reconnecting` or `closed`.
 *
 * @fires parley-connection-change - The connection status changed (`status`, `reason`).
 * @fires parley-message - A message arrived (`message`).
 * @fires parley-send - A message is about to be sent (`text`, `conversationId`); cancelable.
 * @fires parley-edit - An edit of my message is about to go out (`conversationId`, `messageId`, `text`); cancelable.
 * @fires parley-delete - A delete of my message is about to go out (`conversationId`, `messageId`); cancelable.
 * @fires parley-conversation-select - The user picked a conversation (`conversationId`).
 * @fires parley-conversation-create - The user asked for a new conversation (the header's "New conversation", shown where the backend lets this user start one); cancelable.
 * @fires parley-pre-chat-submit - The visitor submitted the pre-chat form (`details`: `name`, `email`, `message`); cancelable.
 * @fires parley-error - A frame was dropped or a command failed (`error` with `code` and message).
 *
 * @slot - Place `parley-conversation-list`, `parley-thread`, `parley-typing-indicator` and `parley-composer` yourself; they read this chat through context.
 *
 * @csspart panel - The chat panel.
 * @csspart header - The header with title and status.
 * @csspart availability - The header's word on the other side: "Online", "Away" (with the usual reply time); carries `data-availability`.
 * @csspart notify-button - Asks to allow desktop notifications (with `notify="desktop"`, until the person answered).
 * @csspart presence-dot - The dot before it, coloured by `data-availability` on the part above.
 * @csspart connection-banner - Says why the chat is not connected (never connected, reconnecting, offline, not set up, refused); carries `data-state` and `data-reason`.
 * @csspart connection-reason - The reason under the banner, in the words of the server or the check that failed.
 * @csspart storage-notice - Says that unsent messages can't be kept on this device (storage failed or did not answer).
 * @csspart launcher - The launcher button (launcher mode).
 * @csspart unread-count - The launcher's unread badge.
 * @csspart close-button - Closes the panel (launcher mode); Escape does the same.
 * @csspart new-conversation-button - Starts a new conversation and opens it (only where the backend lets this user).
 * @csspart create-failed - Says that a new conversation could not be started, with a Try again button.
 * @csspart pre-chat-form - The pre-chat form (with `pre-chat-form`); its fields are `pre-chat-input`, their errors `pre-chat-error`, its button `pre-chat-submit`.
 * @csspart pre-chat-input - A field of the pre-chat form.
 * @csspart pre-chat-error - The error under a field of the pre-chat form.
 * @csspart pre-chat-submit - The pre-chat form's submit button.
 * @csspart back-button - Back from a conversation to the list, when the chat is narrow (under 480 px) and the list is a screen of its own.
 * @csspart conversation-list - The `<parley-conversation-list>` the chat renders.
 * @csspart thread - The `<parley-thread>` the chat renders.
 * @csspart typing-indicator - The `<parley-typing-indicator>` the chat renders.
 * @csspart composer - The `<parley-composer>` the chat renders.
 * @csspart invitations - The `<parley-invitations>` the chat renders.
 * @csspart conversation - Forwarded from `<parley-conversation-list>`: each conversation in the list (also `title`, `preview`, `time`, `unread-count`).
 * @csspart bubble - Forwarded from `<parley-thread>`: a message bubble (also `message`, `message-mine`, `message-theirs`, `system-message`, `sender`, `meta`, `status`, `attachment`, `upload-progress`, `failed`, `retry`, `discard`, `reply-mark`, `day`, `show-more`, `empty`, `new-messages`, the post and task parts, and the parts of my messages' actions: `more-actions`, `actions-menu`, `edit-input` and the rest).
 * @csspart avatar - Forwarded from `<parley-thread>`: a sender's avatar.
 * @csspart time - Forwarded from `<parley-thread>` (a message's time) and `<parley-conversation-list>` (a conversation's last activity).
 * @csspart day - Forwarded from `<parley-thread>`: a day separator ("Today", "Yesterday", a date).
 * @csspart input - Forwarded from `<parley-composer>`: the text area (also `send-button`, `offline-note`, `emoji-button`, `emoji-picker`, `attach-button` and the attachment parts, `drop-hint`).
 * @csspart send-button - Forwarded from `<parley-composer>`: the send button.
 * @csspart indicator - Forwarded from `<parley-typing-indicator>`: who is typing.
 * @csspart invitation - Forwarded from `<parley-invitations>`: one invitation (also `accept-button`, `decline-button`).
 *
 * @cssprop --parley-accent - Accent colour (buttons, my bubbles, badges).
 * @cssprop --parley-accent-foreground - Text on the accent colour.
 * @cssprop --parley-background - Panel background.
 * @cssprop --parley-foreground - Text colour.
 * @cssprop --parley-muted - Secondary text.
 * @cssprop --parley-border-color - Borders and separators.
 * @cssprop --parley-danger - Errors and failed sends.
 * @cssprop --parley-font-family - Font family.
 * @cssprop --parley-font-size - Base font size.
 * @cssprop --parley-height - Height of the panel (in launcher mode on a screen under 480 px wide the panel fills the screen).
 * @cssprop --parley-launcher-offset - Launcher distance from the viewport corner.
 * @cssprop --parley-z-index - Stacking order of the launcher and panel.
 */
export class ParleyChat extends LitElement {
  static override styles = [tokens, chatStyles];

  /** The one session the parts share. */
  @provide({ context: chatContext })
  readonly session = new ChatSession();

  /** The messages of `locale` (with `strings` over them), given to every part through context. */
  private readonly messagesProvider = new ContextProvider(this, { context: messagesContext, initialValue: ENGLISH });
  private readonly i18n = new LocaleController(this, (m: ParleyMessages) => this.messagesProvider.setValue(m), false);
  /** Whether the `dir` attribute is the chat's own doing (an RTL locale on a page that gave no direction). */
  private ownDir = false;
  /** Whether the `lang` attribute is the chat's own doing (a `locale` on a chat the page gave no `lang`). */
  private ownLang = false;

  private readonly connection = new ConnectionController(this, this.session, () => this.clientConfig(), () => this.storage());
  private readonly preChat = new PreChatController(this, this.session, () => ({
    enabled: this.preChatForm, protocol: this.protocol, url: this.url, options: chatOptions(this),
  }), () => this.storage(), (e) => this.dispatchEvent(new ParleyErrorEvent(e)));
  private readonly slice = new StoreController<ChatSlice>(this, () => this.session.store, (s) => this.select(s), sameSlice,
    { status: 'idle', unread: 0, conversations: 0 });

  private readonly width = new WidthController(this, () => this.renderRoot.querySelector('.panel'), NARROW_PX);
  private readonly connectionState = new ConnectionStateController(this, () => this.protocol);
  private readonly panelFocus = new PanelFocusController(this,
    (): FocusPlaces => ({ root: this.renderRoot, ownParts: this.hasOwnParts ? this : undefined, listScreen: this.onListScreen }));
  private readonly seenState = new SeenController(this);
  /** Notices of what arrives unseen, once `notify` asks for any (its module loads then). */
  private notifier?: Notifier;
  private notifierLoading = false;
  /** Whether the open conversation is on screen, as last told to the session (it clears unread counts). */
  private viewing?: boolean;

  @state() private hasOwnParts = false;
  /** Storage failed or did not answer: unsent messages are no longer kept across a reload. */
  @state() private storageFailed = false;
  /** A new conversation is being started; or starting one failed (shown with Try again). */
  @state() private creating: 'no' | 'busy' | 'failed' = 'no';
  /** In the narrow layout, with several conversations: the list, or the open conversation. */
  @state() private screen: 'list' | 'thread' = 'list';

  /** Backend protocol name (`chatwoot`, `onechat`, or one registered with `registerProtocol`). */
  @property() protocol = '';
  /** Backend base URL. */
  @property() url = '';
  /** Credential; set as a property so it stays out of the DOM. Never rendered, emitted or cached. */
  @property() token?: string;
  /** The signed-in user's id, where the backend needs it. */
  @property({ attribute: 'user-id' }) userId?: string;
  /** The conversation to open. */
  @property() conversation?: string;
  /** `inline`, or `launcher`: a floating button with an unread badge that opens the chat. */
  @property({ reflect: true }) mode: 'inline' | 'launcher' = 'inline';
  /** Colour scheme; `auto` follows the system. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'light';
  /**
   * BCP 47 locale of the chat's strings (its message catalog), times, dates and numbers; every
   * part follows it. Undefined: English strings, the page's times.
   */
  @property() locale?: string;
  /**
   * A site's own strings: any part of a catalog (`{ composer: { placeholder: 'Ask us anything…' } }`),
   * over the catalog of `locale`, key by key. With a `locale` Parley has no catalog of, a complete
   * set makes a new language. Every part follows it. See README, "Strings and languages".
   */
  @property({ attribute: false }) strings?: Strings;
  /** Keep nothing in IndexedDB. */
  @property({ type: Boolean, attribute: 'no-persist' }) noPersist = false;
  /** Title in the header; undefined: the catalog's ("Chat"). */
  @property() heading?: string;
  /** Launcher mode: whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;
  /** Ask a new Chatwoot visitor for name and email before connecting (the contact is created with them). */
  @property({ type: Boolean, attribute: 'pre-chat-form' }) preChatForm = false;
  /** How long one connect attempt may take before it is given up (reason `timeout`) and retried, ms. */
  @property({ type: Number, attribute: 'connect-timeout' }) connectTimeout?: number;
  /**
   * Notices of messages from others that arrive while the chat is not seen (a background tab, a
   * closed launcher, scrolled away): any of `title` (the count before the tab's title), `sound`
   * (a short chime, after the page had a user gesture) and `desktop` (a system notification; the
   * header offers a button that asks for permission). None by default.
   */
  @property() notify?: string;
  /** The largest file a person may attach, bytes; never above what the backend takes (its composer's `max-file-size`). */
  @property({ type: Number, attribute: 'max-file-size' }) maxFileSize?: number;
  /** How many files one message may carry; `0` hides the attach button (its composer's `max-files`). */
  @property({ type: Number, attribute: 'max-files' }) maxFiles?: number;
  /** Media types a person may attach, as `image/*,application/pdf`; only within what the backend takes (its composer's `accept`). */
  @property({ attribute: 'accept-files' }) acceptFiles?: string;
  /** How soon the team usually answers, said under "Away" (Chatwoot's inbox `reply_time`): `minutes`, `hours` or `day`. */
  @property({ attribute: 'reply-time' }) replyTime?: ReplyTime;
  /**
   * The transport under the protocol, replacing its own (tests and demos: `fakeTransport().factory`
   * from `parley-chat/testing`, driven by hand). Leave it unset in production.
   */
  @property({ attribute: false }) transport?: TransportFactory;
  /** Extra protocol options (merged over the option attributes). */
  @property({ attribute: false }) options: Record<string, unknown> = {};
  /**
   * Protocol options set through their attributes (`inbox-identifier`, `api-space-id`, `page-size`
   * …: every backend's options schema names them; see the manifest). `options` overrides them.
   */
  @state() optionAttributes: Readonly<Record<string, unknown>> = {};
  /**
   * Protocol options set as properties of the same names (`chat.sourceId = …`: the way to pass a
   * credential, which never belongs in the DOM, and classes or functions). `options` overrides them.
   */
  @state() optionProperties: Readonly<Record<string, unknown>> = {};
  /** Reflected connection status. */
  @property({ attribute: 'connection-status', reflect: true }) connectionStatus: ConnectionStatus = 'idle';

  constructor() {
    super();
    this.session.beforeSend = (text, conversationId) => this.dispatchEvent(new ParleySendEvent(text, conversationId));
    this.addEventListener(ParleyErrorEvent.eventName, (e) => { if (e.error.code === 'persist') this.storageFailed = true; });
    this.addEventListener(ParleyConversationSelectEvent.eventName, this.handleConversationSelect);
    this.addEventListener('parley-pre-chat-submit', this.handlePreChatSubmit);
  }

  private storage() {
    return this.noPersist ? memoryStore() : idbStorage((e) => this.dispatchEvent(new ParleyErrorEvent(e)));
  }

  /** The client's configuration; none while the pre-chat form holds the connection. */
  private clientConfig() {
    const cfg = this.preChat.holds ? undefined : chatConfig(this);
    return cfg && { ...cfg, options: this.preChat.options(cfg.options ?? {}) };
  }

  /** Every element attribute, and every protocol option's (those the element's own names do not take). */
  static override get observedAttributes(): string[] {
    const own = super.observedAttributes;
    return [...own, ...[...OPTION_ATTRIBUTES.keys()].filter((name) => !own.includes(name))];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    const option = OPTION_ATTRIBUTES.get(name);
    if (!option || ParleyChat.ownAttribute(name)) {
      super.attributeChangedCallback(name, old, value);
      return;
    }
    const next: Record<string, unknown> = { ...this.optionAttributes };
    const parsed = optionFromAttribute(option.spec, value);
    if (parsed === undefined) delete next[option.spec.name];
    else next[option.spec.name] = parsed;
    this.optionAttributes = next;
  }

  /** Whether an attribute is one of the element's own properties'. */
  private static ownAttribute(name: string): boolean {
    return (super.observedAttributes).includes(name);
  }

  override connectedCallback(): void {
    // An option property set before the element was defined sits on the instance: hand it to its accessor.
    for (const name of OPTION_PROPERTIES) {
      if (!Object.hasOwn(this, name)) continue;
      const value = (this as unknown as Record<string, unknown>)[name];
      delete (this as unknown as Record<string, unknown>)[name];
      (this as unknown as Record<string, unknown>)[name] = value;
    }
    super.connectedCallback();
    // The page's parts may come after the chat: parsed after it (a build in <head>) or appended later.
    this.readOwnParts();
    this.childObserver.observe(this, { childList: true });
    this.startNotifier(); // again after a move in the page (leaving disposed it)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.notifier?.dispose();
    this.notifier = undefined;
    this.childObserver.disconnect();
  }

  private readonly childObserver = new MutationObserver(() => this.readOwnParts());

  private readOwnParts(): void {
    this.hasOwnParts = this.ownParts().length > 0;
    this.themeOwnParts();
  }

  private ownParts(): Element[] {
    return [...this.children].filter((c) => c.localName.startsWith('parley-'));
  }

  private themeOwnParts(): void {
    for (const part of this.ownParts()) part.setAttribute('theme', this.theme);
  }

  /** Picking a conversation on the narrow layout's list screen opens it, and the composer takes the focus. */
  private readonly handleConversationSelect = (): void => {
    if (!this.listIsScreen || this.screen !== 'list') return;
    this.screen = 'thread';
    this.panelFocus.request('composer');
  };

  /** The visitor gave name and email (the event was not cancelled): connect with them. */
  private readonly handlePreChatSubmit = (e: ParleyPreChatSubmitEvent): void => {
    // Handled after the page's listeners had their chance: a cancelled event keeps the form up.
    queueMicrotask(() => {
      if (e.defaultPrevented) return;
      this.preChat.submit(e.details);
      this.panelFocus.request('composer');
    });
  };

  /** "New conversation": announced (cancelable), started, opened, and the composer takes the focus. */
  private async startConversation(): Promise<void> {
    if (this.creating === 'busy' || !this.dispatchEvent(new ParleyConversationCreateEvent())) return;
    this.creating = 'busy';
    const id = await this.session.createConversation({ title: this.i18n.t('chat.newConversation') });
    this.creating = id ? 'no' : 'failed';
    if (!id) return;
    this.screen = 'thread';
    // The composer hears of the open conversation on the store's next frame: focus it after that.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    this.panelFocus.request('composer');
  }

  /** Whether the chat is narrow; before it is measured, a launcher's panel (380 px at most) is. */
  private get narrow(): boolean {
    return this.width.measured ? this.width.narrow : this.mode === 'launcher';
  }

  /** Whether the conversation list is a screen of its own (narrow, several conversations, parts laid out here). */
  private get listIsScreen(): boolean {
    return this.narrow && !this.hasOwnParts && this.slice.value.conversations > 1;
  }

  /** Whether the narrow layout shows the list now, and not a conversation. */
  private get onListScreen(): boolean {
    return this.listIsScreen && this.screen === 'list';
  }

  private select(s: ChatState): ChatSlice {
    const unread = s.unreadTotal; // kept by the store as counts change: no walk over every conversation
    const active = s.activeConversation ? s.conversations.get(s.activeConversation) : undefined;
    return { status: s.status, reason: s.statusReason, unread, conversations: s.conversations.size, title: active?.title, availability: counterpartAvailability(s) };
  }

  /** Files dragged over the thread area are dropped into the composer (it takes its own drops itself). */
  private readonly handleFileDrag = (e: DragEvent): void => {
    if (!e.defaultPrevented && e.dataTransfer?.types.includes('Files') && this.session.attachments) e.preventDefault();
  };

  private readonly handleFileDrop = (e: DragEvent): void => {
    if (e.defaultPrevented || !e.dataTransfer?.files.length) return;
    e.preventDefault();
    void this.renderRoot.querySelector('parley-composer')?.addFiles([...e.dataTransfer.files]);
  };

  private toggle(): void {
    if (this.open) this.panelFocus.close();
    else this.open = true;
  }

  private showList(): void {
    this.screen = 'list';
    this.panelFocus.request('list');
  }

  override willUpdate(changed: PropertyValues<this>): void {
    this.connectionStatus = this.slice.value.status;
    if (CONFIG_KEYS.some((key) => changed.has(key))) this.connectionState.reset();
    if (changed.has('conversation') && this.conversation) {
      this.session.open(this.conversation);
      this.screen = 'thread';
    }
    // One conversation is its own screen; when a second arrives, a Back button appears, the view stays.
    if (this.slice.value.conversations === 1) this.screen = 'thread';
    // On screen: an open panel not showing the list (nor, narrow, waiting to know whether it will).
    // Only what is on screen is marked read.
    const listFirst = this.narrow && !this.hasOwnParts && this.screen === 'list';
    // Seen: a visible page, and the inline chat on screen or the launcher's panel open.
    const seen = this.seenState.pageVisible && (this.mode === 'launcher' ? this.open : this.seenState.onScreen);
    const viewing = seen && !listFirst;
    if (viewing !== this.viewing) {
      this.viewing = viewing;
      this.session.open(this.session.store.getState().activeConversation, viewing);
    }
    if (viewing) this.notifier?.seen();
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('notify')) this.startNotifier();
    // Parts placed by the page follow this chat's theme too (each part's palette keys on its own host).
    if (changed.has('theme')) this.themeOwnParts();
    const problem = configProblem(this);
    if (problem) this.connectionState.reportConfigProblem(ENGLISH.t(problem)); // the console stays English
    this.followLocale();
  }

  /**
   * `dir="rtl"` for an RTL locale when the page says nothing about direction (the page's when it
   * does), and `lang` of the words when `locale` is set and the page gave the chat no `lang`.
   */
  private followLocale(): void {
    const m = this.i18n.value;
    const pageDir = (!this.ownDir && this.hasAttribute('dir')) || !!this.parentElement?.closest('[dir]');
    this.ownDir = this.own('dir', m.dir === 'rtl' && !pageDir ? 'rtl' : undefined, this.ownDir);
    this.ownLang = this.own('lang', this.locale && !(!this.ownLang && this.hasAttribute('lang')) ? m.textLocale : undefined, this.ownLang);
  }

  /** Set (or, undefined, remove) an attribute of the chat's own doing; returns whether it is the chat's now. */
  private own(name: string, value: string | undefined, owned: boolean): boolean {
    if (value !== undefined) {
      const mine = owned || !this.hasAttribute(name);
      if (mine) this.setAttribute(name, value);
      return mine;
    }
    if (owned) this.removeAttribute(name);
    return false;
  }

  /** Load the notifier the first time `notify` asks for anything (a page that never does pays nothing). */
  private startNotifier(): void {
    if (notifyKinds(this.notify).size === 0 || this.notifier || this.notifierLoading || !this.isConnected) return;
    this.notifierLoading = true;
    void import('./notifications.js').then(({ Notifier }) => {
      this.notifierLoading = false;
      if (!this.isConnected || this.notifier) return;
      this.notifier = new Notifier({
        store: this.session.store,
        seen: () => this.viewing === true,
        kinds: () => notifyKinds(this.notify),
        words: () => this.i18n.value,
        reveal: (conversationId) => {
          this.session.open(conversationId);
          if (this.mode === 'launcher') this.open = true;
          this.scrollIntoView({ block: 'nearest' });
        },
      });
    }, (err: unknown) => {
      this.notifierLoading = false;
      console.error(`${CONSOLE_PREFIX} notifications failed to load:`, err);
    });
  }

  /** The header's bell: with `notify="desktop"`, until the person allowed or refused notifications. */
  private get canAskNotifications(): boolean {
    return notifyKinds(this.notify).has('desktop') && typeof Notification !== 'undefined' && Notification.permission === 'default';
  }

  private readonly askNotifications = (): void => {
    void Notification.requestPermission().then(() => this.requestUpdate());
  };

  /** Drop the connection and connect again. */
  reconnect(): void {
    this.connection.reconnect();
  }

  private renderPanel() {
    const { status, reason, conversations, title, availability } = this.slice.value;
    const { everOpen, failure } = this.connectionState;
    const m = this.i18n.value;
    const heading = this.heading ?? m.t('chat.heading');
    const notice = connectionNotice({ status, reason, everOpen, failure, configProblem: configProblem(this) }, m);
    const preChat = this.preChat.shown;
    const canCreate = notice.state === 'open' && this.session.can('createConversation');
    const listScreen = this.onListScreen;
    const threadScreen = this.listIsScreen && this.screen === 'thread';
    return html`<section class="panel ${this.listIsScreen ? 'narrow' : ''}" part="panel" aria-label=${heading}>
      ${renderHeader({
        heading, status: notice.status, messages: m,
        // The other side of the open conversation: none on the list screen.
        availability: notice.state === 'open' && !listScreen ? availability : undefined, replyTime: notice.state === 'open' && !listScreen ? this.replyTime : undefined,
        title: listScreen ? '' : displayName(title), // a wire value: no bidi tricks, no unbounded length
        onBack: threadScreen ? () => this.showList() : undefined,
        onAllowNotifications: this.canAskNotifications ? this.askNotifications : undefined,
        onNew: canCreate ? () => void this.startConversation() : undefined, creating: this.creating === 'busy',
        onClose: this.mode === 'launcher' ? () => this.panelFocus.close() : undefined,
      })}
      ${preChat ? nothing : renderBanner(notice, reason)}
      ${this.creating === 'failed' ? html`<p class="notice" part="create-failed" role="alert">${m.t('chat.newConversationFailed')}
        <button type="button" class="text-button" @click=${() => void this.startConversation()}>${m.t('chat.tryAgain')}</button></p>` : nothing}
      ${this.storageFailed ? html`<p class="notice" part="storage-notice" role="status">${m.t('chat.storageFailed')}</p>` : nothing}
      ${preChat ? html`<parley-pre-chat-form theme=${this.theme}
        exportparts="pre-chat-form, pre-chat-input, pre-chat-error, pre-chat-submit"></parley-pre-chat-form>`
      : this.hasOwnParts ? html`<slot></slot>` : html`<div class="body">
        ${conversations > 1 && !threadScreen ? html`<parley-conversation-list theme=${this.theme} part="conversation-list"
          exportparts=${FORWARDED.list}></parley-conversation-list>` : nothing}
        ${listScreen ? nothing : html`<div class="main" @dragover=${this.handleFileDrag} @drop=${this.handleFileDrop}>
          <parley-invitations theme=${this.theme} part="invitations" exportparts=${FORWARDED.invitations}></parley-invitations>
          <parley-thread theme=${this.theme} part="thread" exportparts=${FORWARDED.thread}></parley-thread>
          <parley-typing-indicator theme=${this.theme} part="typing-indicator" exportparts=${FORWARDED.typing}></parley-typing-indicator>
          <parley-composer theme=${this.theme} part="composer" exportparts=${FORWARDED.composer}
            .maxFileSize=${this.maxFileSize} .maxFiles=${this.maxFiles} .accept=${this.acceptFiles}></parley-composer>
        </div>`}</div>`}
    </section>`;
  }

  override render() {
    if (this.mode !== 'launcher') return this.renderPanel();
    const { unread } = this.slice.value;
    const m = this.i18n.value;
    return html`
      ${this.open ? this.renderPanel() : nothing}
      <button type="button" class="launcher" part="launcher" aria-expanded=${this.open ? 'true' : 'false'}
        aria-label=${m.t(this.open ? 'chat.minimizeChat' : unread ? 'chat.openChatUnread' : 'chat.openChat', { count: unread })} @click=${this.toggle}>
        ${this.open ? closeIcon : chatIcon}
        ${unread > 0 && !this.open ? html`<span class="badge" part="unread-count">${m.number(unread)}</span>` : nothing}
      </button>`;
  }
}

/** Every protocol option is also a property of `<parley-chat>` (unless the element has one of that name). */
for (const name of OPTION_PROPERTIES) {
  Object.defineProperty(ParleyChat.prototype, name, {
    configurable: true,
    get(this: ParleyChat): unknown { return this.optionProperties[name]; },
    set(this: ParleyChat, value: unknown) {
      const next: Record<string, unknown> = { ...this.optionProperties };
      if (value === undefined || value === null) delete next[name];
      else next[name] = value;
      this.optionProperties = next;
    },
  });
}
