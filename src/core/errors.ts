/**
 * Typed errors. Every dropped frame and failed command is reported with one of these codes.
 */

/** The closed list of error codes. */
export type ParleyErrorCode =
  | 'decode'          // a frame could not be decoded; it was dropped
  | 'command'         // a command (send, typing, read ...) failed
  | 'auth'            // the backend refused the credentials
  | 'transport'       // the socket failed
  | 'subscription'    // a subscribe was refused
  | 'config'          // the widget was configured wrongly
  | 'persist'         // the local cache failed; degraded to memory
  | 'protocol';       // unknown protocol, or it failed to load

/** An error Parley reports through `parley-error` and `client.onError`. */
export class ParleyError extends Error {
  readonly code: ParleyErrorCode;
  readonly protocol?: string;
  /** The frame that failed to decode, truncated, for debugging. Never contains credentials. */
  readonly frame?: string;
  override readonly cause?: unknown;

  constructor(code: ParleyErrorCode, message: string, opts: { protocol?: string; frame?: unknown; cause?: unknown } = {}) {
    super(message);
    this.name = 'ParleyError';
    this.code = code;
    this.protocol = opts.protocol;
    this.cause = opts.cause;
    if (opts.frame !== undefined) this.frame = previewFrame(opts.frame);
  }
}

/** A short, safe preview of a frame for error reports. */
export function previewFrame(frame: unknown, max = 300): string {
  let s: string;
  if (typeof frame === 'string') s = frame;
  else {
    try { s = JSON.stringify(frame) ?? String(frame); } catch { s = Object.prototype.toString.call(frame); }
  }
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** Turn anything thrown into a message. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : 'unknown error';
}
