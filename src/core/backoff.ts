/**
 * Capped exponential backoff with "equal jitter": half fixed, half random, so clients that
 * dropped together do not return together, and no delay is ever near zero.
 */

/** Backoff settings. */
export interface BackoffOptions {
  /** First delay, ms. */
  base: number;
  /** Largest delay, ms. */
  cap: number;
}

/** Delay before retry number `attempt` (0-based). `random` is in [0, 1). */
export function backoffDelay(attempt: number, opts: BackoffOptions, random: number): number {
  const ceiling = Math.min(opts.cap, opts.base * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}
