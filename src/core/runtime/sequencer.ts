/**
 * Gap detection on a gap-free sequence per conversation (Comapi's `conversationEventId`, which
 * message, delivered and read events share). An event one past the last one seen is emitted at once; an
 * event further ahead holds its conversation back while the missing events are fetched
 * (`GET …/events?from=&limit=`), then everything is emitted in sequence order. An event at or
 * below the baseline is dropped: it was emitted already or is covered by a sync or a fill. While
 * the adapter syncs, live events are held and let through afterwards, against the synced baseline.
 */
import type { ChatEvent } from '../events.js';
import { DecodeError, seqInRange } from '../wire.js';

/** A live event's place in its conversation's sequence. */
export interface Sequence {
  conversationId: string;
  value: number;
}

/** What one frame decodes to: its events, and its place in the sequence when it has one. */
export interface Sequenced {
  events: ChatEvent[];
  sequence?: Sequence;
}

const DIGITS = /^\d+$/;

/**
 * An optional sequence number off the wire (Comapi's `conversationEventId`, `sentEventId`, a
 * page's `latestEventId` ...): a safe whole number ≥ 0, numeric text accepted. A number no
 * sequence can reach (`1e308`, `-1`, `2.5`) is dropped (noted) as absent; a value that is no
 * number at all is a DecodeError.
 */
export function optSequence(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' && DIGITS.test(v)) return seqInRange(Number(v), what);
  if (typeof v !== 'number') throw new DecodeError(`${what}: expected a whole number`);
  return seqInRange(v, what);
}

/**
 * At most this many pages are fetched to fill one gap or catch up after a reconnect. Generous on
 * purpose: a busy conversation logs several events per message (Comapi's delivered and read marks
 * share the sequence), so a few seconds offline can be thousands of events, and stopping short leaves
 * a hole in the thread that nothing fills later.
 */
export const MAX_FILL_PAGES = 100;

/** What the sequencer needs. */
export interface SequencerDeps {
  /** Fetch up to `limit` events of a conversation from `from` on; `count` is how many the server gave. */
  fetch(conversationId: string, from: number, limit: number): Promise<{ decoded: Sequenced[]; count: number }>;
  emit(events: ChatEvent[]): void;
  /**
   * A gap could not be filled, from `from` to `to` (a fetch failed, or MAX_FILL_PAGES stopped it):
   * what neither the fetches nor the live stream brought is skipped; a reconnect sync starts after it.
   */
  failed(conversationId: string, from: number, to: number, err: unknown): void;
  pageSize: number;
}

/** Orders live events per conversation and fills gaps. */
export class Sequencer {
  private readonly latest = new Map<string, number>();
  private readonly waiting = new Map<string, Sequenced[]>();
  private held?: Sequenced[];
  private generation = 0;

  constructor(private readonly deps: SequencerDeps) {}

  /** Hold live events (while connecting and syncing) until `release`. */
  hold(): void {
    this.held ??= [];
  }

  /** Let held events through, in arrival order, against the baselines noted meanwhile. */
  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const d of held) this.accept(d);
  }

  /** The last event id seen without a gap, per conversation. */
  latestOf(conversationId: string): number | undefined {
    return this.latest.get(conversationId);
  }

  /** Raise a conversation's baseline (what a sync or a history page showed). */
  note(conversationId: string, value: number | undefined): void {
    if (value === undefined) return;
    const prev = this.latest.get(conversationId);
    if (prev === undefined || value > prev) this.latest.set(conversationId, value);
  }

  /** Forget a conversation (deleted, or I left it). */
  forget(conversationId: string): void {
    this.latest.delete(conversationId);
    this.waiting.delete(conversationId);
  }

  /** Take one decoded live event. */
  accept(d: Sequenced): void {
    if (this.held) {
      this.held.push(d);
      return;
    }
    const s = d.sequence;
    if (!s) {
      this.deps.emit(d.events);
      return;
    }
    const queue = this.waiting.get(s.conversationId);
    if (queue) {
      queue.push(d);
      return;
    }
    const base = this.latest.get(s.conversationId);
    // At or below the baseline: already emitted, or covered by a sync or a filled gap (a frame
    // sent twice, or one that arrived after the gap it left was fetched).
    if (base !== undefined && s.value <= base) return;
    if (base === undefined || s.value === base + 1) {
      this.note(s.conversationId, s.value);
      this.deps.emit(d.events);
      return;
    }
    this.waiting.set(s.conversationId, [d]);
    void this.fill(s.conversationId, base + 1, s.value - 1, this.generation);
  }

  /** Drop held and waiting events and abandon running fills; baselines stay for the next sync. */
  reset(): void {
    this.generation++;
    this.held = undefined;
    this.waiting.clear();
  }

  private async fill(cid: string, from: number, to: number, generation: number): Promise<void> {
    const fetched: Sequenced[] = [];
    let next = from;
    try {
      for (let page = 0; next <= to; page++) {
        if (page === MAX_FILL_PAGES) throw new Error(`the gap was not filled in ${MAX_FILL_PAGES} pages`);
        const limit = Math.min(this.deps.pageSize, to - next + 1);
        const { decoded, count } = await this.deps.fetch(cid, next, limit);
        if (generation !== this.generation) return;
        fetched.push(...decoded);
        if (count < limit || count === 0) break;
        next += count;
      }
    } catch (err) {
      if (generation !== this.generation) return;
      this.deps.failed(cid, next, to, err);
    }
    if (generation !== this.generation) return;
    const base = this.latest.get(cid) ?? from - 1;
    const queue = this.waiting.get(cid) ?? [];
    this.waiting.delete(cid);
    // Live events that arrived inside the gap while it was fetched count as much as fetched ones:
    // a failed or short fill must not drop them.
    const inGap = (d: Sequenced): boolean => d.sequence !== undefined && d.sequence.value > base && d.sequence.value <= to;
    const byValue = new Map<number, Sequenced>();
    for (const d of [...fetched, ...queue]) if (inGap(d) && !byValue.has(d.sequence!.value)) byValue.set(d.sequence!.value, d);
    const events = [...byValue].sort(([a], [b]) => a - b).flatMap(([, d]) => d.events);
    this.note(cid, to); // filled, or given up: either way the waiting events go out now
    if (events.length) this.deps.emit(events);
    for (const d of queue) if (!inGap(d)) this.accept(d);
  }
}
