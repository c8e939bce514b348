/**
 * Vera, the scripted correspondent. Per room, one step at a time (a queue, so the script is
 * deterministic), for each message someone else writes in a room she is in:
 *
 * - a top-level message: she reads it, then answers. The answer is Markdown when the text mentions
 *   "markdown", HTML when it mentions "html", plain `You said: “…”` otherwise. A question (text
 *   ending in `?`) also gets a comment under it, in the same `TextMessagesCreated` batch. When the
 *   text mentions "vanish" she deletes her answer a step later.
 * - a comment: she reads it and comments under the same parent: `Noted: “…”`.
 *
 * Every timer is cancelled by `cancel()`.
 */
import type { Draft, MessageListener, VirolaActions } from './actions.js';
import { VERA, type Message, type VirolaStore } from './store.js';
import { Timeline } from '../shared/timeline.js';

export const replyTo = (text: string): string => `You said: “${text}”`;
export const MARKDOWN_REPLY = '**Sure.** Here is _Markdown_:\n\n- one\n- two\n\n`code` and [a link](https://virola.io)';
export const HTML_REPLY = '<p><b>Sure.</b> Here is <i>HTML</i>.</p>';
export const THREAD_ANSWER = 'Good question: answering in the thread.';
export const noted = (text: string): string => `Noted: “${text}”`;

export class Correspondent extends Timeline<number> implements MessageListener {
  constructor(private readonly store: VirolaStore, private readonly actions: VirolaActions, delayMs: number) {
    super(delayMs, '[demo] virola correspondent failed');
  }

  messageWritten(m: Message): void {
    if (m.userId === VERA.id || !this.store.rooms.get(m.roomId)?.members.has(VERA.id)) return;
    if (m.parentMessageId) this.enqueue(m.roomId, (alive) => this.onComment(m, alive));
    else this.enqueue(m.roomId, (alive) => this.onMessage(m, alive));
  }

  private async onMessage(m: Message, alive: () => Promise<boolean>): Promise<void> {
    if (!(await alive()) || !this.store.messages.has(m.messageId)) return;
    this.actions.read(m, VERA.id);
    if (!(await alive())) return;
    const lower = m.text.toLowerCase();
    const answer: Draft = lower.includes('markdown') ? { roomId: m.roomId, userId: VERA.id, text: MARKDOWN_REPLY, markupType: 'TextMarkdown' }
      : lower.includes('html') ? { roomId: m.roomId, userId: VERA.id, text: HTML_REPLY, markupType: 'TextHtml' }
      : { roomId: m.roomId, userId: VERA.id, text: replyTo(m.text) };
    const drafts: Draft[] = [answer];
    if (m.text.trim().endsWith('?') && this.store.messages.has(m.messageId)) {
      drafts.push({ roomId: m.roomId, userId: VERA.id, text: THREAD_ANSWER, parentMessageId: m.messageId });
    }
    const [reply] = this.actions.write(drafts);
    if (!reply || !lower.includes('vanish')) return;
    if (!(await alive())) return;
    if (this.store.messages.has(reply.messageId)) this.actions.remove(reply);
  }

  private async onComment(c: Message, alive: () => Promise<boolean>): Promise<void> {
    if (!(await alive()) || !this.store.messages.has(c.messageId)) return;
    this.actions.read(c, VERA.id);
    if (!(await alive()) || !this.store.messages.has(c.parentMessageId)) return;
    this.actions.write([{ roomId: c.roomId, userId: VERA.id, text: noted(c.text), parentMessageId: c.parentMessageId }]);
  }

  protected exists(roomId: number): boolean {
    return this.store.rooms.has(roomId);
  }
}
