/**
 * The plumbing of the demo's scripted correspondents: per key (conversation, room, space), one
 * step at a time (a queue, so the script is deterministic), each step pausing one delay between
 * actions. Every timer is cancelled by `cancel()` (and so by `reset()` and `setEnabled(false)`).
 */

/** Waits one delay and says whether the script should go on. */
export type Alive = () => Promise<boolean>;

export abstract class Timeline<K> {
  enabled = true;
  private readonly timers = new Map<NodeJS.Timeout, (alive: boolean) => void>();
  private readonly queues = new Map<K, Promise<void>>();
  private generation = 0;

  /** `failure` is logged (with the error) when a step throws. */
  protected constructor(private readonly delayMs: number, private readonly failure: string) {}

  /** Whether the key's conversation (room, space) still exists. */
  protected abstract exists(key: K): boolean;

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

  /**
   * Runs `step` after the key's previous steps. `alive()` waits one delay and says whether the
   * script should go on (not cancelled, still enabled, the key's conversation still exists).
   */
  protected enqueue(key: K, step: (alive: Alive) => Promise<void>): void {
    if (!this.enabled) return;
    const generation = this.generation;
    const alive = async (): Promise<boolean> => {
      const ok = await this.sleep(this.delayMs);
      return ok && generation === this.generation && this.enabled && this.exists(key);
    };
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(() => (generation === this.generation ? step(alive) : undefined));
    const tracked = next.catch((error: unknown) => console.error(this.failure, error));
    this.queues.set(key, tracked);
    void tracked.then(() => {
      if (this.queues.get(key) === tracked) this.queues.delete(key);
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
