/**
 * The pure codecs under the quick codec fuzz (codecs.test.ts): each protocol's decoder with a
 * fixed context, and its seed frames. The adapter fuzz (one file per backend) is the one that
 * counts; this one reaches the decoders without a transport, the Comapi SDK event path included.
 * IMKIT's codec has its own (test/imkit/fuzz.test.ts, plain and base64).
 */
import type { ChatEvent } from '../../src/core/events.js';
import { decodeFrame as chatwoot } from '../../src/core/protocols/chatwoot/codec.js';
import { decodeFrame as virola } from '../../src/core/protocols/virola/codec.js';
import { decodeSocketEvent as spaces } from '../../src/core/protocols/spaces/codec.js';
import { decodeFrame as comapi, decodeSdkEvent as comapiSdk } from '../../src/core/protocols/comapi/codec.js';
import { chatwootSeed } from '../fixtures/seed-chatwoot.js';
import { virolaSeed } from '../fixtures/seed-virola.js';
import { spacesSeed } from '../fixtures/seed-spaces.js';
import { comapiSeedSamples } from '../fixtures/seed-comapi.js';
import { participantFrame, sentFrame, statusFrame, typingFrame } from '../comapi/wire-frames.js';
import type { Mutant } from './mutate.js';

/** One seed frame: for event-based transports, the event it arrives as. */
export interface CodecSeed {
  event?: string;
  frame: unknown;
}

/**
 * One codec under test. `decode` throws for a bad frame and may call `dropped` for a bad item in
 * a batch or a wire value dropped as invalid (the context's `invalid` sink).
 */
export interface CodecTarget {
  name: string;
  seeds: CodecSeed[];
  /** The transport carries JSON text (so broken JSON can arrive). */
  text: boolean;
  decode(seed: CodecSeed, frame: unknown, dropped: (error: Error) => void): ChatEvent[];
  /** Whether the mutant must be rejected as this seed's event (default: `alwaysBad`). */
  mustReject?(seed: CodecSeed, m: Mutant): boolean;
}

const NOW = Date.UTC(2026, 0, 1);

/** A codec context's `invalid` sink that counts as a dropped item, as the adapters report it. */
function sinkOf(dropped: (error: Error) => void): (problem: string) => void {
  return (problem) => dropped(new Error(problem));
}

export const targets: CodecTarget[] = [
  {
    name: 'chatwoot', text: true,
    // The seed also documents two frames the client sends (presence): those are encoder fixtures.
    seeds: chatwootSeed.map((s) => ({ frame: s.frame })).filter((s) => !(s.frame as { command?: unknown }).command),
    decode: (_seed, frame, dropped) => chatwoot(frame, { role: 'agent', selfId: '1', now: NOW, invalid: sinkOf(dropped) }),
  },
  {
    name: 'virola', text: true, seeds: virolaSeed.map((s) => ({ frame: s.frame })),
    decode: (_seed, frame, dropped) => virola(frame, { selfId: '1', names: new Map([['1', 'Me']]), baseUrl: 'https://virola.example', now: NOW, invalid: sinkOf(dropped) }, dropped),
  },
  {
    // socket.io delivers values (a server may still send JSON text, which the codec parses), for
    // every event the adapter listens to.
    name: 'spaces', text: false,
    seeds: [
      ...spacesSeed.map((s) => ({ event: 'MESSAGE_SENT', frame: s.payload })),
      { event: 'SEND_MESSAGE_FAILED', frame: { loopbackMetadata: 'r1', message: 'too long' } },
      { event: 'CHANNEL_SUBSCRIBED', frame: { channel: { type: 'topic', _id: 's1' }, dtsid: 'd', sessionId: 's' } },
      { event: 'SUBSCRIBE_CHANNEL_FAILED', frame: { channel: { _id: 's2' }, error: { message: 'not a member' } } },
      { event: 'CHANNEL_UNSUBSCRIBED', frame: { channel: { _id: 's5' } } },
    ],
    decode: (seed, frame, dropped) => {
      const out = spaces(seed.event!, frame, { selfId: 'me', now: NOW, invalid: sinkOf(dropped) });
      return out.kind === 'events' ? out.events : [];
    },
    mustReject: (seed, m) => m.alwaysBad && (seed.event === 'MESSAGE_SENT' || (typeof m.frame === 'string' && /^\s*[{[]/.test(m.frame))),
  },
  {
    // Raw socket frames in the seed's wire shapes (JSON text).
    name: 'comapi-socket', text: true,
    seeds: [sentFrame(), statusFrame('read'), statusFrame('delivered'), typingFrame(true), typingFrame(false), participantFrame('Added', 'me'), participantFrame('Removed', 'bob')].map((frame) => ({ frame })),
    decode: (_seed, frame, dropped) => comapi(frame, { selfId: 'me', now: NOW, invalid: sinkOf(dropped) }).events,
  },
  {
    // The seed's own samples, as a page's Comapi SDK hands them over.
    name: 'comapi-sdk', text: false,
    seeds: comapiSeedSamples.map((s) => ({ event: s.sdkEvent, frame: s.data })),
    decode: (seed, frame, dropped) => comapiSdk(seed.event!, frame, { selfId: 'me', now: NOW, invalid: sinkOf(dropped) }).events,
  },
];
