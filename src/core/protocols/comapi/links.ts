/**
 * Where live events come from: the widget's own WebSocket, or a page's running SDK
 * (`sdk.on(name, handler)` for each event of the seed; `sdk.off(name, handler)` on close).
 * Either way a live event becomes `Decoded` or one `decode` report; nothing throws out of a
 * socket or SDK callback.
 */
import { ParleyError, messageOf } from '../../errors.js';
import { DecodeError } from '../../wire.js';
import { SDK_EVENTS, decodeFrame, decodeSdkEvent } from './codec.js';
import type { DecodeContext, Decoded } from './decode-shared.js';
import type { ComapiSdk } from './options.js';
import { redact } from './redact.js';

/** Where decoded events and reports go. */
export interface LiveSink {
  ctx(): DecodeContext;
  accept(d: Decoded): void;
  report(error: ParleyError): void;
  secrets(): (string | undefined)[];
}

/** A `decode` ParleyError for a dropped frame or SDK event, credentials removed. */
export function decodeReport(err: unknown, frame: unknown, secrets: readonly (string | undefined)[]): ParleyError {
  const reason = err instanceof DecodeError ? err.message : `unexpected ${messageOf(err)}`;
  let text: string;
  if (typeof frame === 'string') text = frame;
  else {
    try {
      text = JSON.stringify(frame) ?? String(frame);
    } catch (e) {
      text = `[unprintable: ${messageOf(e)}]`;
    }
  }
  return new ParleyError('decode', redact(`comapi frame dropped: ${reason}`, secrets), {
    protocol: 'comapi', frame: redact(text.slice(0, 2000), secrets), cause: err instanceof DecodeError ? err : undefined,
  });
}

/** Decode a socket frame's text into the sink. */
export function receiveFrame(text: string | undefined, sink: LiveSink): void {
  if (text === undefined) {
    sink.report(decodeReport(new DecodeError('frame: not a text frame'), '[binary frame]', sink.secrets()));
    return;
  }
  let d: Decoded;
  try {
    d = decodeFrame(text, sink.ctx());
  } catch (err) {
    sink.report(decodeReport(err, text, sink.secrets()));
    return;
  }
  sink.accept(d);
}

/** Listens to a page's SDK until `close()`. */
export class SdkLink {
  private readonly handlers = new Map<string, (data: unknown) => void>();
  private done = false;

  constructor(private readonly sdk: ComapiSdk, private readonly sink: LiveSink) {}

  /** Subscribe to every event of the seed. */
  open(): void {
    for (const name of SDK_EVENTS) {
      const handler = (data: unknown): void => {
        if (this.done) return;
        let d: Decoded;
        try {
          d = decodeSdkEvent(name, data, this.sink.ctx());
        } catch (err) {
          this.sink.report(decodeReport(err, { sdkEvent: name, data }, this.sink.secrets()));
          return;
        }
        this.sink.accept(d);
      };
      this.handlers.set(name, handler);
      this.sdk.on(name, handler);
    }
  }

  /** Unsubscribe (only our handlers: the page's own stay). Idempotent. */
  close(): void {
    if (this.done) return;
    this.done = true;
    for (const [name, handler] of this.handlers) this.sdk.off(name, handler);
    this.handlers.clear();
  }
}
