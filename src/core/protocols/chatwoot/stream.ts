/**
 * The adapter's decode path: one frame in, its events emitted, or one `decode` report when the
 * frame is malformed. The stream always goes on.
 */
import { ParleyError, messageOf } from '../../errors.js';
import type { ChatEvent } from '../../events.js';
import { DecodeError } from '../../wire.js';
import { decodeFrame, type DecodeContext } from './codec.js';
import { redact } from './redact.js';

/** Where decoded events and reports go. */
export interface FrameSink {
  emit(events: ChatEvent[]): void;
  report(error: ParleyError): void;
}

/** Text of a frame for an error report, credentials removed. */
export function framePreview(frame: unknown, secrets: readonly (string | undefined)[]): string {
  let text: string;
  if (typeof frame === 'string') text = frame;
  else {
    try {
      text = JSON.stringify(frame) ?? String(frame);
    } catch (err) {
      text = `[unprintable frame: ${messageOf(err)}]`;
    }
  }
  return redact(text.length > 2000 ? text.slice(0, 2000) : text, secrets);
}

/** A `decode` ParleyError for a dropped frame. */
export function decodeReport(err: unknown, frame: unknown, secrets: readonly (string | undefined)[]): ParleyError {
  const reason = err instanceof DecodeError ? err.message : `unexpected ${messageOf(err)}`;
  return new ParleyError('decode', redact(`chatwoot frame dropped: ${reason}`, secrets), {
    protocol: 'chatwoot', frame: framePreview(frame, secrets), cause: err instanceof DecodeError ? err : undefined,
  });
}

/**
 * Decode `frame` and hand its events to `sink.emit`; a frame that fails to decode becomes one
 * `sink.report`. Returns the events (empty when the frame was dropped or carried none).
 */
export function decodeInto(frame: unknown, ctx: DecodeContext, sink: FrameSink, secrets: readonly (string | undefined)[] = []): ChatEvent[] {
  let events: ChatEvent[];
  try {
    events = decodeFrame(frame, ctx);
  } catch (err) {
    sink.report(decodeReport(err, frame, secrets));
    return [];
  }
  if (events.length) sink.emit(events);
  return events;
}
