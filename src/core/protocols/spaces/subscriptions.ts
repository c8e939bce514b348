/**
 * Per-space subscriptions on the socket: the handshake subscribes to every space and waits for
 * every `SUBSCRIBE_CHANNEL` answer, and the answers, refusals and "subscription required"
 * frames that follow keep the session's view right. Subscriptions live as long as the socket
 * (the answer carries its `sessionId`), so every (re)connect subscribes to every space again.
 */
import { ParleyError } from '../../errors.js';
import { ConnectError } from '../../connection-terms.js';
import { answeredWithin } from '../../runtime/replies.js';
import { encodeSubscribe, type SpacesFrame } from './codec.js';
import { SubscriptionRound, type SpacesRun } from './state.js';

/** Subscribe to a space on the current socket. */
export function subscribe(run: SpacesRun, spaceId: string): void {
  run.state.spaces.add(spaceId);
  run.state.round.expect(spaceId);
  run.transport?.send('SUBSCRIBE_CHANNEL', encodeSubscribe(spaceId));
}

/** How waiting for the subscription answers fails: no answer in time, or the connection ended. */
const UNANSWERED = {
  timedOut: () => new ConnectError('network-error', 'spaces: no answer to SUBSCRIBE_CHANNEL'),
  closed: () => new ConnectError('client-closed', 'spaces: closed while subscribing'),
};

/** The handshake: subscribe to every space; live once every one answered (and one at least was accepted). */
export async function subscribeAll(run: SpacesRun): Promise<void> {
  const round = new SubscriptionRound();
  run.state.round = round;
  for (const id of run.state.spaces) subscribe(run, id);
  await answeredWithin(run.scheduler, run.signal, run.config.subscribeTimeoutMs, UNANSWERED, (done) => {
    round.answered = () => { if (round.settled) done(); };
    round.answered();
    return () => { round.answered = undefined; };
  });
  if (round.live.size === 0) {
    const reasons = [...round.refused].map(([id, r]) => `${id}: ${r}`).join('; ');
    throw new ConnectError('subscription-rejected', `spaces: every subscription was refused (${reasons})`);
  }
  for (const [id, reason] of round.refused) refusedReport(run, `spaces: subscribing to space ${id} was refused: ${reason}`);
  round.opening = false;
}

function refusedReport(run: SpacesRun, text: string): void {
  run.report(new ParleyError('subscription', text, { protocol: 'spaces' }));
}

/** A subscription frame: the session's view updated, refusals reported, a "subscription required" answered by subscribing again (once). */
export function onSubscriptionFrame(run: SpacesRun, frame: Extract<SpacesFrame, { kind: 'subscribed' | 'subscribe-failed' | 'unsubscribed' | 'subscription-required' }>): void {
  const { round, spaces, sends } = run.state;
  switch (frame.kind) {
    case 'subscribed':
      round.answer(frame.spaceId, true);
      return;
    case 'subscribe-failed': {
      const id = round.answer(frame.spaceId, false, frame.reason);
      // While connecting the outcome is reported once all spaces answered (see subscribeAll).
      if (!round.opening || id === undefined) refusedReport(run, `spaces: subscribing to space ${id ?? frame.spaceId ?? '?'} was refused: ${frame.reason}`);
      return;
    }
    case 'unsubscribed':
      if (frame.spaceId !== undefined) round.live.delete(frame.spaceId);
      refusedReport(run, `spaces: the server ended the subscription to space ${frame.spaceId ?? '?'}`);
      return;
    case 'subscription-required':
      refusedReport(run, `spaces: not subscribed to space ${frame.spaceId ?? '?'}: ${frame.reason}`);
      if (frame.loopback !== undefined) sends.reject(frame.loopback, new Error(`spaces: not subscribed to the space (${frame.reason})`));
      // Subscribe again, once per socket session.
      if (frame.spaceId !== undefined && spaces.has(frame.spaceId) && !round.retried.has(frame.spaceId)) {
        round.retried.add(frame.spaceId);
        round.live.delete(frame.spaceId);
        subscribe(run, frame.spaceId);
      }
  }
}
