/**
 * The pieces of `<parley-chat>`'s panel that are plain templates of what the element decided:
 * the header (Back, title, status, Close) and the connection banner with its reason.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Availability } from '../../core/availability.js';
import type { DisconnectReason } from '../../core/protocol.js';
import { backIcon, closeIcon, composeIcon } from '../shared/icons.js';
import type { ConnectionNotice } from './connection-notice.js';
import { CHAT_TEXT } from './strings.js';

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
  /** A Close button (launcher mode). */
  onClose?: () => void;
  /** A "New conversation" button (where the backend lets this user start one). */
  onNew?: () => void;
  /** A new conversation is being started: the button waits. */
  creating?: boolean;
}

/** How soon a team usually answers: Chatwoot's inbox `reply_time` (`in_a_few_minutes`, …) in short. */
export type ReplyTime = 'minutes' | 'hours' | 'day';

/** The header's word on the other side: "Online", or "Away" with the usual reply time, or the reply time alone. */
function renderAvailability(v: HeaderView): TemplateResult | typeof nothing {
  const T = CHAT_TEXT.availability;
  const reply = v.replyTime && Object.hasOwn(T.replyTime, v.replyTime) ? T.replyTime[v.replyTime] : undefined;
  if (v.availability === 'online') return html`<span part="availability" data-availability="online"><span part="presence-dot" class="dot"></span>${T.online}</span>`;
  const words = v.availability === 'away' ? (reply ? `${T.away} · ${reply}` : T.away) : reply;
  return words ? html`<span part="availability" data-availability=${v.availability ?? 'unknown'}>${v.availability === 'away' ? html`<span part="presence-dot" class="dot"></span>` : nothing}${words}</span>` : nothing;
}

/** The header: Back (when the list is a screen of its own), title, status, Close. */
export function renderHeader(v: HeaderView): TemplateResult {
  const full = v.title ? `${v.heading} · ${v.title}` : v.heading;
  return html`<header part="header">
    ${v.onBack ? html`<button type="button" class="icon-button back" part="back-button" aria-label=${CHAT_TEXT.backToList}
      title=${CHAT_TEXT.backToList} @click=${v.onBack}>${backIcon}</button>` : nothing}
    <h2 title=${full}>${v.heading}${v.title ? html` · <bdi>${v.title}</bdi>` : nothing}</h2>
    <span class="status" role="status">${v.status}${v.status ? nothing : renderAvailability(v)}</span>
    ${v.onNew ? html`<button type="button" class="icon-button new" part="new-conversation-button" aria-label=${CHAT_TEXT.newConversation}
      title=${CHAT_TEXT.newConversation} aria-disabled=${v.creating ? 'true' : 'false'} @click=${v.onNew}>${composeIcon}</button>` : nothing}
    ${v.onClose ? html`<button type="button" class="icon-button close" part="close-button" aria-label=${CHAT_TEXT.closeChat}
      title=${CHAT_TEXT.closeChat} @click=${v.onClose}>${closeIcon}</button>` : nothing}
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
