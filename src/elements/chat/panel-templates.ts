/**
 * The pieces of `<parley-chat>`'s panel that are plain templates of what the element decided:
 * the header (Back, title, status, Close) and the connection banner with its reason.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Availability } from '../../core/availability.js';
import type { DisconnectReason } from '../../core/protocol.js';
import { backIcon, bellIcon, closeIcon, composeIcon } from '../shared/icons.js';
import type { ConnectionNotice } from './connection-notice.js';
import type { ParleyMessages } from '../../i18n/index.js';

/** What the header shows and can do. */
export interface HeaderView {
  heading: string;
  /** The open conversation's title, already made safe to show (`displayName`). */
  title: string;
  status: string;
  /** Whether the other side is there, once connected and the backend said. */
  availability?: Availability;
  /** How soon the team usually answers, said while nobody is online. */
  replyTime?: ReplyTime;
  /** A Back button to the conversation list (the narrow layout's thread screen). */
  onBack?: () => void;
  /** A button that asks to allow desktop notifications (`notify="desktop"`, not yet asked). */
  onAllowNotifications?: () => void;
  /** A Close button (launcher mode). */
  onClose?: () => void;
  /** The words of the buttons' names. */
  messages: ParleyMessages;
  /** A "New conversation" button (where the backend lets this user start one). */
  onNew?: () => void;
  /** A new conversation is being started: the button waits. */
  creating?: boolean;
}

/** How soon a team usually answers: Chatwoot's inbox `reply_time` (`in_a_few_minutes`, …) in short. */
export type ReplyTime = 'minutes' | 'hours' | 'day';

/** The header's word on the other side: "Online", or "Away" with the usual reply time, or the reply time alone. */
function renderAvailability(v: HeaderView): TemplateResult | typeof nothing {
  const m = v.messages;
  const reply = v.replyTime && REPLY_TIMES.has(v.replyTime) ? m.t(`chat.availability.replyTime.${v.replyTime}`) : undefined;
  const dot = html`<span part="presence-dot" class="dot"></span>`;
  if (v.availability === 'online') return html`<span part="availability" data-availability="online">${dot}${m.t('chat.availability.online')}</span>`;
  const away = m.t('chat.availability.away');
  const words = v.availability === 'away' ? (reply ? m.t('chat.availability.awayReply', { away, reply }) : away) : reply;
  return words ? html`<span part="availability" data-availability=${v.availability ?? 'unknown'}>${v.availability === 'away' ? dot : nothing}${words}</span>` : nothing;
}
const REPLY_TIMES: ReadonlySet<string> = new Set<ReplyTime>(['minutes', 'hours', 'day']);

/** The header: Back (when the list is a screen of its own), title, status, Close. */
export function renderHeader(v: HeaderView): TemplateResult {
  const back = v.messages.t('chat.backToList');
  const close = v.messages.t('chat.closeChat');
  const full = v.title ? `${v.heading} · ${v.title}` : v.heading;
  return html`<header part="header">
    ${v.onBack ? html`<button type="button" class="icon-button back" part="back-button" aria-label=${back}
      title=${back} @click=${v.onBack}>${backIcon}</button>` : nothing}
    <h2 title=${full}>${v.heading}${v.title ? html` · <bdi>${v.title}</bdi>` : nothing}</h2>
    <span class="status" role="status">${v.status}${v.status ? nothing : renderAvailability(v)}</span>
    ${v.onAllowNotifications ? html`<button type="button" class="icon-button" part="notify-button" aria-label=${v.messages.t('chat.notify.enable')}
      title=${v.messages.t('chat.notify.enable')} @click=${v.onAllowNotifications}>${bellIcon}</button>` : nothing}
    ${v.onNew ? html`<button type="button" class="icon-button new" part="new-conversation-button" aria-label=${v.messages.t('chat.newConversation')}
      title=${v.messages.t('chat.newConversation')} aria-disabled=${v.creating ? 'true' : 'false'} @click=${v.onNew}>${composeIcon}</button>` : nothing}
    ${v.onClose ? html`<button type="button" class="icon-button close" part="close-button" aria-label=${close}
      title=${close} @click=${v.onClose}>${closeIcon}</button>` : nothing}
  </header>`;
}

/**
 * The banner for a connection that is not open, or nothing. It carries `data-state` (the
 * situation, see `NoticeState`) and `data-reason` (the store's reason) for pages and tests.
 */
export function renderBanner(notice: ConnectionNotice, reason: DisconnectReason | undefined): TemplateResult | typeof nothing {
  if (!notice.banner) return nothing;
  return html`<div class="banner ${notice.state}" part="connection-banner" role="alert"
      data-state=${notice.state} data-reason=${reason ?? ''}>
    <p class="banner-text">${notice.banner}</p>
    ${notice.detail ? html`<p class="banner-reason" part="connection-reason" dir="auto">${notice.detail}</p>` : nothing}
  </div>`;
}
