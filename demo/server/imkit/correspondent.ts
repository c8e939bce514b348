/**
 * Kit, the scripted correspondent, and Kit AI. Per room, one step at a time (a queue, so the
 * script is deterministic), for each text the demo client sends: Kit reads it, types, and
 * answers quoting it; a text that mentions "recall" gets a slip that Kit then recalls; a text
 * ending in "?" also gets an answer from Kit AI, streamed in chunks and settled by the final
 * `chat message`. Every timer is cancelled by `cancel()`.
 */
import type { ImkitActions, MessageListener } from './actions.js';
import { KIT, KIT_AI, type ImkitStore, type Room, type StoredMessage } from './store.js';

export const replyTo = (text: string): string => `You said: “${text}”`;
export const SLIP = 'Oops, that was meant for another chat.';
export const aiAnswer = (text: string): string[] => [
  'Kit AI here. ', 'You asked: ', `“${text}” `, '— a fine question. ', 'The short answer: it depends, ', 'and Kit will follow up.',
];

export class Correspondent implements MessageListener {
  enabled = true;
  private readonly timers = new Map<NodeJS.Timeout, (alive: boolean) => void>();
  private readonly queues = new Map<string, Promise<void>>();
  private generation = 0;

  constructor(private readonly store: ImkitStore, private readonly actions: ImkitActions, private readonly delayMs: number) {}

  myMessage(room: Room, message: StoredMessage): void {
    if (!room.members.includes(KIT)) return;
    const text = message.message;
    this.enqueue(room._id, async (alive) => {
      if (!(await alive())) return;
      this.actions.read(room, KIT, message._id);
      this.actions.typing(room, KIT);
      if (!(await alive())) return;
      this.actions.say(room, KIT, replyTo(text));
      if (/recall/i.test(text)) {
        const slip = this.actions.say(room, KIT, SLIP);
        if (!(await alive())) return;
        this.actions.recall(room, slip);
      }
      if (text.trim().endsWith('?') && room.members.includes(KIT_AI)) {
        const stream = this.actions.startStream(room, KIT_AI, aiAnswer(text));
        while (await alive()) {
          if (this.actions.streamNext(stream)) break;
        }
      }
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

  private enqueue(roomId: string, step: (alive: () => Promise<boolean>) => Promise<void>): void {
    if (!this.enabled) return;
    const generation = this.generation;
    const alive = async (): Promise<boolean> => {
      const ok = await this.sleep(this.delayMs);
      return ok && generation === this.generation && this.enabled && this.store.rooms.has(roomId);
    };
    const previous = this.queues.get(roomId) ?? Promise.resolve();
    const next = previous.then(() => (generation === this.generation ? step(alive) : undefined));
    const tracked = next.catch((error: unknown) => console.error('[demo imkit] correspondent failed', error));
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
