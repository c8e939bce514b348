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

export const replyTo = (text: string): string => `You said: “${text}”`;
export const MARKDOWN_REPLY = '**Sure.** Here is _Markdown_:\n\n- one\n- two\n\n`code` and [a link](https://virola.io)';
export const HTML_REPLY = '<p><b>Sure.</b> Here is <i>HTML</i>.</p>';
export const THREAD_ANSWER = 'Good question: answering in the thread.';
export const noted = (text: string): string => `Noted: “${text}”`;

export class Correspondent implements MessageListener {
  enabled = true;
  private readonly timers = new Map<NodeJS.Timeout, (alive: boolean) => void>();
  private readonly queues = new Map<number, Promise<void>>();
  private generation = 0;

  constructor(private readonly store: VirolaStore, private readonly actions: VirolaActions, private readonly delayMs: number) {}

  messageWritten(m: Message): void {
    if (m.userId === VERA.id || !this.store.rooms.get(m.roomId)?.members.has(VERA.id)) return;
    if (m.parentMessageId) this.enqueue(m.roomId, (alive) => this.onComment(m, alive));
    else this.enqueue(m.roomId, (alive) => this.onMessage(m, alive));
  }

  /** Stops every pending step; queued work is dropped. */
  cancel(): void {
    this.generation++;
    for (const [timer, resolve] of this.timers) {
      clearTimeout(timer);
      resolve(false);
    }
    this.timers.clear();
    this.queues.clear();
  }

  reset(): void {
    this.cancel();
    this.enabled = true;
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (!enabled) this.cancel();
  }

  get pendingTimers(): number {
    return this.timers.size;
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

  /** Runs `step` after the room's previous steps; `alive()` waits one delay and says whether to go on. */
  private enqueue(roomId: number, step: (alive: () => Promise<boolean>) => Promise<void>): void {
    if (!this.enabled) return;
    const generation = this.generation;
    const alive = async (): Promise<boolean> => {
      const ok = await this.sleep(this.delayMs);
      return ok && generation === this.generation && this.enabled && this.store.rooms.has(roomId);
    };
    const previous = this.queues.get(roomId) ?? Promise.resolve();
    const next = previous.then(() => (generation === this.generation ? step(alive) : undefined));
    const tracked = next.catch((error: unknown) => console.error('[demo] virola correspondent failed', error));
    this.queues.set(roomId, tracked);
    void tracked.then(() => {
      if (this.queues.get(roomId) === tracked) this.queues.delete(roomId);
    });
  }

  private sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve(true);
      }, ms);
      this.timers.set(timer, resolve);
    });
  }
}
