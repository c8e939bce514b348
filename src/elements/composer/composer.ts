import { LitElement, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { ChatState } from '../../core/store.js';
import { chatContext } from '../../lit/context.js';
import type { ChatSession } from '../../lit/session.js';
import { StoreController } from '../../lit/store-controller.js';
import { tokens } from '../shared/tokens.styles.js';

const IDLE_MS = 4000;

/**
 * @summary Where the user writes. Enter sends, Shift+Enter starts a new line; typing notices are
 * throttled. Works offline: what is sent then waits, visibly, and goes out on reconnect.
 *
 * @tagname parley-composer
 * @fires parley-send - Before a message is sent; cancelable (from `<parley-chat>`).
 * @csspart input - The text area.
 * @csspart send-button - The send button.
 * @csspart offline-note - The note shown while offline.
 * @cssprop --parley-accent - Send button colour.
 */
export class ParleyComposer extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; border-block-start: 1px solid var(--_border); background: var(--_bg); }
    form { display: flex; gap: 8px; align-items: flex-end; padding: 10px 12px; }
    textarea {
      flex: 1; resize: none; font: inherit; color: var(--_fg); background: transparent;
      border: 1px solid var(--_border); border-radius: 10px; padding: 8px 10px; max-height: 8em; min-height: 2.4em;
      field-sizing: content;
    }
    button[type='submit'] {
      border: none; border-radius: 10px; padding: 8px 14px; background: var(--_accent); color: var(--_accent-fg); cursor: pointer;
    }
    button[disabled] { opacity: 0.5; cursor: default; }
    .offline { margin: 0; padding: 6px 12px 0; font-size: 0.8em; color: var(--_muted); }
  `];

  private readonly conn = new StoreController(this, () => this.session?.store,
    (s: ChatState) => `${s.status}|${this.conversation ?? s.activeConversation ?? ''}`, Object.is, 'idle|');
  private idleTimer?: ReturnType<typeof setTimeout>;
  private typingIn?: string;

  @query('textarea') private input?: HTMLTextAreaElement;

  @state() private draft = '';

  /** The session to use; provided by `<parley-chat>` through context, or set directly. */
  @consume({ context: chatContext, subscribe: true })
  @property({ attribute: false })
  session?: ChatSession;

  /** Send into this conversation instead of the session's open one. */
  @property() conversation?: string;

  /** Placeholder text. */
  @property() placeholder = 'Write a message…';

  /** Disable input. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTyping();
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

  override render() {
    const [status, conversation] = this.conn.value.split('|');
    const offline = status !== 'open';
    const canSend = !this.disabled && !!conversation && !!this.draft.trim();
    return html`
      ${offline && status !== 'idle' ? html`<p class="offline" part="offline-note" role="status">You are offline. Messages will be sent when the connection is back.</p>` : nothing}
      <form @submit=${this.handleSubmit}>
        <textarea part="input" rows="1" aria-label="Message" placeholder=${this.placeholder}
          ?disabled=${this.disabled || !conversation}
          .value=${this.draft} @input=${this.handleInput} @keydown=${this.handleKeydown}></textarea>
        <button type="submit" part="send-button" ?disabled=${!canSend}>Send</button>
      </form>`;
  }
}
