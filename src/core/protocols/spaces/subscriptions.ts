/**
 * The `SUBSCRIBE_CHANNEL` answers of one socket session. Subscriptions live as long as the socket
 * (the answer carries its `sessionId`), so every (re)connect subscribes to every space again.
 */

/** Which spaces of this session are subscribed, refused, or still unanswered. */
export class SubscriptionRound {
  private readonly awaiting: string[] = [];
  /** Spaces subscribed in this session. */
  readonly live = new Set<string>();
  /** Spaces refused in this session, with the reason. */
  readonly refused = new Map<string, string>();
  /** Spaces subscribed again after a "subscription required" (once per session). */
  readonly retried = new Set<string>();

  /** Start waiting for the answer about `spaceId`. */
  expect(spaceId: string): void {
    if (!this.awaiting.includes(spaceId)) this.awaiting.push(spaceId);
  }

  /**
   * Record an answer. One that names no space answers the oldest request (the server answers in
   * order). Returns the space it was about, or undefined when nothing waited for it.
   */
  answer(spaceId: string | undefined, ok: boolean, reason = 'refused'): string | undefined {
    const i = spaceId === undefined ? 0 : this.awaiting.indexOf(spaceId);
    const id = i >= 0 ? this.awaiting[i] : undefined;
    if (id === undefined) {
      // Not awaited (a late or repeated answer): still keep the session's view right.
      if (spaceId !== undefined && ok) { this.live.add(spaceId); this.refused.delete(spaceId); }
      return undefined;
    }
    this.awaiting.splice(i, 1);
    if (ok) {
      this.live.add(id);
      this.refused.delete(id);
    } else {
      this.live.delete(id);
      this.refused.set(id, reason);
    }
    return id;
  }

  /** Whether every expected answer arrived. */
  get settled(): boolean {
    return this.awaiting.length === 0;
  }
}
