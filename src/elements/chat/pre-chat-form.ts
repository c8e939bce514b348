/**
 * The pre-chat form: a new Chatwoot visitor's name, email and, optionally, first message, asked
 * before the chat connects, as Chatwoot's own web widget does when its inbox turns
 * `pre_chat_form_enabled` on. Loaded only by a `<parley-chat pre-chat-form>` that needs it.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { MessageKey, Strings } from '../../i18n/index.js';
import { LocaleController } from '../../lit/locale-controller.js';
import { tokens } from '../shared/tokens.styles.js';

/** What the visitor gave. */
export interface VisitorDetails {
  name: string;
  email: string;
  /** The first message, if one was written. */
  message?: string;
}

/**
 * The visitor filled in the pre-chat form (`details`: name, email, message); the contact is
 * created with them next. Cancel it with `preventDefault()` to keep the form up.
 */
export class ParleyPreChatSubmitEvent extends Event {
  static readonly eventName = 'parley-pre-chat-submit';
  constructor(readonly details: VisitorDetails) {
    super(ParleyPreChatSubmitEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

/** Chatwoot's check of a contact's email (`Devise.email_regexp`): something, @, something, no spaces. */
const EMAIL = /^[^@\s]+@[^@\s]+$/;

type Field = 'name' | 'email';
/** What is wrong with each field, as the key of the words that say so. */
type Problems = Partial<Record<Field, MessageKey>>;

/** What is wrong with the details, field by field; empty when nothing is. */
export function preChatProblems(name: string, email: string): Problems {
  const problems: Problems = {};
  if (!name.trim()) problems.name = 'chat.preChat.nameMissing';
  if (!email.trim()) problems.email = 'chat.preChat.emailMissing';
  else if (!EMAIL.test(email.trim())) problems.email = 'chat.preChat.emailInvalid';
  return problems;
}

/**
 * @summary The pre-chat form `<parley-chat pre-chat-form>` shows a new Chatwoot visitor: name and
 * email (required; the email checked as Chatwoot checks it) and an optional first message. Errors
 * are announced and tied to their fields (`aria-invalid`, `aria-describedby`); the first wrong
 * field takes the focus.
 *
 * @tagname parley-pre-chat-form
 * @attr locale - BCP 47 locale of its words; inside `<parley-chat>`, the chat's.
 * @fires parley-pre-chat-submit - The visitor submitted valid details (`details`); cancelable.
 * @csspart pre-chat-form - The form.
 * @csspart pre-chat-input - Each field (name, email, message); carries `name`.
 * @csspart pre-chat-error - The error under a field.
 * @csspart pre-chat-submit - The submit button.
 */
export class ParleyPreChatForm extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; flex: 1; min-height: 0; overflow: auto; }
    form { display: flex; flex-direction: column; gap: 12px; padding: 16px 14px; }
    h3 { margin: 0; font-size: 1.05em; }
    p { margin: 0; color: var(--_muted); }
    label { display: flex; flex-direction: column; gap: 4px; font-weight: 600; font-size: 0.9em; }
    /* 16 px: no zoom on focus in mobile Safari; 44 px: a finger's target. */
    input, textarea {
      font: inherit; font-size: 16px; font-weight: normal; min-height: 44px; box-sizing: border-box; padding: 8px 10px;
      border: 1px solid var(--_border); border-radius: 8px; background: var(--_bg); color: var(--_fg);
    }
    textarea { resize: vertical; min-height: 88px; }
    [aria-invalid='true'] { border-color: var(--_danger); }
    .error { color: var(--_danger); font-weight: normal; font-size: 0.85em; }
    button {
      min-height: 44px; border: none; border-radius: 8px; padding: 8px 16px; cursor: pointer; font: inherit; font-weight: 600;
      background: var(--_accent); color: var(--_accent-fg);
    }
  `];

  @state() private problems: Problems = {};

  /** Locale of its words (BCP 47); inside `<parley-chat>` it follows the chat's. */
  @property() locale?: string;

  /** A site's own strings over the catalog's (see `<parley-chat>`'s `strings`). */
  @property({ attribute: false }) strings?: Strings;

  private readonly i18n = new LocaleController(this);

  private handleSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    const [name, email, message] = [value('name'), value('email'), value('message').trim()];
    this.problems = preChatProblems(name, email);
    const wrong = (['name', 'email'] as const).find((f) => this.problems[f]);
    if (wrong) {
      (form.elements.namedItem(wrong) as HTMLInputElement).focus();
      return;
    }
    this.dispatchEvent(new ParleyPreChatSubmitEvent({ name: name.trim(), email: email.trim(), ...(message ? { message } : {}) }));
  }

  /** Focus the first field. */
  override focus(): void {
    this.renderRoot.querySelector('input')?.focus();
  }

  private field(name: Field, type: string, label: string, autocomplete: string) {
    const problem = this.problems[name];
    return html`<label>${label}
      <input part="pre-chat-input" name=${name} type=${type} autocomplete=${autocomplete} required dir="auto"
        aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${problem ? `${name}-error` : nothing}>
      ${problem ? html`<span class="error" part="pre-chat-error" id="${name}-error">${this.i18n.t(problem)}</span>` : nothing}
    </label>`;
  }

  override render() {
    const t = (key: MessageKey) => this.i18n.t(key);
    return html`<form part="pre-chat-form" novalidate aria-labelledby="pre-chat-title" @submit=${this.handleSubmit}>
      <h3 id="pre-chat-title">${t('chat.preChat.label')}</h3>
      <p>${t('chat.preChat.intro')}</p>
      ${this.field('name', 'text', t('chat.preChat.name'), 'name')}
      ${this.field('email', 'email', t('chat.preChat.email'), 'email')}
      <label>${t('chat.preChat.message')}<textarea part="pre-chat-input" name="message" dir="auto"></textarea></label>
      <button type="submit" part="pre-chat-submit">${t('chat.preChat.submit')}</button>
    </form>`;
  }
}

if (!customElements.get('parley-pre-chat-form')) customElements.define('parley-pre-chat-form', ParleyPreChatForm);

declare global {
  interface HTMLElementTagNameMap {
    'parley-pre-chat-form': ParleyPreChatForm;
  }
  interface GlobalEventHandlersEventMap {
    'parley-pre-chat-submit': ParleyPreChatSubmitEvent;
  }
}
