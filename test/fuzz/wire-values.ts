/**
 * What no decoded event may carry, whatever arrived: a time no `Date` can hold, or a link, image,
 * avatar or attachment URL that is not http(s). Used by the fuzz suites and the wire-value tests.
 */
import type { ChatEvent } from '../../src/core/events.js';

/** The normalized fields that hold epoch ms (events, messages, conversations, Spaces task meta). */
const TIME_KEYS = new Set(['at', 'createdAt', 'updatedAt', 'expiresAt', 'lastReadAt', 'lastActivityAt', 'peerLastReadAt', 'dueDate']);
/** The normalized fields that hold a URL the renderer may load or link. */
const URL_KEYS = new Set(['url', 'avatarUrl', 'thumbnailUrl']);
const MAX_TIME_MS = 8.64e15;

/** One offending value and where it sits in the event (`message.createdAt`). */
export interface InvalidValue {
  path: string;
  value: unknown;
}

function badTime(v: unknown): boolean {
  return typeof v === 'number' ? !(Math.abs(v) <= MAX_TIME_MS) : v !== undefined;
}

function badUrl(v: unknown): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'string') return true;
  const parsed = URL.parse(v);
  return parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:');
}

function walk(v: unknown, path: string, out: InvalidValue[], depth: number): void {
  if (depth > 16 || v === null || typeof v !== 'object') return;
  for (const [key, x] of Object.entries(v)) {
    const at = path ? `${path}.${key}` : key;
    if (TIME_KEYS.has(key) && badTime(x)) out.push({ path: at, value: x });
    else if (URL_KEYS.has(key) && badUrl(x)) out.push({ path: at, value: x });
    else walk(x, at, out, depth + 1);
  }
}

/** Every invalid time and non-http(s) URL in the events, outside their `raw` frames. */
export function invalidValues(events: readonly ChatEvent[]): InvalidValue[] {
  const out: InvalidValue[] = [];
  events.forEach((event, i) => {
    const { raw: _raw, ...normalized } = event as ChatEvent & { raw?: unknown };
    walk(normalized, `[${i}]${event.type}`, out, 0);
  });
  return out;
}
