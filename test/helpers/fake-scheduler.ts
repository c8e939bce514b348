/**
 * A Scheduler (what the core gives an adapter) whose time only moves when the test says so.
 * Unlike ManualClock (fake-time.ts) it does not clamp delays: the protocol adapter tests were
 * written against this exact behaviour.
 */
import type { Scheduler } from '../../src/core/protocol.js';

interface Timer { at: number; fn: () => void; every?: number }

/** A scheduler whose time only moves when told. */
export class ManualScheduler implements Scheduler {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  setTimeout(fn: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  }

  clearTimeout(id: number): void { this.timers.delete(id); }

  setInterval(fn: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn, every: ms });
    return id;
  }

  clearInterval(id: number): void { this.timers.delete(id); }

  now(): number { return this.time; }

  /** Timers still armed. */
  get armed(): number { return this.timers.size; }

  /** Move time forward, running due timers in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let next: [number, Timer] | undefined;
      for (const entry of this.timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      const [id, t] = next;
      this.time = t.at;
      if (t.every !== undefined) t.at += t.every;
      else this.timers.delete(id);
      t.fn();
    }
    this.time = end;
  }
}
