/**
 * A per-key throttle for calls a backend asks clients to space out (Spaces' markread: "~5 s"):
 * at most one call per key per interval. The first call goes at once; calls inside the interval
 * collapse into one trailing call at its end (a core scheduler timer), so the last one always
 * reaches the server.
 */
import type { Scheduler } from '../connection-terms.js';

/** Per-key throttle of calls. */
export class KeyedThrottle {
  private readonly last = new Map<string, number>();
  private readonly trailing = new Map<string, number>();

  constructor(private readonly scheduler: Scheduler, private readonly intervalMs: number) {}

  /**
   * Ask for `post()` for `key`. Resolves when a call made now is done; a deferred one (the
   * `post` of the request that deferred it) hands its failure to `failed`.
   */
  async request(key: string, post: () => Promise<void>, failed: (err: unknown) => void): Promise<void> {
    const now = this.scheduler.now();
    const last = this.last.get(key);
    if (last === undefined || now - last >= this.intervalMs) {
      this.last.set(key, now);
      await post();
      return;
    }
    if (this.trailing.has(key)) return;
    const timer = this.scheduler.setTimeout(() => {
      this.trailing.delete(key);
      this.last.set(key, this.scheduler.now());
      post().catch(failed);
    }, last + this.intervalMs - now);
    this.trailing.set(key, timer);
  }

  /** Drop deferred calls (the connection closed). */
  clear(): void {
    for (const timer of this.trailing.values()) this.scheduler.clearTimeout(timer);
    this.trailing.clear();
  }
}
