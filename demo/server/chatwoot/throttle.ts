/**
 * Chatwoot's request throttle (`config/initializers/rack_attack.rb`: `throttle('req/ip', limit:
 * RACK_ATTACK_LIMIT, period: 1.minute)`, on in production). Rack::Attack counts requests per
 * client in fixed windows and answers one over the limit with its default throttled response:
 * 429, `text/plain`, "Retry later\n", and no `Retry-After` (that header needs
 * `throttled_response_retry_after_header = true`, which Chatwoot does not set). Rack::Cors sits
 * before it (`insert_before 0`), so the browser can read the 429. Off until a test sets a limit.
 */
import type { ServerResponse } from 'node:http';

/** The throttle's settings, as `/__control/throttle` takes them. */
export interface ThrottleSettings {
  /** Requests allowed per window. */
  limit: number;
  /** Window length, ms. */
  periodMs: number;
}

/** One client's fixed-window request counter (the demo serves one visitor per test). */
export class RequestThrottle {
  private settings?: ThrottleSettings;
  private windowStart = 0;
  private count = 0;

  /** Turn the throttle on with these settings, or off with undefined. */
  set(settings: ThrottleSettings | undefined): void {
    this.settings = settings;
    this.windowStart = Date.now();
    this.count = 0;
  }

  /** Count one request; true when it is over the limit and was answered 429 here. */
  refuse(res: ServerResponse, now = Date.now()): boolean {
    const s = this.settings;
    if (!s) return false;
    if (now - this.windowStart >= s.periodMs) {
      this.windowStart = now - ((now - this.windowStart) % s.periodMs);
      this.count = 0;
    }
    this.count++;
    if (this.count <= s.limit) return false;
    res.writeHead(429, { 'Content-Type': 'text/plain' });
    res.end('Retry later\n');
    return true;
  }
}
