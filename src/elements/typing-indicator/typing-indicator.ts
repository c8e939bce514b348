import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { ChatState, TypingEntry } from '../../core/store.js';
import { chatContext } from '../../lit/context.js';
import type { ChatSession } from '../../lit/session.js';
import { StoreController } from '../../lit/store-controller.js';
import { displayName } from '../shared/format.js';
import { tokens } from '../shared/tokens.styles.js';
import { LocaleController } from '../../lit/locale-controller.js';
import { ENGLISH, type ParleyMessages, type Strings } from '../../i18n/index.js';

const EMPTY: readonly TypingEntry[] = [];

/** "Ada is typing…", "Ada and Bo are typing…", "Ada, Bo and 2 others are typing…" */
export function typingText(entries: readonly TypingEntry[], m: ParleyMessages = ENGLISH): string {
  const names = entries.map((t) => displayName(t.actor.name, m.t('typing.someone')));
  const [first = '', second = ''] = names;
  if (names.length === 0) return '';
  if (names.length === 1) return m.t('typing.one', { name: first });
  if (names.length === 2) return m.t('typing.two', { first, second });
  return m.t('typing.more', { first, second, count: names.length - 2 });
}

/**
 * @summary Who is typing in the open conversation. Entries expire on their own
 * (several backends never say "stopped").
 *
 * @tagname parley-typing-indicator
 * @attr locale - BCP 47 locale of its strings; inside `<parley-chat>`, the chat's.
 * @csspart indicator - The line of text, present only while someone types.
 * @cssprop --parley-muted - Colour of the text.
 */
export class ParleyTypingIndicator extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; min-height: 1.5em; padding-inline: 14px; color: var(--_muted); font-size: 0.85em; }
    .dots { display: inline-flex; gap: 2px; margin-inline-end: 6px; }
    .dots span { width: 4px; height: 4px; border-radius: 50%; background: currentColor; animation: bounce 1.2s infinite; }
    .dots span:nth-child(2) { animation-delay: 0.15s; }
    .dots span:nth-child(3) { animation-delay: 0.3s; }
    @keyframes bounce { 0%, 60%, 100% { transform: none; } 30% { transform: translateY(-3px); } }
    @media (prefers-reduced-motion: reduce) { .dots span { animation: none; } }
  `];

  private readonly typing = new StoreController(this, () => this.session?.store, (s: ChatState) => {
    const id = this.conversation ?? s.activeConversation;
    return (id && s.typing.get(id)) || EMPTY;
  }, Object.is, EMPTY);

  /** The session to read; provided by `<parley-chat>` through context, or set directly. */
  @consume({ context: chatContext, subscribe: true })
  @property({ attribute: false })
  session?: ChatSession;

  /** Show this conversation instead of the session's open one. */
  @property() conversation?: string;

  /** Locale of its strings (BCP 47); inside `<parley-chat>` it follows the chat's. */
  @property() locale?: string;

  /** A site's own strings over the catalog's (see `<parley-chat>`'s `strings`). */
  @property({ attribute: false }) strings?: Strings;

  private readonly i18n = new LocaleController(this);

  override render() {
    const text = typingText(this.typing.value, this.i18n.value);
    return html`<div role="status" aria-live="polite">${text
      ? html`<span part="indicator"><span class="dots" aria-hidden="true"><span></span><span></span><span></span></span>${text}</span>`
      : ''}</div>`;
  }
}
