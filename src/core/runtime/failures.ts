/**
 * What every protocol says of a failure the same way: a connect-time error as a ConnectError with
 * its reason, a dropped frame as one `decode` report, an impossible value as one `decode` report.
 * Every text passes the redaction first.
 */
import { ParleyError, messageOf, redactText } from '../errors.js';
import { HttpError, NetworkError } from '../http.js';
import { ConnectError, type DisconnectReason } from '../connection-terms.js';
import { DecodeError, invalidValueText } from '../wire.js';

/** How a protocol reads an HTTP status at connect time. */
export interface StatusReading {
  /** What a 404 means (a wrong inbox or space id): default `network-error`. */
  readonly notFound?: DisconnectReason;
  /** Words added to a 404's message (e.g. `is "apiSpaceId" right?`). */
  readonly notFoundHint?: string;
}

/** Whether an error is a fetch or signal abort. */
export function isAbort(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError';
}

/** A ConnectError for anything a connect-time step threw, named `protocol: what …`. */
export function connectErrorOf(protocol: string, err: unknown, what: string, status: StatusReading = {}): ConnectError {
  if (err instanceof ConnectError) return err.message.startsWith(`${protocol}:`) ? err : new ConnectError(err.reason, `${protocol}: ${err.message}`);
  const say = (reason: DisconnectReason, text: string): ConnectError => new ConnectError(reason, `${protocol}: ${what} ${text}`);
  if (err instanceof HttpError) {
    if (err.status === 401 || err.status === 403) return say('auth-failed', `refused: ${err.message}`);
    if (err.status === 404 && status.notFound) return say(status.notFound, `refused: ${status.notFoundHint ? `${status.notFoundHint}: ` : ''}${err.message}`);
    return say('network-error', `refused: ${err.message}`);
  }
  if (err instanceof NetworkError) return say('network-error', `failed: ${err.message}`);
  if (err instanceof DecodeError) return say('network-error', `gave an unexpected answer: ${err.message}`);
  if (isAbort(err)) return say('client-closed', 'aborted');
  return say('network-error', `failed: ${messageOf(err)}`);
}

/** A ConnectError with every secret removed from its message. */
export function hidden(err: ConnectError, secrets: readonly (string | undefined)[]): ConnectError {
  const text = redactText(err.message, secrets);
  return text === err.message ? err : new ConnectError(err.reason, text);
}

/** Text of a frame for a report: at most 2,000 characters, secrets removed. */
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
  return redactText(text.length > 2000 ? text.slice(0, 2000) : text, secrets);
}

/** A `decode` ParleyError for a dropped frame, secrets removed. */
export function decodeReport(protocol: string, err: unknown, frame: unknown, secrets: readonly (string | undefined)[]): ParleyError {
  const reason = err instanceof DecodeError ? err.message : `unexpected ${messageOf(err)}`;
  return new ParleyError('decode', redactText(`${protocol} frame dropped: ${reason}`, secrets), {
    protocol, frame: framePreview(frame, secrets), cause: err instanceof DecodeError ? err : undefined,
  });
}

/** A `decode` ParleyError for an impossible value dropped from an item that was kept. */
export function invalidValueReport(protocol: string, problem: string, secrets: readonly (string | undefined)[]): ParleyError {
  return new ParleyError('decode', redactText(invalidValueText(protocol, problem), secrets), { protocol });
}
