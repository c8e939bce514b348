/**
 * The shapes of probe.js as TypeScript sees them inside `page.evaluate` callbacks.
 */

/** What `bench.waitPainted` resolves with; times in ms from the data-in moment. */
export interface Painted {
  /** Whether the data arrived at all (its first frame, or the moment it was handed over). */
  arrived: boolean;
  /** The newest message in the DOM. */
  dom?: number;
  /** The newest message in view and a frame with it presented; undefined when that never happened before the timeout. */
  painted?: number;
  /** Longest long task between data in and the paint, ms (0: none over 50 ms). */
  longest: number;
  /** How many long tasks ran in that span. */
  longTasks: number;
  /** After settling: whether the newest message is in view, and how far its scroller stands from the bottom (px). */
  inView: boolean;
  gap?: number;
}

export interface Probe {
  frames: { armed: boolean; target: number; count: number; first?: number; last?: number };
  longTasks: { start: number; duration: number }[];
  longestBetween(from: number, to: number): number;
  waitPainted(opts: {
    find: () => Element | null | undefined;
    roots?: () => (Node | null | undefined)[];
    since: number | (() => number | undefined);
    timeoutMs?: number;
    settleMs?: number;
  }): Promise<Painted>;
  frameTimes(ms: number): Promise<{ deltas: number[]; start: number; end: number }>;
  arm(target: number): Promise<number>;
}

declare global {
  interface Window {
    bench: Probe;
    socketOpen?: Promise<unknown>;
  }
}
