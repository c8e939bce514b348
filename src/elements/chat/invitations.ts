import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { Invitation } from '../../core/model.js';
import type { ChatState } from '../../core/store.js';
import { chatContext } from '../../lit/context.js';
import type { ChatSession } from '../../lit/session.js';
import { StoreController } from '../../lit/store-controller.js';
import { tokens } from '../shared/tokens.styles.js';
import { displayName } from '../shared/format.js';
import { ENGLISH, type ParleyMessages, type Strings } from '../../i18n/index.js';
import { LocaleController } from '../../lit/locale-controller.js';

const EMPTY: readonly Invitation[] = [];

/**
 * The user answered an invitation. Cancel it with `preventDefault()` to keep the invitation
 * listed (e.g. while your page accepts it through your backend); otherwise it leaves the list.
 */
export class ParleyInvitationEvent extends Event {
  static readonly eventName = 'parley-invitation';
  constructor(readonly conversationId: string, readonly accept: boolean, readonly invitation: Invitation) {
    super(ParleyInvitationEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

/** "Kit invited you to Beta testers". */
export function invitationText(i: Invitation, m: ParleyMessages = ENGLISH): string {
  return m.t('invitations.invited', {
    from: displayName(i.from?.name, m.t('invitations.someone')), title: displayName(i.title, m.t('invitations.aConversation')),
  });
}

/**
 * @summary Invitations into conversations the user has not joined yet (IMKIT group
 * invitations), each with Accept and Decline. Renders nothing when there are none.
 *
 * @tagname parley-invitations
 * @attr locale - BCP 47 locale of its words; inside `<parley-chat>`, the chat's.
 * @fires parley-invitation - The user accepted or declined (`conversationId`, `accept`, `invitation`); cancelable.
 * @csspart invitation - One invitation; carries `data-conversation-id`.
 * @csspart accept-button - Accepts the invitation.
 * @csspart decline-button - Declines the invitation.
 * @cssprop --parley-accent - Colour of the Accept button.
 */
export class ParleyInvitations extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { display: flex; align-items: center; gap: 8px; padding: 8px 14px; border-block-end: 1px solid var(--_border); background: var(--_bubble); font-size: 0.9em; }
    .text { flex: 1; }
    button { min-width: 44px; min-height: 44px; border: 1px solid var(--_border); border-radius: 8px; padding: 4px 12px; cursor: pointer; background: var(--_bg); color: var(--_fg); font: inherit; }
    button.accept { background: var(--_accent); color: var(--_accent-fg); border-color: var(--_accent); }
  `];

  private readonly invitations = new StoreController(this, () => this.session?.store, (s: ChatState) => s.invitations, Object.is, EMPTY);

  /** The session to read; provided by `<parley-chat>` through context, or set directly. */
  @consume({ context: chatContext, subscribe: true })
  @property({ attribute: false })
  session?: ChatSession;

  /** Locale of its words (BCP 47); inside `<parley-chat>` it follows the chat's. */
  @property() locale?: string;

  /** A site's own strings over the catalog's (see `<parley-chat>`'s `strings`). */
  @property({ attribute: false }) strings?: Strings;

  private readonly i18n = new LocaleController(this);

  private answer(invitation: Invitation, accept: boolean): void {
    const event = new ParleyInvitationEvent(invitation.conversationId, accept, invitation);
    if (!this.dispatchEvent(event)) return;
    void this.session?.answerInvitation(invitation.conversationId, accept);
  }

  override render() {
    const list = this.invitations.value;
    if (!list.length) return nothing;
    const m = this.i18n.value;
    return html`<ul aria-label=${m.t('invitations.label')}>${list.map((i) => html`
      <li part="invitation" data-conversation-id=${i.conversationId}>
        <span class="text">${invitationText(i, m)}</span>
        <button class="accept" part="accept-button" @click=${() => this.answer(i, true)}>${m.t('invitations.accept')}</button>
        <button part="decline-button" @click=${() => this.answer(i, false)}>${m.t('invitations.decline')}</button>
      </li>`)}</ul>`;
  }
}

if (!customElements.get('parley-invitations')) customElements.define('parley-invitations', ParleyInvitations);

declare global {
  interface HTMLElementTagNameMap {
    'parley-invitations': ParleyInvitations;
  }
  interface GlobalEventHandlersEventMap {
    'parley-invitation': ParleyInvitationEvent;
  }
}
