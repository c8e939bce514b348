/**
 * Cleo, the scripted correspondent. Per conversation, one step at a time (a queue, so the script
 * is deterministic): greet a new conversation; for each message of someone else mark it
 * delivered, then read, type, answer quoting it (with an image when asked for a photo, a file when
 * asked for a file), stop typing. Every timer is cancelled by `cancel()`.
 */
import type { ActivityListener, ComapiActions } from './actions.js';
import { CLEO, type ComapiStore, type Conversation, type Message, type Part } from './store.js';

export const GREETING = "Hi! I'm Cleo. How can I help?";
export const replyTo = (text: string): string => `You said: “${text}”`;

export class Correspondent implements ActivityListener {
  enabled = true;
  /** Where the demo server serves its sample files (set once listening). */
  filesBase = '';
  private readonly timers = new Map<NodeJS.Timeout, (alive: boolean) => void>();
  private readonly queues = new Map<string, Promise<void>>();
  private generation = 0;

  constructor(private readonly store: ComapiStore, private readonly actions: ComapiActions, private readonly delayMs: number) {}

  conversationCreated(c: Conversation): void {
    if (!c.participants.has(CLEO.id)) return;
    this.enqueue(c.id, async (alive) => {
      if (!(await alive())) return;
      this.actions.typing(c, CLEO.id, true);
      if (!(await alive())) return;
      this.actions.say(c, CLEO.id, GREETING);
      this.actions.typing(c, CLEO.id, false);
    });
  }

  messageSent(c: Conversation, m: Message): void {
    if (!c.participants.has(CLEO.id)) return;
    const text = m.parts.filter((p) => p.type?.startsWith('text/') && p.data).map((p) => p.data).join(' ');
    this.enqueue(c.id, async (alive) => {
      if (!(await alive())) return;
      this.actions.status(c, CLEO.id, [m.id], 'delivered', this.store.now());
      if (!(await alive())) return;
      this.actions.status(c, CLEO.id, [m.id], 'read', this.store.now());
      this.actions.typing(c, CLEO.id, true);
      if (!(await alive())) return;
      this.actions.send(c, CLEO.id, this.answer(text));
      this.actions.typing(c, CLEO.id, false);
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
    this.enabled = true;
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (!enabled) this.cancel();
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  private answer(text: string): Part[] {
    const reply = replyTo(text);
    const parts: Part[] = [{ name: 'body', type: 'text/plain', data: reply, size: Buffer.byteLength(reply) }];
    if (/\b(photo|picture|image)\b/i.test(text)) parts.push({ name: 'parley.svg', type: 'image/svg+xml', url: `${this.filesBase}/files/parley.svg`, size: 402 });
    if (/\bfile\b/i.test(text)) parts.push({ name: 'notes.txt', type: 'text/plain', url: `${this.filesBase}/files/notes.txt`, size: 46 });
    return parts;
  }

  /**
   * Runs `step` after the conversation's previous steps. `alive()` waits one delay and says whether
   * the script should go on (not cancelled, still enabled, conversation still there).
   */
  private enqueue(conversationId: string, step: (alive: () => Promise<boolean>) => Promise<void>): void {
    if (!this.enabled) return;
    const generation = this.generation;
    const alive = async (): Promise<boolean> => {
      const ok = await this.sleep(this.delayMs);
      const c = this.store.conversations.get(conversationId);
      return ok && generation === this.generation && this.enabled && !!c && !c.deleted;
    };
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const next = previous.then(() => (generation === this.generation ? step(alive) : undefined));
    const tracked = next.catch((error: unknown) => console.error('[demo] comapi correspondent failed', error));
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
