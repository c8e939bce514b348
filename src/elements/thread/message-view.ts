/**
 * The template of one message: body (plain text escaped by Lit; HTML only through the sanitizer),
 * attachments with checked URLs, delivery state, edited and deleted marks, retry for failures.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { Attachment, Message } from '../../core/model.js';
import { safeUrl } from '../../lit/sanitize.js';
import { displayName, formatSize, formatTime, initials, isoTime, safeDecode } from '../shared/format.js';
import { alertIcon, clipIcon, clockIcon, doubleTickIcon, tickIcon } from '../shared/icons.js';
import { shortenRunsIn, withShortRuns } from './long-runs.js';
import { renderKindExtras } from './message-kinds.js';
import { hasMarkdown, linkified } from './plain-text.js';
import type { OwnView } from './own-actions.js';
import { isRichTextLoaded, renderRichText, richTextOr, type RichMarkup } from './rich-text.js';
import type { ParleyMessages } from '../../i18n/index.js';

/** What a message row can ask of its thread. */
export interface MessageActions {
  retry(m: Message): void;
  discard(m: Message): void;
  /** Show more of a body longer than it shows now. */
  expand(m: Message): void;
}

/**
 * How much of a body shows at first, in characters; each "Show more" doubles it. What lies beyond
 * is never parsed, sanitized or laid out, so one huge message cannot freeze the page.
 */
export const BODY_LIMIT = 20_000;

/** The first `limit` characters of `text`, not splitting a surrogate pair. */
function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const code = text.charCodeAt(limit - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}

/** Markup from `make`, or the source as plain text if making it failed (the failure stays in this message). */
function markupOr(source: string, make: () => DocumentFragment): DocumentFragment | string {
  try { return make(); } catch { return source; }
}

const STATUS_ICON = {
  pending: clockIcon, sent: tickIcon, delivered: doubleTickIcon, read: doubleTickIcon, failed: alertIcon,
} as const;

function body(m: Message, shown: number, actions: MessageActions, words: ParleyMessages): TemplateResult | typeof nothing {
  if (m.deleted) return html`<p class="text deleted-text">${words.t('thread.deleted')}</p>`;
  if (!m.text) return nothing;
  const text = cut(m.text, shown);
  const more = text.length < m.text.length
    ? html`<button type="button" class="show-more" part="show-more" @click=${() => actions.expand(m)}>${words.t('thread.showMore')}</button>` : nothing;
  // Long runs without a space are split into short text nodes, which Chromium lays out quickly (long-runs.ts).
  // Markdown with no Markdown in it (most chat messages) shows as plain text: nothing to load.
  if (m.markup === 'html' || (m.markup === 'markdown' && hasMarkdown(text))) {
    const markup: RichMarkup = m.markup;
    // The sanitizer (and the Markdown renderer) load on first use: until then the body is plain text (rich-text.ts).
    return html`<div class="text rich" dir="auto">${guard([text, markup, isRichTextLoaded(markup)], () => richTextOr(text, markup,
      () => markupOr(text, () => shortenRunsIn(renderRichText(text, markup))), withShortRuns))}</div>${more}`;
  }
  // Plain text (and Markdown without any) gets its bare URLs as links; code and LaTeX stay as written.
  const linked = m.markup === 'plain' || m.markup === 'markdown';
  return html`<p class="text" dir="auto">${guard([text, linked], () => (linked ? linkified(text) : withShortRuns(text)))}</p>${more}`;
}

function attachment(a: Attachment, words: ParleyMessages): TemplateResult {
  const url = safeUrl(a.url);
  const thumb = safeUrl(a.thumbnailUrl) ?? (a.kind === 'image' || a.mime?.startsWith('image/') ? url : undefined);
  const name = a.name || (url ? safeDecode(new URL(url).pathname.split('/').pop() || '') : '') || words.t('thread.attachment');
  const size = formatSize(a.size, words.textLocale);
  const label = html`<span class="file-name">${guard([name], () => withShortRuns(name))}</span>${size ? html` <span class="file-size">${size}</span>` : nothing}`;
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
export function renderMessage(m: Message, opts: { groupStart: boolean; groupEnd: boolean; messages: ParleyMessages; actions: MessageActions; shown?: number; own?: OwnView }): TemplateResult {
  const words = opts.messages;
  const locale = words.locale;
  const mine = m.sender?.role === 'self';
  if (m.kind === 'system') {
    return html`<div part="message system-message" class="system" data-message-id=${m.id} data-sender-id=${m.sender?.id ?? ''}
      data-status=${m.status} ?data-deleted=${m.deleted} ?data-edited=${m.edited} dir="auto">${cut(m.text, opts.shown ?? BODY_LIMIT)}</div>`;
  }
  const name = displayName(m.sender?.name, words.t(mine ? 'thread.you' : 'thread.unknownSender'));
  const time = formatTime(m.createdAt, locale);
  const status = words.t(`thread.status.${m.status}`);
  const own = opts.own;
  const bubble = html`<div class="bubble ${own?.editor ? 'editing' : ''}" part="bubble">
      ${m.threadParentId ? html`<div class="reply-mark" part="reply-mark">${words.t('thread.reply')}</div>` : nothing}
      ${renderKindExtras(m, words)}
      ${own?.editor ?? body(m, opts.shown ?? BODY_LIMIT, opts.actions, words)}
      ${m.deleted ? nothing : m.attachments.map((a) => attachment(a, words))}
      ${m.upload && m.status === 'pending' ? html`<progress class="upload" part="upload-progress" max="100"
        value=${Math.round(m.upload.sent * 100)} aria-label=${words.t('thread.uploading')}></progress>` : nothing}
    </div>`;
  return html`<div part="message ${mine ? 'message-mine' : 'message-theirs'}" role="article"
      class="message ${mine ? 'mine' : 'theirs'} ${opts.groupStart ? 'group-start' : ''} ${opts.groupEnd ? 'group-end' : ''} ${m.streaming ? 'streaming' : ''}"
      aria-label=${words.t('thread.messageLabel', { name, time })}
      data-message-id=${m.id} data-sender-id=${m.sender?.id ?? ''} data-status=${m.status}
      ?data-deleted=${m.deleted} ?data-edited=${m.edited}>
    ${!mine && opts.groupStart ? html`<div class="sender" part="sender">${avatar(m)}<bdi class="sender-name">${name}</bdi></div>` : nothing}
    ${own?.trigger ? html`<div class="bubble-row">${own.trigger}${bubble}</div>` : bubble}
    <div class="meta" part="meta">
      <time part="time" datetime=${isoTime(m.createdAt)}>${time}</time>
      ${m.edited && !m.deleted ? html`<span class="edited">${words.t('thread.edited')}</span>` : nothing}
      ${mine ? html`<span class="status status-${m.status}" part="status" role="img" aria-label=${status} title=${status}>${STATUS_ICON[m.status]}</span>` : nothing}
    </div>
    ${m.status === 'failed' ? html`<div class="failed" part="failed" role="alert">
        <span>${m.error ? guard([m.error, words], () => withShortRuns(words.t('thread.notSentBecause', { error: m.error! }))) : words.t('thread.notSent')}</span>
        <button type="button" part="retry" @click=${() => opts.actions.retry(m)}>${words.t('thread.retry')}</button>
        <button type="button" part="discard" @click=${() => opts.actions.discard(m)}>${words.t('thread.discard')}</button>
      </div>` : nothing}
    ${own?.tools ?? nothing}
  </div>`;
}
