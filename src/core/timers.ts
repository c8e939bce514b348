/**
 * A Scheduler that remembers every timer it started, so one call clears them all.
 */
import type { Scheduler } from './connection-terms.js';

/** The platform's timer functions (injectable for tests). */
export interface TimerFunctions {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  now(): number;
}

/** The global timers. */
export const globalTimers: TimerFunctions = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as number),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (h) => globalThis.clearInterval(h as number),
  now: () => Date.now(),
};

/** A scheduler whose live timers can be counted and cleared together. */
export class OwnedScheduler implements Scheduler {
  private next = 1;
  private readonly live = new Map<number, { handle: unknown; interval: boolean }>();

  constructor(private readonly timers: TimerFunctions = globalTimers) {}

  setTimeout(fn: () => void, ms: number): number {
    const id = this.next++;
    const handle = this.timers.setTimeout(() => { this.live.delete(id); fn(); }, ms);
    this.live.set(id, { handle, interval: false });
    return id;
  }

  clearTimeout(id: number): void {
    const t = this.live.get(id);
    if (!t) return;
    this.live.delete(id);
    this.timers.clearTimeout(t.handle);
  }

  setInterval(fn: () => void, ms: number): number {
    const id = this.next++;
    this.live.set(id, { handle: this.timers.setInterval(fn, ms), interval: true });
    return id;
  }

  clearInterval(id: number): void {
    const t = this.live.get(id);
    if (!t) return;
    this.live.delete(id);
    this.timers.clearInterval(t.handle);
  }

  now(): number {
    return this.timers.now();
  }

  /** How many timers are still armed. */
  get size(): number {
    return this.live.size;
  }

  /** Clear every timer. */
  clearAll(): void {
    for (const [id, t] of [...this.live]) {
      this.live.delete(id);
      if (t.interval) this.timers.clearInterval(t.handle);
      else this.timers.clearTimeout(t.handle);
    }
  }
}
