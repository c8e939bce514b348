import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { ref } from 'lit/directives/ref.js';
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
import { VirtualList } from '../shared/virtual-list.js';

interface ThreadSlice {
  conversationId?: string;
  messages?: readonly Message[];
  hasMore: boolean;
  loading: boolean;
}

const sameSlice = (a: ThreadSlice, b: ThreadSlice) =>
  a.conversationId === b.conversationId && a.messages === b.messages && a.hasMore === b.hasMore && a.loading === b.loading;

const rowKey = (row: Row): string => row.key;

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
  private rowsOf?: string;
  /** Only the rows near the view are in the DOM; it follows the newest until the user scrolls up. */
  private readonly list = new VirtualList<Row>(this, {
    key: rowKey,
    render: (row) => this.renderRow(row),
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.scroller'),
    followEnd: true,
    onVisible: (first, last) => this.handleVisibility(first, last),
    onFollowChange: (following) => { if (following) this.unseen = 0; },
    anchorable: (row) => row.kind === 'message',
  });

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

  /** Other words: every row in the DOM renders again. */
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

  /** Render the rows in the DOM again (a row's state that is not in its message changed). */
  refreshRows(): void {
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

  /** The rows in view changed: the newest in view clears the count of new ones; the oldest in view loads older ones. */
  private handleVisibility(_first: number, last: number): void {
    if (last >= this.rows.length - 1) this.unseen = 0;
    this.loadOlderAtTop();
  }

  /** With the oldest row in view, load older messages (again after a page that still leaves it in view). */
  private loadOlderAtTop(): void {
    const { conversationId, hasMore, loading } = this.slice.value;
    if (this.list.visible.first === 0 && hasMore && !loading && conversationId && this.rows.length > 0) void this.session?.loadOlder(conversationId);
  }

  override updated(): void {
    this.loadOlderAtTop();
  }

  private handleNewMessages(): void {
    this.scrollToBottom();
    // The button goes away: the focus moves to the messages it led to, not to the page's body.
    this.renderRoot.querySelector<HTMLElement>('.scroller')?.focus({ preventScroll: true });
  }

  override willUpdate(changed: PropertyValues): void {
    const { conversationId, messages = [] } = this.slice.value;
    if (changed.has('conversation') || conversationId !== this.rowsOf) {
      this.rowsOf = conversationId;
      this.list.scrollToEnd();
      this.unseen = 0;
    }
    if (messages === this.rowsFor) return;
    const prevLastKey = this.rows.at(-1)?.key;
    this.rows = this.rowBuilder.update(messages);
    this.rowsFor = messages;
    if (this.list.followingEnd) return;
    this.unseen += arrivedFromOthers(this.rows, prevLastKey);
    // A message I just wrote brings the thread back to the bottom, wherever it was scrolled to.
    const lastRow = this.rows.at(-1);
    if (lastRow?.kind === 'message' && lastRow.key !== prevLastKey && isUnconfirmed(lastRow.message)) this.scrollToBottom();
  }

  /** Scroll to the newest message, and stay there as messages arrive. */
  scrollToBottom(): void {
    this.unseen = 0;
    this.list.scrollToEnd();
  }

  /** Scroll to the oldest loaded message (which loads older ones, if any). */
  scrollToTop(): void {
    this.list.scrollToIndex(0, 'start');
  }

  private renderRow(row: Row): unknown {
    if (row.kind === 'day') {
      return html`<div class="row day" part="day" role="separator">${formatDay(row.at, this.i18n.value.locale, undefined, this.i18n.value.textLocale)}</div>`;
    }
    return html`<div class="row">${this.messageOrNotice(row.message, row.groupStart, row.groupEnd)}</div>`;
  }

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
      <div class="scroller" role="log" aria-label=${this.i18n.t('thread.label')} aria-live="polite" tabindex="0"><div class="rows" ${ref(this.list.content)}>${this.list.rows(this.rows)}</div></div>
      <div class="new-messages" role="status">${this.unseen > 0
        ? html`<button type="button" part="new-messages" @click=${this.handleNewMessages}>${this.i18n.t('thread.newMessages', { count: this.unseen })}</button>` : nothing}</div>`;
  }
}
