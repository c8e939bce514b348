/**
 * The codecs under fuzz: each protocol's pure decoder with a fixed context, and its seed payloads.
 * A protocol joins by adding one entry.
 */
import type { ChatEvent } from '../../src/core/events.js';
import { decodeFrame as chatwoot } from '../../src/core/protocols/chatwoot/codec.js';
import { decodeFrame as virola } from '../../src/core/protocols/virola/codec.js';
import { decodeMessageSent as spaces } from '../../src/core/protocols/spaces/codec.js';
import { decodeFrame as comapi, decodeSdkEvent as comapiSdk } from '../../src/core/protocols/comapi/codec.js';
import { decodeEvent as imkit } from '../../src/core/protocols/imkit/codec.js';
import { record, str } from '../../src/core/wire.js';
import { chatwootSeed } from '../fixtures/seed-chatwoot.js';
import { virolaSeed } from '../fixtures/seed-virola.js';
import { spacesSeed } from '../fixtures/seed-spaces.js';
import { comapiSeedSamples } from '../fixtures/seed-comapi.js';
import { imkitSeed } from '../fixtures/seed-imkit.js';
import { participantFrame, sentFrame, statusFrame, typingFrame } from '../comapi/wire-frames.js';

/**
 * One codec under test. `decode` throws for a bad frame and may call `dropped` for a bad item in a
 * batch or a wire value dropped as invalid (the context's `invalid` sink).
 */
export interface FuzzTarget {
  name: string;
  seeds: unknown[];
  /** The transport carries JSON text (so broken JSON can arrive). */
  text: boolean;
  decode(frame: unknown, dropped: (error: Error) => void): ChatEvent[];
}

const NOW = Date.UTC(2026, 0, 1);

/** A codec context's `invalid` sink that counts as a dropped item, as the adapters report it. */
function sinkOf(dropped: (error: Error) => void): (problem: string) => void {
  return (problem) => dropped(new Error(problem));
}

export const targets: FuzzTarget[] = [
  {
    name: 'chatwoot', text: true,
    // The seed also documents two frames the client sends (presence): those are encoder fixtures.
    seeds: chatwootSeed.map((s) => s.frame).filter((f) => !(f as { command?: unknown }).command),
    decode: (frame, dropped) => chatwoot(frame, { role: 'agent', selfId: '1', now: NOW, invalid: sinkOf(dropped) }),
  },
  {
    name: 'virola', text: true, seeds: virolaSeed.map((s) => s.frame),
    decode: (frame, dropped) => virola(frame, { selfId: '1', names: new Map([['1', 'Me']]), baseUrl: 'https://virola.example', now: NOW, invalid: sinkOf(dropped) }, dropped),
  },
  {
    // socket.io delivers objects; a server may still send a JSON string, which the codec accepts.
    name: 'spaces', text: false, seeds: spacesSeed.map((s) => s.payload),
    decode: (frame, dropped) => spaces(frame, { selfId: 'me', now: NOW, invalid: sinkOf(dropped) }).events,
  },
  {
    // Raw socket frames in the seed's wire shapes (JSON text).
    name: 'comapi (socket)', text: true,
    seeds: [sentFrame(), statusFrame('read'), statusFrame('delivered'), typingFrame(true), typingFrame(false), participantFrame('Added', 'me'), participantFrame('Removed', 'bob')],
    decode: (frame, dropped) => comapi(frame, { selfId: 'me', now: NOW, invalid: sinkOf(dropped) }).events,
  },
  {
    // The seed's own samples, as a page's Comapi SDK hands them over.
    name: 'comapi (sdk events)', text: false,
    seeds: comapiSeedSamples.map((s) => s.data),
    decode: (frame, dropped) => {
      const sample = comapiSeedSamples.find((s) => Object.keys(s.data).every((k) => typeof frame === 'object' && frame !== null && k in frame));
      return comapiSdk(sample?.sdkEvent ?? comapiSeedSamples[0]!.sdkEvent, frame, { selfId: 'me', now: NOW, invalid: sinkOf(dropped) }).events;
    },
  },
  {
    // Socket.IO hands over `{event, payload}`; test/imkit/fuzz.test.ts also runs the base64 mode.
    name: 'imkit', text: false, seeds: imkitSeed,
    decode: (frame, dropped) => {
      const f = record(frame, 'frame');
      return imkit(str(f.event, 'frame.event'), f.payload, { selfId: 'me', now: NOW, typingTtlMs: 6000, invalid: sinkOf(dropped) });
    },
  },
];
