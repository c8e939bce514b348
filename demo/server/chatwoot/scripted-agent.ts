/**
 * Ada, the scripted agent. Per conversation, one step at a time (a queue, so the script is
 * deterministic): greet new conversations; for each contact message read it, type, reply quoting
 * it, stop typing, and after every third reply edit that reply. Every timer is cancelled by
 * `cancel()`.
 */
import type { ChatwootActions, ContactActivityListener } from './actions.js';
import type { ChatwootStore, Conversation, Message } from './store.js';

export const GREETING = "Hi! I'm Ada. How can I help?";
export const replyTo = (text: string): string => `You said: “${text}”`;
export const editedReply = (text: string): string => `${replyTo(text)} (edited: thanks for your patience!)`;

export class ScriptedAgent implements ContactActivityListener {
  enabled = true;
  private readonly timers = new Map<NodeJS.Timeout, (alive: boolean) => void>();
  private readonly queues = new Map<number, Promise<void>>();
  private readonly replyCounts = new Map<number, number>();
  private generation = 0;

  constructor(
    private readonly store: ChatwootStore,
    private readonly actions: ChatwootActions,
    private readonly delayMs: number,
  ) {}

  conversationCreated(conversation: Conversation): void {
    this.enqueue(conversation.id, async (alive) => {
      if (!(await alive())) return;
      this.actions.typing(conversation, 'agent', true);
      if (!(await alive())) return;
      this.actions.agentSays(conversation, GREETING);
      this.actions.typing(conversation, 'agent', false);
    });
  }

  contactMessage(conversation: Conversation, message: Message): void {
    const text = message.content;
    this.enqueue(conversation.id, async (alive) => {
      if (!(await alive())) return;
      this.actions.agentSeen(conversation);
      this.actions.typing(conversation, 'agent', true);
      if (!(await alive())) return;
      const reply = this.actions.agentSays(conversation, replyTo(text));
      this.actions.typing(conversation, 'agent', false);
      const count = (this.replyCounts.get(conversation.id) ?? 0) + 1;
      this.replyCounts.set(conversation.id, count);
      if (count % 3 !== 0) return;
      if (!(await alive())) return;
      this.actions.editMessage(reply, editedReply(text));
    });
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
    this.replyCounts.clear();
    this.enabled = true;
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (!enabled) this.cancel();
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /**
   * Runs `step` after the conversation's previous steps. `alive()` waits one delay and says whether
   * the script should go on (not cancelled, still enabled, conversation still exists).
   */
  private enqueue(conversationId: number, step: (alive: () => Promise<boolean>) => Promise<void>): void {
    if (!this.enabled) return;
    const generation = this.generation;
    const alive = async (): Promise<boolean> => {
      const ok = await this.sleep(this.delayMs);
      return ok && generation === this.generation && this.enabled && this.store.conversations.has(conversationId);
    };
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const next = previous.then(() => (generation === this.generation ? step(alive) : undefined));
    const tracked = next.catch((error: unknown) => console.error('[demo] scripted agent failed', error));
    this.queues.set(conversationId, tracked);
    void tracked.then(() => {
      if (this.queues.get(conversationId) === tracked) this.queues.delete(conversationId);
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
