/**
 * Spaces throttles markread calls and its docs ask clients to space them out (~5 s): at most one
 * call per space per interval. The first call goes at once; calls inside the interval collapse
 * into one trailing call at its end (a host.scheduler timer), so the last read always reaches
 * the server.
 */
import type { Scheduler } from '../../protocol.js';

/** Per-space throttle of `post(spaceId)`. */
export class ReadThrottle {
  private readonly last = new Map<string, number>();
  private readonly trailing = new Map<string, number>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly intervalMs: number,
    private readonly post: (spaceId: string) => Promise<void>,
    private readonly failed: (spaceId: string, err: unknown) => void,
  ) {}

  /** Ask for a markread of `spaceId`. Resolves when a call made now is done; a deferred one reports its own failure. */
  async request(spaceId: string): Promise<void> {
    const now = this.scheduler.now();
    const last = this.last.get(spaceId);
    if (last === undefined || now - last >= this.intervalMs) {
      this.last.set(spaceId, now);
      await this.post(spaceId);
      return;
    }
    if (this.trailing.has(spaceId)) return;
    const timer = this.scheduler.setTimeout(() => {
      this.trailing.delete(spaceId);
      this.last.set(spaceId, this.scheduler.now());
      this.post(spaceId).catch((err: unknown) => this.failed(spaceId, err));
    }, last + this.intervalMs - now);
    this.trailing.set(spaceId, timer);
  }

  /** Drop deferred calls (the connection closed). */
  clear(): void {
    for (const timer of this.trailing.values()) this.scheduler.clearTimeout(timer);
    this.trailing.clear();
  }
}
