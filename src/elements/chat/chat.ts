import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import type { Availability } from '../../core/availability.js';
import { counterpartAvailability } from '../../core/availability.js';
import type { DisconnectReason } from '../../core/protocol.js';
import type { TransportFactory } from '../../core/transport/transport.js';
import type { ChatState, ConnectionStatus } from '../../core/store.js';
import { chatContext } from '../../lit/context.js';
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
import { CONFIG_KEYS, chatConfig, configProblem } from './config.js';
import { connectionNotice } from './connection-notice.js';
import { ConnectionStateController } from './connection-state.js';
import { PanelFocusController, type FocusPlaces } from './focus.js';
import { renderBanner, renderHeader, type ReplyTime } from './panel-templates.js';
import { CHAT_TEXT } from './strings.js';
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

/** Below this width of its own, the chat shows the conversation list as a screen of its own, px. */
const NARROW_PX = 480;

/** Protocol option names that become properties (the element's own names excepted). */
const OPTION_PROPERTIES: readonly string[] = [...new Set(Object.values(protocolOptions).flat().map((spec) => spec.name))]
  .filter((name) => !['protocol', 'url', 'token', 'userId', 'conversation', 'mode', 'theme', 'locale', 'heading', 'open', 'options', 'replyTime'].includes(name));

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
 * @attr locale - BCP 47 locale for times and dates.
 * @attr no-persist - Keep nothing in IndexedDB (identity and cache stay in memory).
 * @attr heading - Title shown in the header.
 * @attr reply-time - How soon the team usually answers (`minutes`, `hours` or `day`): the header says "Typically replies in a few hours" while nobody is online.
 * @attr pre-chat-form - Ask a new Chatwoot visitor for name and email (and, optionally, a first message) before the chat connects; the contact is created with them. A visitor whose contact this device keeps goes straight to the chat.
 * @attr connect-timeout - How long one connect attempt may take before it is given up and retried with backoff, ms (default 15000).
 * @attr connection-status - Reflected: `idle`, `connecting`, `open`, `reconnecting` or `closed`.
 *
 * @fires parley-connection-change - The connection status changed (`status`, `reason`).
 * @fires parley-message - A message arrived (`message`).
 * @fires parley-send - A message is about to be sent (`text`, `conversationId`); cancelable.
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

  private readonly connection = new ConnectionController(this, this.session, () => this.clientConfig(), () => this.storage());
  private readonly preChat = new PreChatController(this, this.session, () => ({
    enabled: this.preChatForm, protocol: this.protocol, url: this.url,
    options: { ...this.optionAttributes, ...this.optionProperties, ...this.options },
  }), () => this.storage(), (e) => this.dispatchEvent(new ParleyErrorEvent(e)));
  private readonly slice = new StoreController<ChatSlice>(this, () => this.session.store, (s) => this.select(s), sameSlice,
    { status: 'idle', unread: 0, conversations: 0 });

  private readonly width = new WidthController(this, () => this.renderRoot.querySelector('.panel'), NARROW_PX);
  private readonly connectionState = new ConnectionStateController(this, () => this.protocol);
  private readonly panelFocus = new PanelFocusController(this,
    (): FocusPlaces => ({ root: this.renderRoot, ownParts: this.hasOwnParts ? this : undefined, listScreen: this.onListScreen }));
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
  /** BCP 47 locale for times and dates. */
  @property() locale?: string;
  /** Keep nothing in IndexedDB. */
  @property({ type: Boolean, attribute: 'no-persist' }) noPersist = false;
  /** Title in the header. */
  @property() heading = 'Chat';
  /** Launcher mode: whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;
  /** Ask a new Chatwoot visitor for name and email before connecting (the contact is created with them). */
  @property({ type: Boolean, attribute: 'pre-chat-form' }) preChatForm = false;
  /** How long one connect attempt may take before it is given up (reason `timeout`) and retried, ms. */
  @property({ type: Number, attribute: 'connect-timeout' }) connectTimeout?: number;
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
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
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
    const id = await this.session.createConversation({ title: CHAT_TEXT.newConversation });
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
    const viewing = (this.mode !== 'launcher' || this.open) && !listFirst;
    if (viewing !== this.viewing) {
      this.viewing = viewing;
      this.session.open(this.session.store.getState().activeConversation, viewing);
    }
  }

  override updated(changed: PropertyValues<this>): void {
    // Parts placed by the page follow this chat's theme too (each part's palette keys on its own host).
    if (changed.has('theme')) this.themeOwnParts();
    const problem = configProblem(this);
    if (problem) this.connectionState.reportConfigProblem(problem);
  }

  /** Drop the connection and connect again. */
  reconnect(): void {
    this.connection.reconnect();
  }

  private renderPanel() {
    const { status, reason, conversations, title, availability } = this.slice.value;
    const { everOpen, failure } = this.connectionState;
    const notice = connectionNotice({ status, reason, everOpen, failure, configProblem: configProblem(this) });
    const preChat = this.preChat.shown;
    const canCreate = notice.state === 'open' && this.session.can('createConversation');
    const listScreen = this.onListScreen;
    const threadScreen = this.listIsScreen && this.screen === 'thread';
    return html`<section class="panel ${this.listIsScreen ? 'narrow' : ''}" part="panel" aria-label=${this.heading}>
      ${renderHeader({
        heading: this.heading, status: notice.status,
        availability: notice.state === 'open' ? availability : undefined, replyTime: notice.state === 'open' ? this.replyTime : undefined,
        title: listScreen ? '' : displayName(title), // a wire value: no bidi tricks, no unbounded length
        onBack: threadScreen ? () => this.showList() : undefined,
        onNew: canCreate ? () => void this.startConversation() : undefined, creating: this.creating === 'busy',
        onClose: this.mode === 'launcher' ? () => this.panelFocus.close() : undefined,
      })}
      ${preChat ? nothing : renderBanner(notice, reason)}
      ${this.creating === 'failed' ? html`<p class="notice" part="create-failed" role="alert">${CHAT_TEXT.newConversationFailed}
        <button type="button" class="text-button" @click=${() => void this.startConversation()}>${CHAT_TEXT.tryAgain}</button></p>` : nothing}
      ${this.storageFailed ? html`<p class="notice" part="storage-notice" role="status">${CHAT_TEXT.storageFailed}</p>` : nothing}
      ${preChat ? html`<parley-pre-chat-form theme=${this.theme}
        exportparts="pre-chat-form, pre-chat-input, pre-chat-error, pre-chat-submit"></parley-pre-chat-form>`
      : this.hasOwnParts ? html`<slot></slot>` : html`<div class="body">
        ${conversations > 1 && !threadScreen ? html`<parley-conversation-list theme=${this.theme} .locale=${this.locale}></parley-conversation-list>` : nothing}
        ${listScreen ? nothing : html`<div class="main">
          <parley-invitations theme=${this.theme}></parley-invitations>
          <parley-thread theme=${this.theme} .locale=${this.locale}></parley-thread>
          <parley-typing-indicator theme=${this.theme}></parley-typing-indicator>
          <parley-composer theme=${this.theme}></parley-composer>
        </div>`}</div>`}
    </section>`;
  }

  override render() {
    if (this.mode !== 'launcher') return this.renderPanel();
    const { unread } = this.slice.value;
    return html`
      ${this.open ? this.renderPanel() : nothing}
      <button type="button" class="launcher" part="launcher" aria-expanded=${this.open ? 'true' : 'false'}
        aria-label=${this.open ? CHAT_TEXT.minimizeChat : unread ? CHAT_TEXT.openChatUnread(unread) : CHAT_TEXT.openChat} @click=${this.toggle}>
        ${this.open ? closeIcon : chatIcon}
        ${unread > 0 && !this.open ? html`<span class="badge" part="unread-count">${unread}</span>` : nothing}
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
