import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import type { ChatState, ConnectionStatus } from '../../core/store.js';
import { chatContext } from '../../lit/context.js';
import { ConnectionController } from '../../lit/connection-controller.js';
import { ParleySendEvent, ParleyErrorEvent } from '../../lit/events.js';
import { idbStorage } from '../../lit/idb-storage.js';
import { ChatSession } from '../../lit/session.js';
import { StoreController } from '../../lit/store-controller.js';
import { memoryStore } from '../../core/kv.js';
import { tokens } from '../shared/tokens.styles.js';
import { chatStyles } from './chat.styles.js';
import { chatIcon, closeIcon } from '../shared/icons.js';
import { displayName } from '../shared/format.js';
import './invitations.js';
// What the panel renders, registered with it: `import 'parley/parley-chat'` alone is a whole chat.
import '../conversation-list/define.js';
import '../thread/define.js';
import '../typing-indicator/define.js';
import '../composer/define.js';

interface ChatSlice { status: ConnectionStatus; reason?: string; unread: number; conversations: number; title?: string }

const sameSlice = (a: ChatSlice, b: ChatSlice) => a.status === b.status && a.reason === b.reason && a.unread === b.unread
  && a.conversations === b.conversations && a.title === b.title;

const STATUS_TEXT: Record<ConnectionStatus, string> = {
  idle: '', connecting: 'Connecting…', open: 'Online', reconnecting: 'Reconnecting…', closed: 'Disconnected',
};

/** Properties that carry protocol options (their attributes are documented above). */
const OPTION_KEYS = ['inboxIdentifier', 'accountId', 'userRole', 'pubsubToken', 'sourceId', 'contactName', 'cableUrl'] as const;

/**
 * @summary A complete chat: conversation list, thread, typing indicator and composer, inline or
 * behind a launcher button, connected to your chat backend's realtime protocol.
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
 * @attr connect-timeout - How long one connect attempt may take before it is given up and retried with backoff, ms (default 15000).
 * @attr inbox-identifier - Chatwoot: the API inbox identifier; a visitor contact is created on first use.
 * @attr account-id - Chatwoot: the agent's account id (makes the role `agent`).
 * @attr user-role - Chatwoot: `contact` or `agent` (derived when absent). Not `role`, which is ARIA's.
 * @attr pubsub-token - Chatwoot: an existing pubsub token (contact or agent).
 * @attr source-id - Chatwoot: an existing contact's source id.
 * @attr contact-name - Chatwoot: the name to create a visitor contact with.
 * @attr cable-url - Chatwoot: ActionCable URL when it is not `{url}/cable`.
 * @attr connection-status - Reflected: `idle`, `connecting`, `open`, `reconnecting` or `closed`.
 *
 * @fires parley-connection-change - The connection status changed (`status`, `reason`).
 * @fires parley-message - A message arrived (`message`).
 * @fires parley-send - A message is about to be sent (`text`, `conversationId`); cancelable.
 * @fires parley-conversation-select - The user picked a conversation (`conversationId`).
 * @fires parley-error - A frame was dropped or a command failed (`error` with `code` and message).
 *
 * @slot - Place `parley-conversation-list`, `parley-thread`, `parley-typing-indicator` and `parley-composer` yourself; they read this chat through context.
 *
 * @csspart panel - The chat panel.
 * @csspart header - The header with title and status.
 * @csspart connection-banner - The "reconnecting" / "disconnected" notice.
 * @csspart storage-notice - Says that unsent messages can't be kept on this device (storage failed or did not answer).
 * @csspart launcher - The launcher button (launcher mode).
 * @csspart unread-count - The launcher's unread badge.
 * @csspart close-button - Closes the panel (launcher mode).
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
 * @cssprop --parley-height - Height of the panel.
 * @cssprop --parley-launcher-offset - Launcher distance from the viewport corner.
 * @cssprop --parley-z-index - Stacking order of the launcher and panel.
 */
export class ParleyChat extends LitElement {
  static override styles = [tokens, chatStyles];

  /** The one session the parts share. */
  @provide({ context: chatContext })
  readonly session = new ChatSession();

  private readonly connection = new ConnectionController(this, this.session, () => this.config(),
    () => (this.noPersist ? memoryStore() : idbStorage((e) => this.dispatchEvent(new ParleyErrorEvent(e)))));
  private readonly slice = new StoreController<ChatSlice>(this, () => this.session.store, (s) => this.select(s), sameSlice,
    { status: 'idle', unread: 0, conversations: 0 });

  @state() private hasOwnParts = false;
  /** Storage failed or did not answer: unsent messages are no longer kept across a reload. */
  @state() private storageFailed = false;

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
  /** How long one connect attempt may take before it is given up (reason `timeout`) and retried, ms. */
  @property({ type: Number, attribute: 'connect-timeout' }) connectTimeout?: number;
  /** Extra protocol options (merged over the option attributes). */
  @property({ attribute: false }) options: Record<string, unknown> = {};
  /** Chatwoot: API inbox identifier (visitor role). */
  @property({ attribute: 'inbox-identifier' }) inboxIdentifier?: string;
  /** Chatwoot: account id (agent role). */
  @property({ attribute: 'account-id' }) accountId?: string;
  /** Chatwoot: `contact` or `agent`; derived from the other options when absent. */
  @property({ attribute: 'user-role' }) userRole?: 'contact' | 'agent';
  /** Chatwoot: an existing pubsub token. Prefer the property over the attribute. */
  @property({ attribute: 'pubsub-token' }) pubsubToken?: string;
  /** Chatwoot: an existing contact's source id. */
  @property({ attribute: 'source-id' }) sourceId?: string;
  /** Chatwoot: name for a visitor contact created by the widget. */
  @property({ attribute: 'contact-name' }) contactName?: string;
  /** Chatwoot: ActionCable URL when it is not `{url}/cable`. */
  @property({ attribute: 'cable-url' }) cableUrl?: string;
  /** Reflected connection status. */
  @property({ attribute: 'connection-status', reflect: true }) connectionStatus: ConnectionStatus = 'idle';

  constructor() {
    super();
    this.session.beforeSend = (text, conversationId) => this.dispatchEvent(new ParleySendEvent(text, conversationId));
    this.addEventListener(ParleyErrorEvent.eventName, (e) => {
      if ((e).error.code === 'persist') this.storageFailed = true;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.hasOwnParts = [...this.children].some((c) => c.localName.startsWith('parley-'));
  }

  private config() {
    if (!this.protocol || !this.url) return undefined;
    const options: Record<string, unknown> = {};
    for (const key of OPTION_KEYS) {
      const value = this[key];
      if (value !== undefined && value !== null && value !== '') options[key === 'userRole' ? 'role' : key] = value;
    }
    return {
      protocol: this.protocol, url: this.url, token: this.token, userId: this.userId,
      conversation: this.conversation, options: { ...options, ...this.options }, persist: !this.noPersist,
      connectTimeout: this.connectTimeout,
    };
  }

  private select(s: ChatState): ChatSlice {
    const unread = s.unreadTotal; // kept by the store as counts change: no walk over every conversation
    const active = s.activeConversation ? s.conversations.get(s.activeConversation) : undefined;
    return { status: s.status, reason: s.statusReason, unread, conversations: s.conversations.size, title: active?.title };
  }

  private toggle(): void {
    this.open = !this.open;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    this.connectionStatus = this.slice.value.status;
    if (changed.has('open') || changed.has('mode')) {
      const viewing = this.mode !== 'launcher' || this.open;
      this.session.open(this.session.store.getState().activeConversation, viewing);
    }
    if (changed.has('conversation') && this.conversation) this.session.open(this.conversation);
  }

  override updated(changed: PropertyValues<this>): void {
    // Parts placed by the page follow this chat's theme too (each part's palette keys on its own host).
    if (changed.has('theme') && this.hasOwnParts) {
      for (const child of this.children) if (child.localName.startsWith('parley-')) child.setAttribute('theme', this.theme);
    }
  }

  /** Drop the connection and connect again. */
  reconnect(): void {
    this.connection.reconnect();
  }

  private renderPanel() {
    const { status, reason, conversations, title } = this.slice.value;
    const banner = status === 'reconnecting' ? (reason === 'offline' ? 'You are offline. Waiting for the network…'
      : reason === 'timeout' ? 'The chat server did not answer in time. Trying again…' : 'Connection lost. Reconnecting…')
      : status === 'closed' && reason && reason !== 'client-closed' ? `Disconnected (${reason}).` : '';
    const showList = conversations > 1;
    const shownTitle = displayName(title); // a wire value: no bidi tricks, no unbounded length
    return html`<section class="panel" part="panel" aria-label=${this.heading}>
      <header part="header">
        <h2 title=${shownTitle ? `${this.heading} · ${shownTitle}` : this.heading}>${this.heading}${shownTitle ? html` · <bdi>${shownTitle}</bdi>` : nothing}</h2>
        <span class="status" role="status">${STATUS_TEXT[status]}</span>
        ${this.mode === 'launcher' ? html`<button class="close" part="close-button" aria-label="Close chat" @click=${this.toggle}>${closeIcon}</button>` : nothing}
      </header>
      ${banner ? html`<p class="banner ${status}" part="connection-banner" role="alert">${banner}</p>` : nothing}
      ${this.storageFailed ? html`<p class="notice" part="storage-notice" role="status">Messages you haven't sent yet can't be kept on this device.</p>` : nothing}
      ${this.hasOwnParts ? html`<slot></slot>` : html`<div class="body">
        ${showList ? html`<parley-conversation-list theme=${this.theme} .locale=${this.locale}></parley-conversation-list>` : nothing}
        <div class="main">
          <parley-invitations theme=${this.theme}></parley-invitations>
          <parley-thread theme=${this.theme} .locale=${this.locale}></parley-thread>
          <parley-typing-indicator theme=${this.theme}></parley-typing-indicator>
          <parley-composer theme=${this.theme}></parley-composer>
        </div></div>`}
    </section>`;
  }

  override render() {
    if (this.mode !== 'launcher') return this.renderPanel();
    const { unread } = this.slice.value;
    return html`
      ${this.open ? this.renderPanel() : nothing}
      <button class="launcher" part="launcher" aria-expanded=${this.open ? 'true' : 'false'}
        aria-label=${this.open ? 'Close chat' : unread ? `Open chat, ${unread} unread` : 'Open chat'} @click=${this.toggle}>
        ${this.open ? closeIcon : chatIcon}
        ${unread > 0 && !this.open ? html`<span class="badge" part="unread-count">${unread}</span>` : nothing}
      </button>`;
  }
}
