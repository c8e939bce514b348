import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { Conversation, Message } from '../../core/model.js';
import type { ChatState } from '../../core/store.js';
import { chatContext } from '../../lit/context.js';
import { ParleyConversationSelectEvent } from '../../lit/events.js';
import type { ChatSession } from '../../lit/session.js';
import { StoreController } from '../../lit/store-controller.js';
import { tokens } from '../shared/tokens.styles.js';
import { formatListTime } from '../shared/format.js';
import { previewText } from '../shared/preview.js';

interface Item {
  conversation: Conversation;
  last?: Message;
}

interface ListSlice {
  conversations: ReadonlyMap<string, Conversation>;
  messages: ReadonlyMap<string, readonly Message[]>;
  active?: string;
}

const sameSlice = (a: ListSlice, b: ListSlice) => a.conversations === b.conversations && a.active === b.active
  && (a.messages === b.messages || [...a.conversations.keys()].every((id) => a.messages.get(id)?.at(-1) === b.messages.get(id)?.at(-1)));

/** Conversations sorted by activity (pinned first, hidden left out). */
export function sortConversations(s: Pick<ChatState, 'conversations' | 'messages'>): Item[] {
  const items: Item[] = [];
  for (const c of s.conversations.values()) {
    if (c.hidden) continue;
    const list = s.messages.get(c.id);
    items.push({ conversation: c, last: list?.at(-1) });
  }
  const activity = (i: Item) => Math.max(i.conversation.lastActivityAt ?? 0, i.last?.createdAt ?? 0);
  return items.sort((a, b) => Number(!!b.conversation.pinned) - Number(!!a.conversation.pinned) || activity(b) - activity(a));
}

/**
 * @summary The user's conversations: title, last message, time and unread count, most recent first.
 *
 * @tagname parley-conversation-list
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
    :host { display: block; overflow-y: auto; background: var(--_bg); }
    ul { list-style: none; margin: 0; padding: 0; }
    button {
      display: grid; grid-template-columns: 1fr auto; gap: 2px 8px; width: 100%; text-align: start;
      background: none; border: none; border-block-end: 1px solid var(--_border); padding: 10px 12px; cursor: pointer;
    }
    button[aria-current='true'] { background: var(--_bubble); }
    .title { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .preview { color: var(--_muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 0.9em; }
    .time { color: var(--_muted); font-size: 0.8em; }
    .badge { justify-self: end; min-width: 1.6em; padding: 0 6px; border-radius: 999px; background: var(--_accent); color: var(--_accent-fg); font-size: 0.75em; text-align: center; line-height: 1.6em; }
    .empty { padding: 16px; color: var(--_muted); }
  `];

  private readonly slice = new StoreController<ListSlice>(this, () => this.session?.store,
    (s) => ({ conversations: s.conversations, messages: s.messages, active: s.activeConversation }), sameSlice,
    { conversations: new Map(), messages: new Map() });
  private sorted: Item[] = [];
  private sortedFor?: ListSlice;

  /** The session to read; provided by `<parley-chat>` through context, or set directly. */
  @consume({ context: chatContext, subscribe: true })
  @property({ attribute: false })
  session?: ChatSession;

  /** Locale for times. */
  @property() locale?: string;

  private select(id: string): void {
    this.session?.open(id);
    const event = new ParleyConversationSelectEvent(id);
    this.dispatchEvent(event);
  }

  override willUpdate(): void {
    if (this.sortedFor !== this.slice.value) {
      this.sorted = sortConversations(this.slice.value);
      this.sortedFor = this.slice.value;
    }
  }

  override render() {
    if (this.sorted.length === 0) return html`<p class="empty">No conversations yet.</p>`;
    const active = this.slice.value.active;
    return html`<ul aria-label="Conversations">${this.sorted.map(({ conversation: c, last }) => {
      const unread = c.unreadCount ?? 0;
      const when = Math.max(c.lastActivityAt ?? 0, last?.createdAt ?? 0);
      const preview = last ? previewText(last) : '';
      return html`<li><button type="button" part="conversation" data-conversation-id=${c.id}
          aria-current=${c.id === active ? 'true' : 'false'} @click=${() => this.select(c.id)}>
        <span class="title" part="title">${c.title ?? `Conversation ${c.id}`}</span>
        <span class="time" part="time">${when ? formatListTime(when, this.locale) : ''}</span>
        <span class="preview" part="preview">${preview}</span>
        ${unread > 0 ? html`<span class="badge" part="unread-count" aria-label=${`${unread} unread`}>${unread}</span>` : nothing}
      </button></li>`;
    })}</ul>`;
  }
}
