/**
 * Time under the test's control: a manual clock implementing TimerFunctions (nothing runs until
 * `advance`), a manual frame scheduler for the store, and `settle()` to let promise chains finish.
 */
import type { TimerFunctions } from '../../src/core/timers.js';
import type { FrameScheduler } from '../../src/core/store.js';

interface ManualTimer {
  at: number;
  fn: () => void;
  every?: number;
}

/** Timers that fire only when the test advances the clock. */
export class ManualClock implements TimerFunctions {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, ManualTimer>();

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  setTimeout(fn: () => void, ms: number): number {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  setInterval(fn: () => void, ms: number): number {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + Math.max(1, ms), fn, every: Math.max(1, ms) });
    return id;
  }

  clearInterval(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  now(): number {
    return this.time;
  }

  /** Timers armed and not yet fired or cleared. */
  get armed(): number {
    return this.timers.size;
  }

  /** How long until each armed timer fires, soonest first. */
  delays(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.time).sort((a, b) => a - b);
  }

  /** Move time forward by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let nextId: number | undefined;
      let next: ManualTimer | undefined;
      for (const [id, t] of this.timers) {
        if (t.at <= end && (!next || t.at < next.at)) { next = t; nextId = id; }
      }
      if (!next || nextId === undefined) break;
      this.time = next.at;
      if (next.every) next.at += next.every;
      else this.timers.delete(nextId);
      next.fn();
    }
    this.time = end;
  }
}

/** A frame scheduler that runs queued callbacks only when told to. */
export class ManualFrames {
  private queue: (() => void)[] = [];
  /** Frames requested so far. */
  requested = 0;

  readonly frame: FrameScheduler = (cb) => {
    this.requested++;
    this.queue.push(cb);
  };

  /** Callbacks waiting for the next frame. */
  get pending(): number {
    return this.queue.length;
  }

  /** Run one frame. */
  run(): void {
    for (const cb of this.queue.splice(0)) cb();
  }
}

/** A frame scheduler that notifies at once. */
export const syncFrame: FrameScheduler = (cb) => cb();

/** Let pending promise chains (microtasks) run to completion. */
export async function settle(rounds = 2): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => { setTimeout(r, 0); });
}
