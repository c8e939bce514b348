/**
 * The pieces of `<parley-chat>`'s panel that are plain templates of what the element decided:
 * the header (Back, title, status, Close) and the connection banner with its reason.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { DisconnectReason } from '../../core/protocol.js';
import { backIcon, closeIcon } from '../shared/icons.js';
import type { ConnectionNotice } from './connection-notice.js';
import type { ParleyMessages } from '../../i18n/index.js';

/** What the header shows and can do. */
export interface HeaderView {
  heading: string;
  /** The open conversation's title, already made safe to show (`displayName`). */
  title: string;
  status: string;
  /** A Back button to the conversation list (the narrow layout's thread screen). */
  onBack?: () => void;
  /** A Close button (launcher mode). */
  onClose?: () => void;
  /** The words of the buttons' names. */
  messages: ParleyMessages;
}

/** The header: Back (when the list is a screen of its own), title, status, Close. */
export function renderHeader(v: HeaderView): TemplateResult {
  const back = v.messages.t('chat.backToList');
  const close = v.messages.t('chat.closeChat');
  const full = v.title ? `${v.heading} · ${v.title}` : v.heading;
  return html`<header part="header">
    ${v.onBack ? html`<button type="button" class="icon-button back" part="back-button" aria-label=${back}
      title=${back} @click=${v.onBack}>${backIcon}</button>` : nothing}
    <h2 title=${full}>${v.heading}${v.title ? html` · <bdi>${v.title}</bdi>` : nothing}</h2>
    <span class="status" role="status">${v.status}</span>
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
