/**
 * The live path: one socket event in, its events emitted, a waiting send confirmed or refused,
 * subscription answers recorded. A malformed payload becomes one `decode` report; the stream goes on.
 */
import { ParleyError } from '../../errors.js';
import type { AdapterHost } from '../../protocol.js';
import { DecodeError } from '../../wire.js';
import { decodeSocketEvent, type SpacesFrame } from './codec.js';
import type { DecodeContext } from './decode-shared.js';
import type { PendingSends } from './pending-sends.js';
import { redact } from './secrets.js';
import type { SubscriptionRound } from './subscriptions.js';

/** What the live path needs from the adapter. */
export interface LiveDeps {
  host: AdapterHost;
  ctx(): DecodeContext;
  sends: PendingSends;
  spaces: ReadonlySet<string>;
  secrets(): (string | undefined)[];
  /** The current socket session's subscriptions. */
  round(): SubscriptionRound;
  /** Subscribe to a space on the current socket. */
  subscribe(spaceId: string): void;
  /** A subscription answer arrived (connecting may be done). */
  settled(): void;
  /** Whether connect() is still waiting for the subscription answers. */
  connecting(): boolean;
}

/** Text of a payload for an error report, credentials removed. */
export function preview(payload: unknown, secrets: readonly (string | undefined)[]): string {
  let text: string;
  try {
    text = typeof payload === 'string' ? payload : JSON.stringify(payload) ?? String(payload);
  } catch {
    text = '[unprintable payload]';
  }
  return redact(text.length > 2000 ? text.slice(0, 2000) : text, secrets);
}

/** A `decode` ParleyError for a dropped payload. */
export function decodeReport(event: string, err: unknown, payload: unknown, secrets: readonly (string | undefined)[]): ParleyError {
  const reason = err instanceof DecodeError ? err.message : `unexpected ${err instanceof Error ? err.message : 'error'}`;
  return new ParleyError('decode', redact(`spaces: ${event} dropped: ${reason}`, secrets), {
    protocol: 'spaces', frame: preview(payload, secrets), cause: err instanceof DecodeError ? err : undefined,
  });
}

function subscriptionError(d: LiveDeps, text: string): void {
  d.host.report(new ParleyError('subscription', redact(text, d.secrets()), { protocol: 'spaces' }));
}

/** Handle one inbound socket event. Never throws. */
export function receiveFrame(d: LiveDeps, event: string, payload: unknown): void {
  let frame: SpacesFrame;
  try {
    frame = decodeSocketEvent(event, payload, d.ctx());
  } catch (err) {
    d.host.report(decodeReport(event, err, payload, d.secrets()));
    return;
  }
  switch (frame.kind) {
    case 'events': {
      if (frame.newSpaceId !== undefined && !d.spaces.has(frame.newSpaceId)) d.subscribe(frame.newSpaceId);
      // The echo of my own send confirms it: execute() resolves with these events.
      if (frame.loopback !== undefined && d.sends.resolve(frame.loopback, frame.events)) return;
      d.host.emit(frame.events);
      return;
    }
    case 'subscribed':
      d.round().answer(frame.spaceId, true);
      d.settled();
      return;
    case 'subscribe-failed': {
      const id = d.round().answer(frame.spaceId, false, frame.reason);
      // While connecting the outcome is reported once all spaces answered (see the adapter).
      if (!d.connecting() || id === undefined) subscriptionError(d, `spaces: subscribing to space ${id ?? frame.spaceId ?? '?'} was refused: ${frame.reason}`);
      d.settled();
      return;
    }
    case 'unsubscribed':
      if (frame.spaceId !== undefined) d.round().live.delete(frame.spaceId);
      subscriptionError(d, `spaces: the server ended the subscription to space ${frame.spaceId ?? '?'}`);
      return;
    case 'subscription-required': {
      subscriptionError(d, `spaces: not subscribed to space ${frame.spaceId ?? '?'}: ${frame.reason}`);
      if (frame.loopback !== undefined) d.sends.reject(frame.loopback, new Error(`spaces: not subscribed to the space (${frame.reason})`));
      // Subscribe again, once per socket session.
      const round = d.round();
      if (frame.spaceId !== undefined && d.spaces.has(frame.spaceId) && !round.retried.has(frame.spaceId)) {
        round.retried.add(frame.spaceId);
        round.live.delete(frame.spaceId);
        d.subscribe(frame.spaceId);
      }
      return;
    }
    case 'send-failed': {
      const ref = frame.loopback ?? d.sends.oldest();
      const err = new Error(`spaces: SEND_MESSAGE_FAILED: ${frame.reason}`);
      if (ref === undefined || !d.sends.reject(ref, err)) {
        d.host.report(new ParleyError('command', redact(err.message, d.secrets()), { protocol: 'spaces' }));
      }
    }
  }
}
