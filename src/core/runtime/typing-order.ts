/**
 * Typing notices are outside a conversation's event sequence (Comapi's), so a notice that arrives late
 * (sent twice, overtaken, or held up) would otherwise undo a newer one: an old "typing" after
 * the "typing off" leaves someone shown typing until the notice expires. Each notice carries the
 * time the service published it; per person and conversation, one older than the newest notice
 * already seen is dropped. At the same millisecond a stop wins: showing nobody typing for a
 * moment is harmless, and a typist who goes on typing is announced again.
 */
import type { ChatEvent } from '../events.js';

/** A decoded frame, with the time the service published it when it has one. */
export interface Published {
  events: ChatEvent[];
  /** When the service published it (epoch ms): for notices outside the sequence, whose order on arrival is all there is otherwise. */
  at?: number;
}

interface Marks {
  /** Newest "typing" seen. */
  started: number;
  /** Newest "typing off". */
  stopped: number;
}

/** Drops typing notices that are older than what is already known. */
export class TypingOrder {
  private readonly marks = new Map<string, Marks>();

  /** The decoded event with a stale typing notice left out. */
  admit<D extends Published>(d: D): D {
    let dropped = false;
    const events = d.events.filter((e) => {
      const keep = this.keep(e, d.at);
      if (!keep) dropped = true;
      return keep;
    });
    return dropped ? { ...d, events } : d;
  }

  private keep(e: ChatEvent, at: number | undefined): boolean {
    if (at === undefined) return true; // nothing to order it by: as it comes
    if (e.type === 'typing.started') {
      const m = this.mark(e.conversationId, e.actor.id);
      if (at <= m.stopped || at < m.started) return false;
      m.started = at;
      return true;
    }
    if (e.type === 'typing.stopped') {
      const m = this.mark(e.conversationId, e.actorId);
      if (at < m.started) return false;
      m.stopped = Math.max(m.stopped, at);
      return true;
    }
    return true;
  }

  private mark(conversationId: string, profileId: string): Marks {
    const key = `${conversationId}\u0000${profileId}`;
    let m = this.marks.get(key);
    if (!m) {
      m = { started: -Infinity, stopped: -Infinity };
      this.marks.set(key, m);
    }
    return m;
  }
}
