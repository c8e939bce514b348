import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ref } from 'lit/directives/ref.js';
import { consume } from '@lit/context';
import type { Conversation, Message } from '../../core/model.js';
import type { ConversationRank } from '../../core/store.js';
import { chatContext } from '../../lit/context.js';
import { ParleyConversationSelectEvent } from '../../lit/events.js';
import type { ChatSession } from '../../lit/session.js';
import { StoreController } from '../../lit/store-controller.js';
import { LocaleController } from '../../lit/locale-controller.js';
import type { Strings } from '../../i18n/index.js';
import { tokens } from '../shared/tokens.styles.js';
import { displayName, formatListTime } from '../shared/format.js';
import { previewOf } from './preview-cache.js';
import { VirtualList } from '../shared/virtual-list.js';

/** What the list reads: the store keeps the order, so nothing here sorts or walks every conversation. */
interface ListSlice {
  order: readonly ConversationRank[];
  conversations: ReadonlyMap<string, Conversation>;
  messages: ReadonlyMap<string, readonly Message[]>;
  active?: string;
}

const sameSlice = (a: ListSlice, b: ListSlice) => a.order === b.order && a.conversations === b.conversations
  && a.messages === b.messages && a.active === b.active;

const rankKey = (r: ConversationRank) => r.id;

/** How many frames a keyboard jump waits for its row to be rendered. */
const FOCUS_FRAMES = 60;

/**
 * @summary The user's conversations: title, last message, time and unread count, most recent first.
 * Virtualized: only the rows in view are in the DOM, however many conversations there are. The list
 * is one Tab stop (the open conversation, or the one last focused); arrow keys, Home and End move
 * between conversations.
 *
 * @tagname parley-conversation-list
 * @attr locale - BCP 47 locale of its strings, times and numbers; inside `<parley-chat>`, the chat's.
 * @fires parley-conversation-select - The user picked a conversation (`conversationId`).
 * @csspart conversation - Each conversation; carries `data-conversation-id` and `aria-current` when open.
 * @csspart title - A conversation's title.
 * @csspart preview - The last message.
 * @csspart time - Time of the last activity.
 * @csspart unread-count - The unread badge.
 * @cssprop --parley-accent - Unread badge colour.
 */
export class ParleyConversationList extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; overflow-y: auto; overflow-x: hidden; background: var(--_bg); }
    .rows { width: 100%; box-sizing: content-box; }
    .row { width: 100%; }
    button {
      display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 2px 8px; width: 100%; box-sizing: border-box; min-height: 44px; text-align: start;
      background: none; border: none; border-block-end: 1px solid var(--_border); padding: 10px 12px; cursor: pointer;
    }
    /* Inside the scroller, so the ring is drawn within it rather than cut off by it. */
    button:focus-visible { outline-offset: -2px; }
    .rows:focus-visible { outline-offset: -2px; }
    button[aria-current='true'] { background: var(--_bubble); }
    .title { font-weight: 600; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .preview { color: var(--_muted); min-width: 0; text-align: match-parent; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 0.9em; }
    .time { color: var(--_muted); font-size: 0.8em; }
    .badge { justify-self: end; min-width: 1.6em; padding: 0 6px; border-radius: 999px; background: var(--_accent); color: var(--_accent-fg); font-size: 0.75em; text-align: center; line-height: 1.6em; }
    .empty { padding: 16px; color: var(--_muted); }
  `];

  private readonly slice = new StoreController<ListSlice>(this, () => this.session?.store,
    (s) => ({ order: s.conversationOrder, conversations: s.conversations, messages: s.messages, active: s.activeConversation }),
    sameSlice, { order: [], conversations: new Map(), messages: new Map() });
  /** The conversation holding the Tab stop, as of this render. */
  private renderTabStop?: string;
  /** Only the rows in view are in the DOM; the element itself scrolls. */
  private readonly list = new VirtualList<ConversationRank>(this, {
    key: rankKey,
    render: (rank, index) => this.row(this.slice.value, rank, index, this.renderTabStop),
    scroller: () => this,
  });

  /** The conversation last focused in the list: it keeps the list's one Tab stop. */
  @state() private roving?: string;

  /** The session to read; provided by `<parley-chat>` through context, or set directly. */
  @consume({ context: chatContext, subscribe: true })
  @property({ attribute: false })
  session?: ChatSession;

  /** Locale of its strings, times and numbers (BCP 47); inside `<parley-chat>` it follows the chat's. */
  @property() locale?: string;

  /** A site's own strings over the catalog's (see `<parley-chat>`'s `strings`). */
  @property({ attribute: false }) strings?: Strings;

  /** Other words: the rows in view render again. */
  private readonly i18n = new LocaleController(this, () => this.requestUpdate());

  /** Focus the conversation that holds the list's Tab stop (the open one, or the one last focused), scrolling it into view. */
  override focus(_options?: FocusOptions): void {
    const id = this.tabStop(this.slice.value);
    const index = id === undefined ? -1 : this.slice.value.order.findIndex((r) => r.id === id);
    if (index >= 0) void this.focusRow(index);
  }

  /** The conversation whose row is the one Tab stop: the one last focused, else the open one, else the first. */
  private tabStop(s: ListSlice): string | undefined {
    const shown = (id: string | undefined) => id !== undefined && s.conversations.has(id) && !s.conversations.get(id)?.hidden;
    if (shown(this.roving)) return this.roving;
    return shown(s.active) ? s.active : s.order[0]?.id;
  }

  private select(id: string): void {
    this.session?.open(id);
    const event = new ParleyConversationSelectEvent(id);
    this.dispatchEvent(event);
  }

  /** Arrow keys, Home and End move between conversations, scrolling rows that are not rendered yet into view. */
  private readonly handleKeydown = (e: KeyboardEvent): void => {
    const row = (e.target as HTMLElement).closest?.('[aria-posinset]');
    if (!row) return;
    const from = Number(row.getAttribute('aria-posinset')) - 1;
    const last = this.slice.value.order.length - 1;
    const to = e.key === 'ArrowDown' ? from + 1 : e.key === 'ArrowUp' ? from - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? last : undefined;
    if (to === undefined) return;
    e.preventDefault();
    void this.focusRow(Math.max(0, Math.min(last, to)));
  };

  /** A row took the focus (a click, a keyboard move, a page's script): the Tab stop follows it. */
  private readonly handleFocusIn = (e: FocusEvent): void => {
    const id = (e.target as HTMLElement).closest?.('[data-conversation-id]')?.getAttribute('data-conversation-id');
    if (id) this.roving = id;
  };

  /** The list itself took the Tab (its Tab-stop row is scrolled out of the DOM): hand it to that row. */
  private readonly handleListFocus = (e: FocusEvent): void => {
    if (e.target === e.currentTarget) this.focus();
  };

  /** Whether the row of `id` is in the range rendered (a look at those rows only). */
  private isRendered(id: string | undefined): boolean {
    const { first, last } = this.list.rendered;
    return id !== undefined && this.slice.value.order.slice(first, last + 1).some((r) => r.id === id);
  }

  /** Focus the conversation at `index` in list order, rendering it first when it is out of view. */
  private async focusRow(index: number): Promise<void> {
    const id = this.slice.value.order[index]?.id;
    if (id === undefined) return;
    this.roving = id;
    const button = () => this.renderRoot.querySelector<HTMLElement>(`[data-conversation-id="${CSS.escape(id)}"]`);
    if (!button()) this.list.scrollToIndex(index, 'nearest');
    for (let frame = 0; frame < FOCUS_FRAMES && !button(); frame++) {
      await this.updateComplete;
      if (!button()) await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    button()?.focus();
    button()?.scrollIntoView({ block: 'nearest' });
  }

  private row(s: ListSlice, rank: ConversationRank, index: number, tabStop: string | undefined) {
    const c = s.conversations.get(rank.id);
    if (!c) return html`<div class="row" role="listitem"></div>`;
    const last = s.messages.get(c.id)?.at(-1);
    const unread = c.unreadCount ?? 0;
    const when = rank.activity;
    const m = this.i18n.value;
    return html`<div class="row" role="listitem" aria-posinset=${index + 1} aria-setsize=${s.order.length}>
      <button type="button" part="conversation" data-conversation-id=${c.id} tabindex=${c.id === tabStop ? 0 : -1}
          aria-current=${c.id === s.active ? 'true' : 'false'} @click=${() => this.select(c.id)}>
        <span class="title" part="title"><bdi>${displayName(c.title, displayName(m.t('list.untitled', { id: c.id })))}</bdi></span>
        <span class="time" part="time">${when ? formatListTime(when, m.locale) : ''}</span>
        <span class="preview" part="preview" dir="auto">${last ? previewOf(last, m) : ''}</span>
        ${unread > 0 ? html`<span class="badge" part="unread-count" aria-label=${m.t('list.unread', { count: unread })}>${m.number(unread)}</span>` : nothing}
      </button></div>`;
  }

  override render() {
    const { order } = this.slice.value;
    if (order.length === 0) return html`<p class="empty">${this.i18n.t('list.empty')}</p>`;
    this.renderTabStop = this.tabStop(this.slice.value);
    const rows = this.list.rows(order);
    // Scrolled out of the DOM, the Tab-stop row cannot take the Tab: the list itself does, and hands the focus on to that row.
    const tabStopRendered = this.isRendered(this.renderTabStop);
    return html`<div class="rows" role="list" aria-label=${this.i18n.t('list.label')} tabindex=${ifDefined(tabStopRendered ? undefined : 0)}
      @keydown=${this.handleKeydown} @focusin=${this.handleFocusIn} @focus=${this.handleListFocus} ${ref(this.list.content)}>${rows}</div>`;
  }
}
