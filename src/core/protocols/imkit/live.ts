/**
 * The live path: one socket event in, its events emitted (or one `decode` report when it is
 * malformed; the stream goes on). It also does what needs the store:
 * - a `chat message` for an id the store already holds is an edit (or a replay after a
 *   reconnect, which then changes nothing): it goes out as `message.updated`;
 * - an AI stream that came without a `messageId` grows under a local id; the final
 *   `chat message` from the same sender replaces it;
 * - a `lastRead` naming a message the store lacks is sent again once that message arrives.
 */
import { ParleyError, messageOf } from '../../errors.js';
import type { ChatEvent, ChatEventOf } from '../../events.js';
import type { ChatState } from '../../store.js';
import { DecodeError } from '../../wire.js';
import { decodeEvent, syntheticStreamId } from './codec.js';
import type { DecodeContext } from './decode-shared.js';
import { redact } from './redact.js';

/** What the live decoder needs. */
export interface LiveDeps {
  ctx(): DecodeContext;
  base64(): boolean;
  state(): ChatState;
  emit(events: ChatEvent[]): void;
  report(error: ParleyError): void;
  secrets(): (string | undefined)[];
  /** An invitation arrived (for `autoAcceptInvitations`). */
  invited(roomId: string): void;
}

/** A `decode` ParleyError for a dropped socket event, credentials removed. */
export function decodeReport(name: string, err: unknown, payload: unknown, secrets: readonly (string | undefined)[]): ParleyError {
  const reason = err instanceof DecodeError ? err.message : `unexpected ${messageOf(err)}`;
  let text: string;
  try {
    text = typeof payload === 'string' ? payload : JSON.stringify(payload) ?? String(payload);
  } catch {
    text = '[unprintable payload]';
  }
  return new ParleyError('decode', redact(`imkit "${name.slice(0, 40)}" dropped: ${reason}`, secrets), {
    protocol: 'imkit', frame: redact(text.slice(0, 2000), secrets), cause: err instanceof DecodeError ? err : undefined,
  });
}

/** Decodes live socket events against the current state. */
export class LiveDecoder {
  /** Read markers that named a message the store did not hold yet, by room and reader. */
  private readonly waiting = new Map<string, ChatEventOf<'receipt.read'>>();

  constructor(private readonly d: LiveDeps) {}

  /** Decode and emit one socket event; returns what was emitted. */
  receive(name: string, payload: unknown): ChatEvent[] {
    let events: ChatEvent[];
    try {
      events = decodeEvent(name, payload, this.d.ctx(), this.d.base64());
    } catch (err) {
      this.d.report(decodeReport(name, err, payload, this.d.secrets()));
      return [];
    }
    const out = this.awaitMarkers(this.adjust(events));
    if (out.length) this.d.emit(out);
    for (const e of out) if (e.type === 'invitation' && !e.cancelled) this.d.invited(e.invitation.conversationId);
    return out;
  }

  /**
   * A `lastRead` can overtake the `chat message` it names (frames are not ordered across a
   * reconnect, and the store cannot place a marker on a message it lacks): such a marker waits,
   * per room and reader, and goes out again right after that message arrives.
   */
  private awaitMarkers(events: ChatEvent[]): ChatEvent[] {
    const state = this.d.state();
    const out: ChatEvent[] = [];
    for (const e of events) {
      out.push(e);
      if (e.type === 'receipt.read' && e.upToMessageId !== undefined) {
        const key = `${e.conversationId}\n${e.reader.id}`;
        const here = (state.messages.get(e.conversationId) ?? []).some((m) => m.id === e.upToMessageId);
        if (here) this.waiting.delete(key);
        else this.waiting.set(key, e);
      } else if ((e.type === 'message.created' || e.type === 'message.updated') && this.waiting.size) {
        for (const [key, marker] of this.waiting) {
          if (marker.conversationId !== e.conversationId || marker.upToMessageId !== e.message.id) continue;
          this.waiting.delete(key);
          out.push(marker);
        }
      }
    }
    return out;
  }

  private adjust(events: ChatEvent[]): ChatEvent[] {
    const state = this.d.state();
    const out: ChatEvent[] = [];
    for (const e of events) {
      if (e.type !== 'message.created') { out.push(e); continue; }
      const m = e.message;
      const list = state.messages.get(m.conversationId) ?? [];
      const known = list.find((x) => x.id === m.id);
      if (known && !known.streaming) {
        out.push({ ...e, type: 'message.updated', message: m });
        continue;
      }
      if (m.sender) {
        const local = syntheticStreamId(m.conversationId, m.sender.id);
        if (m.id !== local && list.some((x) => x.id === local && x.streaming)) {
          out.push({ type: 'message.deleted', conversationId: m.conversationId, messageIds: [local], scope: 'self', wireName: e.wireName });
        }
      }
      out.push(e);
    }
    return out;
  }
}
