/**
 * Message ordering: by time, then sequence, then id (numeric-aware). Binary insertion keeps lists sorted.
 */
import type { DeliveryStatus, Message } from './model.js';

/** Compare ids so that "9" < "10" when both are integers. */
export function compareIds(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  // Pending (local:) messages sort after server ids at the same time.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Total order of messages in a thread. */
export function compareMessages(a: Message, b: Message): number {
  return a.createdAt - b.createdAt || (a.seq ?? 0) - (b.seq ?? 0) || compareIds(a.id, b.id);
}

/** Index at which `m` should be inserted into sorted `list`. */
export function insertionIndex(list: readonly Message[], m: Message): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareMessages(list[mid]!, m) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Position of `m` (same id) in sorted `list`, or -1. Uses its sort key, then scans neighbours. */
export function indexOfMessage(list: readonly Message[], m: Message): number {
  const guess = insertionIndex(list, m) - 1;
  if (guess >= 0 && list[guess]!.id === m.id) return guess;
  // Fallback when the stored copy's key differs (should not happen): linear scan.
  return list.findIndex((x) => x.id === m.id);
}

const RANK: Record<DeliveryStatus, number> = { failed: -1, pending: 0, sent: 1, delivered: 2, read: 3 };

/** The later of two delivery states: read never downgrades to delivered. */
export function maxStatus(a: DeliveryStatus, b: DeliveryStatus): DeliveryStatus {
  if (b === 'failed') return a === 'pending' ? 'failed' : a;
  if (a === 'failed') return b === 'pending' ? a : b;
  return RANK[b] > RANK[a] ? b : a;
}

/** True when `b` ranks above `a`. */
export function statusAbove(a: DeliveryStatus, b: DeliveryStatus): boolean {
  return RANK[b] > RANK[a];
}
