/**
 * The template of one message: body (plain text escaped by Lit; HTML only through the sanitizer),
 * attachments with checked URLs, delivery state, edited and deleted marks, retry for failures.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { Attachment, Message } from '../../core/model.js';
import { safeUrl, sanitizeHtml } from '../../lit/sanitize.js';
import { formatSize, formatTime, initials } from '../shared/format.js';
import { alertIcon, clipIcon, clockIcon, doubleTickIcon, tickIcon } from '../shared/icons.js';
import { renderMarkdown } from './markdown.js';
import { renderKindExtras } from './message-kinds.js';

/** What a message row can ask of its thread. */
export interface MessageActions {
  retry(m: Message): void;
  discard(m: Message): void;
}

const STATUS_LABEL: Record<Message['status'], string> = {
  pending: 'Sending', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Not sent',
};
const STATUS_ICON = {
  pending: clockIcon, sent: tickIcon, delivered: doubleTickIcon, read: doubleTickIcon, failed: alertIcon,
} as const;

function body(m: Message): TemplateResult | typeof nothing {
  if (m.deleted) return html`<p class="text deleted-text">This message was deleted</p>`;
  if (!m.text) return nothing;
  if (m.markup === 'html') {
    return html`<div class="text rich">${guard([m.text], () => sanitizeHtml(m.text))}</div>`;
  }
  if (m.markup === 'markdown') return html`<div class="text rich">${guard([m.text], () => renderMarkdown(m.text))}</div>`;
  return html`<p class="text">${m.text}</p>`;
}

function attachment(a: Attachment): TemplateResult {
  const url = safeUrl(a.url);
  const thumb = safeUrl(a.thumbnailUrl) ?? (a.kind === 'image' || a.mime?.startsWith('image/') ? url : undefined);
  const name = a.name || (url ? decodeURIComponent(new URL(url).pathname.split('/').pop() || '') : '') || 'attachment';
  const size = formatSize(a.size);
  const label = html`<span class="file-name">${name}</span>${size ? html` <span class="file-size">${size}</span>` : nothing}`;
  if (thumb) {
    return html`<figure class="attachment image" part="attachment">
      ${url ? html`<a href=${url} target="_blank" rel="noopener noreferrer nofollow"><img src=${thumb} alt=${name} loading="lazy" referrerpolicy="no-referrer" /></a>`
        : html`<img src=${thumb} alt=${name} loading="lazy" referrerpolicy="no-referrer" />`}
      <figcaption>${label}</figcaption></figure>`;
  }
  return html`<div class="attachment file" part="attachment">${clipIcon} ${url
    ? html`<a href=${url} target="_blank" rel="noopener noreferrer nofollow" download=${name}>${label}</a>` : label}</div>`;
}

function avatar(m: Message): TemplateResult {
  const src = safeUrl(m.sender?.avatarUrl);
  return src
    ? html`<img class="avatar" part="avatar" src=${src} alt="" referrerpolicy="no-referrer" />`
    : html`<span class="avatar initials" part="avatar" aria-hidden="true">${initials(m.sender?.name)}</span>`;
}

/** Render one message. */
export function renderMessage(m: Message, opts: { groupStart: boolean; groupEnd: boolean; locale?: string; actions: MessageActions }): TemplateResult {
  const mine = m.sender?.role === 'self';
  if (m.kind === 'system') {
    return html`<div part="message system-message" class="system" data-message-id=${m.id} data-sender-id=${m.sender?.id ?? ''}
      data-status=${m.status} ?data-deleted=${m.deleted} ?data-edited=${m.edited}>${m.text}</div>`;
  }
  const name = m.sender?.name ?? (mine ? 'You' : 'Unknown');
  return html`<div part="message ${mine ? 'message-mine' : 'message-theirs'}" role="article"
      class="message ${mine ? 'mine' : 'theirs'} ${opts.groupStart ? 'group-start' : ''} ${opts.groupEnd ? 'group-end' : ''} ${m.streaming ? 'streaming' : ''}"
      aria-label=${`${name}, ${formatTime(m.createdAt, opts.locale)}`}
      data-message-id=${m.id} data-sender-id=${m.sender?.id ?? ''} data-status=${m.status}
      ?data-deleted=${m.deleted} ?data-edited=${m.edited}>
    ${!mine && opts.groupStart ? html`<div class="sender" part="sender">${avatar(m)}<span class="sender-name">${name}</span></div>` : nothing}
    <div class="bubble" part="bubble">
      ${m.threadParentId ? html`<div class="reply-mark" part="reply-mark">↪ reply</div>` : nothing}
      ${renderKindExtras(m, opts.locale)}
      ${body(m)}
      ${m.deleted ? nothing : m.attachments.map(attachment)}
    </div>
    <div class="meta" part="meta">
      <time datetime=${new Date(m.createdAt).toISOString()}>${formatTime(m.createdAt, opts.locale)}</time>
      ${m.edited && !m.deleted ? html`<span class="edited">edited</span>` : nothing}
      ${mine ? html`<span class="status status-${m.status}" part="status" role="img" aria-label=${STATUS_LABEL[m.status]} title=${STATUS_LABEL[m.status]}>${STATUS_ICON[m.status]}</span>` : nothing}
    </div>
    ${m.status === 'failed' ? html`<div class="failed" part="failed" role="alert">
        <span>${m.error ? `Not sent: ${m.error}` : 'Not sent'}</span>
        <button type="button" part="retry" @click=${() => opts.actions.retry(m)}>Retry</button>
        <button type="button" part="discard" @click=${() => opts.actions.discard(m)}>Discard</button>
      </div>` : nothing}
  </div>`;
}
