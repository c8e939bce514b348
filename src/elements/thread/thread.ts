import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import '@lit-labs/virtualizer';
import { ParleyError, messageOf } from '../../core/errors.js';
import type { Message } from '../../core/model.js';
import { isUnconfirmed } from '../../core/state.js';
import type { ChatState } from '../../core/store.js';
import { chatContext } from '../../lit/context.js';
import type { ChatSession } from '../../lit/session.js';
import { ParleyErrorEvent } from '../../lit/events.js';
import { StoreController } from '../../lit/store-controller.js';
import { LocaleController } from '../../lit/locale-controller.js';
import type { ParleyMessages, Strings } from '../../i18n/index.js';
import { tokens } from '../shared/tokens.styles.js';
import { formatDay, prepareFormats } from '../shared/format.js';
import { arrivedFromOthers, RowBuilder, type Row } from './rows.js';
import { BODY_LIMIT, renderMessage, type MessageActions } from './message-view.js';
import { OwnActions } from './own-actions.js';
import { threadStyles } from './thread.styles.js';

interface ThreadSlice {
  conversationId?: string;
  messages?: readonly Message[];
  hasMore: boolean;
  loading: boolean;
}

const sameSlice = (a: ThreadSlice, b: ThreadSlice) =>
  a.conversationId === b.conversationId && a.messages === b.messages && a.hasMore === b.hasMore && a.loading === b.loading;

/** A row's key; the virtualizer can ask for one past the end of a list that just got shorter. */
function rowKey(row: Row | undefined, index: number): unknown {
  return row ? row.key : `gone:${index}`;
}

// The virtualizer imports its layout on first render, a round trip later: ask for it now, while the
// connection handshakes (a chunk of its own, 3 KiB that a page without a thread never loads).
import('@lit-labs/virtualizer/layouts/flow.js').catch(() => undefined);

/** How close to the end a scroller may be and still count as at the bottom, px. */
const STILL_AT_BOTTOM_PX = 4;

/**
 * @summary The message thread of the open conversation: virtualized, grouped by sender and day,
 * with delivery states, edited and deleted marks and attachments. Scrolling to the top loads older messages.
 *
 * @tagname parley-thread
 * @attr locale - BCP 47 locale of its strings, times and dates; inside `<parley-chat>`, the chat's.
 * @csspart message - Each message (also `message-mine` / `message-theirs`); carries `data-message-id`, `data-sender-id`, `data-status`, `data-deleted`, `data-edited`.
 * @csspart system-message - An activity line (joined, resolved ...).
 * @csspart bubble - The message bubble.
 * @csspart sender - Sender name and avatar above a group.
 * @csspart avatar - A sender's avatar.
 * @csspart meta - Time, edited mark and delivery state.
 * @csspart time - A message's time (a `<time datetime>`).
 * @csspart status - The delivery state icon of my messages.
 * @csspart attachment - An attachment (image or file).
 * @csspart upload-progress - A send of mine with files: how much has gone up (a `<progress>`).
 * @csspart failed - The "not sent" notice with retry and discard.
 * @csspart retry - The retry button of a failed message.
 * @csspart discard - The discard button of a failed message.
 * @csspart reply-mark - Marks a reply / comment.
 * @csspart day - A day separator.
 * @csspart show-more - Shows more of a message too long to show whole at first.
 * @csspart new-messages - The "N new messages" button that shows while scrolled up when messages from others arrive; it scrolls to the newest.
 * @csspart more-actions - The "More actions" button beside my messages, where the backend lets me edit or delete them.
 * @csspart actions-menu - The menu it opens (`role="menu"`).
 * @csspart action-edit - Its "Edit" item.
 * @csspart action-delete - Its "Delete" item.
 * @csspart edit-input - The text box of a message being edited (Enter saves, Escape cancels).
 * @csspart edit-save - Saves the edit.
 * @csspart edit-cancel - Cancels the edit.
 * @csspart delete-confirm - "Delete this message for everyone?", with its buttons.
 * @csspart delete-ok - Confirms the delete.
 * @csspart delete-cancel - Keeps the message.
 * @csspart change-failed - An edit or delete the backend refused (the message shows as it was), with retry and dismiss.
 * @csspart change-retry - Tries the refused edit or delete again.
 * @csspart change-dismiss - Hides the refusal.
 * @csspart empty - Says there is no conversation yet.
 * @csspart post - A post's extras (Spaces): its label and title (`kind-title`).
 * @csspart task - A task's extras (Spaces): label, title (`kind-title`), `task-status`, `task-assignees`, `task-due`.
 * @csspart kind-title - The title of a post or a task.
 * @csspart task-status - A task's state (open, done).
 * @csspart task-assignees - Whom a task is assigned to.
 * @csspart task-due - A task's due date.
 * @csspart comment-of - What a comment is on (a post or a task).
 * @fires parley-error - A message could not be shown (the rest of the thread still renders).
 * @fires parley-edit - I saved an edit of my message (`conversationId`, `messageId`, `text`); cancelable, before it goes to the backend.
 * @fires parley-delete - I confirmed deleting my message (`conversationId`, `messageId`); cancelable, before it goes to the backend.
 * @cssprop --parley-bubble-background - Background of others' bubbles.
 * @cssprop --parley-bubble-mine-background - Background of my bubbles.
 * @cssprop --parley-bubble-mine-foreground - Text colour of my bubbles.
 * @cssprop --parley-radius - Bubble corner radius.
 */
export class ParleyThread extends LitElement {
  static override styles = [tokens, threadStyles];

  private readonly slice = new StoreController<ThreadSlice>(this, () => this.session?.store, (s) => this.select(s), sameSlice, { hasMore: true, loading: false });
  private rows: Row[] = [];
  private readonly rowBuilder = new RowBuilder();
  private rowsFor?: readonly Message[];
  private atBottom = true;
  private anchorKey?: string;
  /** The scroller's position at its last scroll event, and whether that scroll went up. */
  private lastTop = 0;
  private scrolledUp = false;
  /** A row to frame on the next render, once: a pin passed on every render would fight the user's scrolling. */
  private pendingPin?: { index: number; block: 'start' | 'end' };

  /** Messages from others that arrived below while scrolled up, not yet scrolled to. */
  @state() private unseen = 0;

  /** The session to read; provided by `<parley-chat>` through context, or set directly. */
  @consume({ context: chatContext, subscribe: true })
  @property({ attribute: false })
  session?: ChatSession;

  /** Show this conversation instead of the session's open one. */
  @property() conversation?: string;

  /** Locale of its strings, times and dates (BCP 47); inside `<parley-chat>` it follows the chat's. Defaults to English strings and the page's times. */
  @property() locale?: string;

  /** A site's own strings over the catalog's (see `<parley-chat>`'s `strings`). */
  @property({ attribute: false }) strings?: Strings;

  /** Other words: every row renders again (the virtualizer does so only for a new list). */
  private readonly i18n = new LocaleController(this, (m) => {
    this.refreshRows();
    prepareFormats(m.locale);
  });

  /** How many characters of a long message show, by message id, once "Show more" was asked. */
  private readonly shown = new Map<string, number>();
  /** Messages whose template failed, each reported once. */
  private readonly broken = new Set<string>();

  /** Edit and delete of my own messages, where the backend allows them. */
  private readonly own = new OwnActions(this);

  /** The words the thread speaks in now (its locale's catalog, the site's strings over it). */
  get words(): ParleyMessages {
    return this.i18n.value;
  }

  private readonly actions: MessageActions = {
    retry: (m) => { if (m.clientRef) this.session?.retry(m.conversationId, m.clientRef); },
    discard: (m) => { if (m.clientRef) this.session?.discard(m.conversationId, m.clientRef); },
    expand: (m) => {
      this.shown.set(m.id, (this.shown.get(m.id) ?? BODY_LIMIT) * 2);
      this.refreshRows();
    },
  };

  /** Render the rows again: the virtualizer renders its rows again only for a new list. */
  refreshRows(): void {
    this.rows = [...this.rows];
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // In a task of its own while the connection handshakes, not on the first paint of the history.
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, opts: { timeout: number }) => number }).requestIdleCallback;
    const prepare = () => prepareFormats(this.i18n.value.locale);
    if (idle) idle(prepare, { timeout: 100 });
    else setTimeout(prepare, 0);
  }

  private select(s: ChatState): ThreadSlice {
    const conversationId = this.conversation ?? s.activeConversation;
    const h = conversationId ? s.history.get(conversationId) : undefined;
    return { conversationId, messages: conversationId ? s.messages.get(conversationId) : undefined, hasMore: h?.hasMore ?? true, loading: h?.loading ?? false };
  }

  private handleVisibility(e: Event): void {
    const { first, last } = e as unknown as { first: number; last: number };
    if (last >= this.rows.length - 1) {
      this.atBottom = true;
      this.unseen = 0;
    }
    const { conversationId, hasMore, loading } = this.slice.value;
    if (first <= 0 && hasMore && !loading && conversationId && this.rows.length > 0) {
      // Anchor on the first visible message (not a day separator, whose key survives a prepend);
      // at the bottom (a short thread) the bottom pin holds the view, and a stale anchor would
      // later pull it up to where it was set.
      this.anchorKey = this.atBottom ? undefined : this.rows.slice(Math.max(0, first)).find((r) => r.kind === 'message')?.key;
      void this.session?.loadOlder(conversationId);
    }
  }

  private handleScroll(e: Event): void {
    // Runs before the virtualizer's own scroll handler (this listener was added first), so when
    // it reports `unpinned` for this scroll, `scrolledUp` says which way the scroll went.
    const top = (e.currentTarget as HTMLElement).scrollTop;
    this.scrolledUp = top < this.lastTop;
    this.lastTop = top;
    if (this.scrolledUp) requestAnimationFrame(() => { this.scrolledUp = false; });
  }

  private handleUnpinned(): void {
    // The virtualizer reports any scroll it did not make, and drops its pin: a user's scroll, but
    // also a late report of its own correction, or a scroll of the page around it. Only a scroll
    // up, away from the end, is the user leaving the bottom. Anything else, even when a row that
    // has just arrived or grown has not been scrolled to yet, keeps the thread following the
    // bottom, pinned again there. A scroll up that stays within the slack of the end (a
    // scroller the browser clamped, the first pixels of a slow drag) leaves things as they are.
    const scroller = this.renderRoot.querySelector<HTMLElement>('lit-virtualizer');
    const scrolledUp = this.scrolledUp;
    this.scrolledUp = false;
    if (scroller && this.atBottom) {
      const atEnd = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= STILL_AT_BOTTOM_PX;
      if (atEnd && scrolledUp) return;
      if (!scrolledUp) {
        this.pin(this.rows.length - 1, 'end');
        return;
      }
    }
    this.atBottom = false;
    this.anchorKey = undefined;
    this.pendingPin = undefined;
  }

  private handleNewMessages(): void {
    this.scrollToBottom();
    // The button goes away: the focus moves to the messages it led to, not to the page's body.
    this.renderRoot.querySelector<HTMLElement>('lit-virtualizer')?.focus({ preventScroll: true });
  }

  override willUpdate(changed: PropertyValues): void {
    const messages = this.slice.value.messages ?? [];
    if (changed.has('conversation')) {
      this.atBottom = true;
      this.unseen = 0;
    }
    if (messages === this.rowsFor) return;
    const prevLastKey = this.rows.at(-1)?.key;
    const prevCount = this.rows.length;
    this.rows = this.rowBuilder.update(messages);
    this.rowsFor = messages;
    if (!this.atBottom) this.unseen += arrivedFromOthers(this.rows, prevLastKey);
    const last = this.rows.length - 1;
    if (this.anchorKey && !this.atBottom) {
      // Older messages were prepended: keep what the user was looking at in place.
      const index = this.rows.findIndex((r) => r.key === this.anchorKey);
      const moved = index > 0 && this.rows.slice(0, index).some((r) => r.kind === 'message');
      if (moved) {
        this.anchorKey = undefined;
        this.pendingPin = { index, block: 'start' };
        return;
      }
    }
    // A message I just wrote brings the thread back to the bottom, wherever it was scrolled to.
    const lastRow = this.rows[last];
    if (!this.atBottom && lastRow?.kind === 'message' && lastRow.key !== prevLastKey && isUnconfirmed(lastRow.message)) {
      this.atBottom = true;
      this.anchorKey = undefined;
      this.unseen = 0;
    }
    // Following the bottom: a new last row keeps it there, and so do rows inserted above (a
    // catch-up filling in while live), which would otherwise push the end out of view.
    if (this.atBottom && last >= 0 && (this.rows[last]?.key !== prevLastKey || this.rows.length !== prevCount)) {
      this.pendingPin = { index: last, block: 'end' };
    }
  }

  /** Scroll to the newest message, and stay there as messages arrive. */
  scrollToBottom(): void {
    this.atBottom = true;
    this.unseen = 0;
    this.anchorKey = undefined;
    this.pin(this.rows.length - 1, 'end');
  }

  /** Scroll to the oldest loaded message (which loads older ones, if any). */
  scrollToTop(): void {
    this.atBottom = false;
    this.anchorKey = undefined;
    this.pin(0, 'start');
  }

  /** Frame a row declaratively: an imperative scroll would lose against a pin still in force. */
  private pin(index: number, block: 'start' | 'end'): void {
    if (index < 0) return;
    this.pendingPin = { index, block };
    this.requestUpdate();
  }

  private takeLayout(): { pin?: { index: number; block: 'start' | 'end' } } {
    const pin = this.pendingPin;
    this.pendingPin = undefined;
    return pin ? { pin } : {};
  }

  private renderRow = (row: Row | undefined): unknown => {
    // The virtualizer may still lay out a range of a longer list (the cache cut back to one page).
    if (!row) return nothing;
    if (row.kind === 'day') {
      return html`<div class="row day" part="day" role="separator">${formatDay(row.at, this.i18n.value.locale, undefined, this.i18n.value.textLocale)}</div>`;
    }
    return html`<div class="row">${this.messageOrNotice(row.message, row.groupStart, row.groupEnd)}</div>`;
  };

  /** One message's template; one that fails shows a notice in its place, and the rest of the thread renders on. */
  private messageOrNotice(m: Message, groupStart: boolean, groupEnd: boolean): TemplateResult {
    try {
      const own = this.own.view(m);
      return renderMessage(own?.shown ?? m, { groupStart, groupEnd, messages: this.i18n.value, actions: this.actions, shown: this.shown.get(m.id), own });
    } catch (err) {
      if (!this.broken.has(m.id)) {
        this.broken.add(m.id);
        this.dispatchEvent(new ParleyErrorEvent(new ParleyError('decode', `message ${m.id} could not be shown: ${messageOf(err)}`, { cause: err })));
      }
      return html`<div part="message" class="message broken" data-message-id=${m.id} data-status=${m.status}>${this.i18n.t('thread.broken')}</div>`;
    }
  }

  override render() {
    const { conversationId, loading } = this.slice.value;
    if (!conversationId) return html`<div class="empty" part="empty">${this.i18n.t('thread.noConversation')}</div>`;
    return html`
      ${loading ? html`<div class="loading-older" role="status">${this.i18n.t('thread.loadingOlder')}</div>` : nothing}
      <lit-virtualizer scroller role="log" aria-label=${this.i18n.t('thread.label')} aria-live="polite" tabindex="0"
        .items=${this.rows}
        .keyFunction=${rowKey}
        .renderItem=${this.renderRow}
        .layout=${this.takeLayout()}
        @scroll=${this.handleScroll}
        @visibilityChanged=${this.handleVisibility}
        @unpinned=${this.handleUnpinned}></lit-virtualizer>
      <div class="new-messages" role="status">${this.unseen > 0
        ? html`<button type="button" part="new-messages" @click=${this.handleNewMessages}>${this.i18n.t('thread.newMessages', { count: this.unseen })}</button>` : nothing}</div>`;
  }
}
