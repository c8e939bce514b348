import { LitElement, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { DisconnectReason } from '../../core/protocol.js';
import type { ChatState, ConnectionStatus } from '../../core/store.js';
import { chatContext } from '../../lit/context.js';
import type { ChatSession } from '../../lit/session.js';
import { StoreController } from '../../lit/store-controller.js';
import { tokens } from '../shared/tokens.styles.js';
import { LocaleController } from '../../lit/locale-controller.js';
import type { MessageKey, Strings } from '../../i18n/index.js';
import { smileIcon } from '../shared/icons.js';
import type * as EmojiPicker from './emoji-picker.js';

type EmojiModule = typeof EmojiPicker;

const IDLE_MS = 4000;

/** What the composer reads of the store. */
interface ComposerSlice { status: ConnectionStatus; reason?: DisconnectReason; conversation?: string }

const sameSlice = (a: ComposerSlice, b: ComposerSlice) => a.status === b.status && a.reason === b.reason && a.conversation === b.conversation;

/**
 * What to tell someone who can write but is not connected: that what they send waits, and for
 * what. Nothing while open, or while nothing can be written (the chat's banner says why).
 */
function waitingNote(slice: ComposerSlice, canWrite: boolean): MessageKey | undefined {
  if (!canWrite || slice.status === 'open' || slice.status === 'idle') return undefined;
  if (slice.reason === 'offline') return 'composer.offline';
  if (slice.status === 'closed') return slice.reason && slice.reason !== 'client-closed' ? 'composer.disconnected' : undefined;
  return 'composer.notConnected';
}

/**
 * @summary Where the user writes. Enter sends, Shift+Enter starts a new line; typing notices are
 * throttled. Works offline: what is sent then waits, visibly, and goes out on reconnect.
 *
 * @tagname parley-composer
 * @attr locale - BCP 47 locale of its strings; inside `<parley-chat>`, the chat's.
 * @fires parley-send - Before a message is sent; cancelable (from `<parley-chat>`).
 * @csspart input - The text area.
 * @csspart send-button - The send button.
 * @csspart emoji-button - Opens the emoji picker (loaded on first use).
 * @csspart emoji-picker - The picker: a grid of everyday emoji (arrow keys move, Enter picks, Escape closes).
 * @csspart offline-note - Shown while not connected and a message can be written: says that what is sent waits, and for what (the network, the connection).
 * @cssprop --parley-accent - Send button colour.
 */
export class ParleyComposer extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; position: relative; border-block-start: 1px solid var(--_border); background: var(--_bg); }
    form { display: flex; gap: 8px; align-items: flex-end; padding: 8px 12px; }
    /* 16 px at least: a smaller input makes iOS zoom the page in when it takes the focus. */
    textarea {
      flex: 1; resize: none; font: inherit; font-size: max(16px, 1em); line-height: 1.35; color: var(--_fg); background: transparent;
      border: 1px solid var(--_border); border-radius: 10px; padding: 10px; max-height: 8em; min-height: 44px;
      field-sizing: content;
    }
    /* 44 px: a finger's target (WCAG 2.5.5). */
    button[type='submit'] {
      min-width: 44px; min-height: 44px; border: none; border-radius: 10px; padding: 8px 16px;
      background: var(--_accent); color: var(--_accent-fg); cursor: pointer;
    }
    button[disabled] { opacity: 0.5; cursor: default; }
    .emoji-button {
      min-width: 44px; min-height: 44px; border: none; border-radius: 10px; background: none; color: var(--_muted);
      font-size: 20px; cursor: pointer; display: inline-grid; place-items: center;
    }

    .offline { margin: 0; padding: 6px 12px 0; font-size: 0.8em; color: var(--_muted); }
  `];

  private readonly conn = new StoreController<ComposerSlice>(this, () => this.session?.store,
    (s: ChatState) => ({ status: s.status, reason: s.statusReason, conversation: this.conversation ?? s.activeConversation }),
    sameSlice, { status: 'idle' });
  private idleTimer?: ReturnType<typeof setTimeout>;
  private typingIn?: string;

  @query('textarea') private input?: HTMLTextAreaElement;

  @state() private draft = '';
  /** The emoji picker's module, once loaded; the picker is open while `emojiOpen`. */
  @state() private emoji?: EmojiModule;
  @state() private emojiOpen = false;

  /** The session to use; provided by `<parley-chat>` through context, or set directly. */
  @consume({ context: chatContext, subscribe: true })
  @property({ attribute: false })
  session?: ChatSession;

  /** Send into this conversation instead of the session's open one. */
  @property() conversation?: string;

  /** Placeholder text; undefined: the catalog's ("Write a message…"). */
  @property() placeholder?: string;

  /** Locale of its strings (BCP 47); inside `<parley-chat>` it follows the chat's. */
  @property() locale?: string;

  /** A site's own strings over the catalog's (see `<parley-chat>`'s `strings`). */
  @property({ attribute: false }) strings?: Strings;

  private readonly i18n = new LocaleController(this);

  /** Disable input. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTyping();
  }

  /** Focus the text area (nothing happens while it is disabled: no conversation yet). */
  override focus(options?: FocusOptions): void {
    this.input?.focus(options);
  }

  private get target(): string | undefined {
    return this.conversation ?? this.session?.store.getState().activeConversation;
  }

  private handleInput(e: Event): void {
    this.draft = (e.target as HTMLTextAreaElement).value;
    const id = this.target;
    if (!id) return;
    if (this.draft.trim()) {
      this.typingIn = id;
      this.session?.typing(id, true);
      clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => this.stopTyping(), IDLE_MS);
    } else this.stopTyping();
  }

  private handleKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.submit();
    }
  }

  private handleSubmit(e: Event): void {
    e.preventDefault();
    this.submit();
  }

  private stopTyping(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.typingIn) this.session?.typing(this.typingIn, false);
    this.typingIn = undefined;
  }

  /** Send the current draft. Returns whether a message was sent. */
  submit(): boolean {
    const text = this.draft.trim();
    if (!text || this.disabled) return false;
    const sent = this.session?.send(text, { conversationId: this.target });
    if (!sent) return false;
    this.draft = '';
    if (this.input) this.input.value = '';
    this.stopTyping();
    this.input?.focus();
    return true;
  }

  private readonly toggleEmoji = async (): Promise<void> => {
    if (this.emojiOpen) return this.closeEmoji();
    if (!this.emoji) {
      this.emoji = await import('./emoji-picker.js');
      // The picker's styles come with it: constructable sheets pass a strict style-src.
      const root = this.renderRoot as ShadowRoot;
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.emoji.emojiPickerStyles.styleSheet!];
    }
    this.emojiOpen = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.emoji-picker button[tabindex="0"]')?.focus();
  };

  private closeEmoji(): void {
    this.emojiOpen = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('.emoji-button')?.focus());
  }

  /** Put the emoji where the caret was (replacing a selection), as typing it would. */
  private insertEmoji(emoji: string): void {
    const input = this.input;
    this.emojiOpen = false;
    if (!input) return;
    input.setRangeText(emoji, input.selectionStart, input.selectionEnd, 'end');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.focus();
  }

  override render() {
    const slice = this.conn.value;
    const canWrite = !this.disabled && !!slice.conversation;
    const note = waitingNote(slice, canWrite);
    const t = this.i18n;
    return html`
      ${note ? html`<p class="offline" part="offline-note" role="status">${t.t(note)}</p>` : nothing}
      <form @submit=${this.handleSubmit}>
        <textarea part="input" rows="1" aria-label=${t.t('composer.inputLabel')} placeholder=${this.placeholder ?? t.t('composer.placeholder')}
          ?disabled=${!canWrite}
          .value=${this.draft} @input=${this.handleInput} @keydown=${this.handleKeydown}></textarea>
        <button type="button" class="emoji-button" part="emoji-button" aria-label=${t.t('composer.emoji')} title=${t.t('composer.emoji')}
          aria-haspopup="true" aria-expanded=${this.emojiOpen ? 'true' : 'false'} ?disabled=${!canWrite} @click=${this.toggleEmoji}>${smileIcon}</button>
        <button type="submit" part="send-button" ?disabled=${!canWrite || !this.draft.trim()}>${t.t('composer.send')}</button>
      </form>
      ${this.emojiOpen && this.emoji ? this.emoji.renderEmojiPicker({
        label: t.t('composer.emojiPicker'), onPick: (e) => this.insertEmoji(e), onClose: () => this.closeEmoji(),
        onLeave: (to) => { if (!(to instanceof Element && to.classList.contains('emoji-button'))) this.emojiOpen = false; },
      }) : nothing}`;
  }
}
