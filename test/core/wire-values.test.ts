/**
 * Every codec validates the times and URLs it takes from the wire and looks enum values up among
 * its tables' own keys: a time no `Date` can hold, a `javascript:` or malformed URL becomes absent
 * and is reported through the context's `invalid` sink (the adapters turn that into a `decode`
 * parley-error), or the frame is rejected with a DecodeError; `constructor`, `__proto__` and
 * `toString` find nothing.
 */
import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import { decodeFrame as chatwoot } from '../../src/core/protocols/chatwoot/codec.js';
import { decodeFrame as comapi } from '../../src/core/protocols/comapi/codec.js';
import { readMessagesPage } from '../../src/core/protocols/comapi/decode-rest.js';
import { decodeEvent as imkit } from '../../src/core/protocols/imkit/codec.js';
import { decodeMessageSent as spaces } from '../../src/core/protocols/spaces/codec.js';
import { decodeFrame as virola } from '../../src/core/protocols/virola/codec.js';
import { DecodeError } from '../../src/core/wire.js';
import { spacesSeed } from '../fixtures/seed-spaces.js';
import { restMessage } from '../comapi/helpers.js';
import { CONV, sentFrame } from '../comapi/wire-frames.js';
import { invalidValues } from '../fuzz/wire-values.js';

const NOW = Date.UTC(2026, 0, 1);
type Json = Record<string, unknown>;
/** A decoder under test: the frame built for one bad value, decoded with a context whose sink is `invalid`. */
type Decode = (value: unknown, invalid: (problem: string) => void) => ChatEvent[];

const BAD_TIMES: unknown[] = [1e308, -1e20, 'NaN', '99999999999999999999', 8.64e15 + 1];
const BAD_URLS: unknown[] = ['javascript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'http://[oops', '//evil.example/x', 'x'];
/** Keys every plain object inherits (`__proto__`: its prototype). */
const PROTO_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

/** What one bad value came to: the events, the problems the sink heard, whether the frame was rejected. */
function run(decode: Decode, value: unknown): { events: ChatEvent[]; problems: string[]; rejected: boolean } {
  const problems: string[] = [];
  try {
    return { events: decode(value, (p) => problems.push(p)), problems, rejected: false };
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    return { events: [], problems, rejected: true };
  }
}

/** Paths of function values anywhere in the events (an enum lookup that found `Object.prototype`). */
function functionsIn(v: unknown, path = '', depth = 0): string[] {
  if (typeof v === 'function') return [path];
  if (v === null || typeof v !== 'object' || depth > 16) return [];
  return Object.entries(v).flatMap(([k, x]) => functionsIn(x, `${path}.${k}`, depth + 1));
}

/** Each bad value is absent from the events and was reported (by the sink, or by rejecting the frame). */
function expectDroppedAndReported(name: string, decode: Decode, values: unknown[]): void {
  for (const value of values) {
    const r = run(decode, value);
    const label = `${name} ${JSON.stringify(value)}`;
    expect(invalidValues(r.events), label).to.deep.equal([]);
    expect(r.rejected || r.problems.length > 0, `${label} reported`).to.equal(true);
    if (!r.rejected) expect(r.events.length, `${label}: the rest of the frame still decodes`).to.be.greaterThan(0);
  }
}

function cable(data: Json, event = 'message.created'): string {
  return JSON.stringify({ identifier: '{"channel":"RoomChannel"}', message: { event, data } });
}

function chatwootMessage(over: Json): Json {
  return { id: 7, conversation_id: 2, content: 'hi', message_type: 0, created_at: 1_700_000_000, sender: { id: 5, type: 'contact', name: 'Ann' }, ...over };
}

const chatwootCtx = (invalid: (p: string) => void) => ({ role: 'agent' as const, selfId: '1', now: NOW, invalid });
const comapiCtx = (invalid: (p: string) => void) => ({ selfId: 'me', now: NOW, invalid });
const imkitCtx = (invalid: (p: string) => void) => ({ selfId: 'me', now: NOW, typingTtlMs: 6000, invalid });
const virolaCtx = (invalid: (p: string) => void) => ({ selfId: '1', names: new Map<string, string>(), baseUrl: 'https://virola.example', now: NOW, invalid });
const spacesCtx = (invalid: (p: string) => void) => ({ selfId: 'me', now: NOW, invalid });

function spacesPayload(name: string, edit: (p: Json) => void): Json {
  const seed = spacesSeed.find((s) => s.name === name);
  if (!seed) throw new Error(`no Spaces seed ${name}`);
  const copy = structuredClone(seed.payload);
  edit(copy);
  return copy;
}

function imkitMessage(over: Json): Json {
  return { _id: 'm1', room: 'r1', messageType: 'text', message: 'hi', sender: { _id: 'kit', nickname: 'Kit' }, messageTimeMS: 1_700_000_000_000, ...over };
}

function virolaFrame(over: Json): string {
  return JSON.stringify({ type: 'TextMessagesCreated', data: { messages: [{ messageId: 1, roomId: 2, text: 'x', userId: 3, createdUtc: 1_700_000_000_000, ...over }] } });
}

describe('wire values: times, URLs and enum keys from every codec', () => {
  describe('chatwoot', () => {
    const decode = (over: (v: unknown) => Json): Decode => (v, invalid) => chatwoot(cable(chatwootMessage(over(v))), chatwootCtx(invalid));
    it('drops bad message times', () => {
      expectDroppedAndReported('created_at', decode((v) => ({ created_at: v })), BAD_TIMES);
      expectDroppedAndReported('updated_at', decode((v) => ({ updated_at: v })), BAD_TIMES);
    });
    it('drops bad attachment and avatar URLs', () => {
      expectDroppedAndReported('data_url', decode((v) => ({ attachments: [{ id: 1, data_url: v, thumb_url: v, file_type: 'image' }] })), BAD_URLS);
      expectDroppedAndReported('avatar_url', decode((v) => ({ sender: { id: 5, type: 'contact', avatar_url: v } })), BAD_URLS);
    });
    it('finds nothing for inherited enum keys', () => {
      for (const key of PROTO_KEYS) {
        const events = chatwoot(cable(chatwootMessage({ status: key, sender: { id: 5, type: key } })), chatwootCtx(() => {}));
        expect(functionsIn(events), key).to.deep.equal([]);
        const m = events[0]?.type === 'message.created' ? events[0].message : undefined;
        expect([m?.status, m?.sender?.role], key).to.deep.equal(['sent', 'unknown']);
        const presence = chatwoot(cable({ users: { 1: key, 2: 'online' } }, 'presence.update'), chatwootCtx(() => {}));
        expect(presence[0]).to.deep.include({ statuses: { 2: 'online' } });
      }
    });
  });

  describe('comapi', () => {
    const decode = (edit: (f: Json, v: unknown) => void): Decode => (v, invalid) => {
      const frame = sentFrame();
      edit(frame, v);
      return comapi(JSON.stringify(frame), comapiCtx(invalid)).events;
    };
    it('drops bad message times (createdAt=1e308 among them)', () => {
      expectDroppedAndReported('sentOn', decode((f, v) => { ((f.payload as Json).context as Json).sentOn = v; }), BAD_TIMES);
      expectDroppedAndReported('publishedOn', decode((f, v) => { ((f.payload as Json).context as Json).sentOn = undefined; f.publishedOn = v; }), BAD_TIMES);
    });
    it('drops bad part URLs', () => {
      expectDroppedAndReported('parts.url', decode((f, v) => { (f.payload as Json).parts = [{ name: 'a.png', type: 'image/png', url: v }, { type: 'text/plain', data: 'hi' }]; }), BAD_URLS);
    });
    it('finds nothing for inherited status keys', () => {
      for (const key of PROTO_KEYS) {
        const page = readMessagesPage({ messages: [restMessage('m6', 6, 'me', 'mine', { ada: { status: key } })] }, CONV, comapiCtx(() => {}), () => undefined);
        expect(functionsIn(page), key).to.deep.equal([]);
        const e = page.events[0];
        expect(e?.type === 'message.created' ? e.message.status : undefined, key).to.equal('sent');
      }
    });
  });

  describe('imkit', () => {
    const decode = (over: (v: unknown) => Json): Decode => (v, invalid) => imkit('chat message', imkitMessage(over(v)), imkitCtx(invalid));
    it('drops bad message times', () => {
      expectDroppedAndReported('messageTimeMS', decode((v) => ({ messageTimeMS: v })), BAD_TIMES);
      expectDroppedAndReported('updatedAtMS', decode((v) => ({ updatedAtMS: v })), BAD_TIMES);
    });
    it('drops bad image and avatar URLs', () => {
      expectDroppedAndReported('originalUrl', decode((v) => ({ messageType: 'image', originalUrl: v, thumbnailUrl: v })), BAD_URLS);
      expectDroppedAndReported('avatarUrl', decode((v) => ({ sender: { _id: 'kit', avatarUrl: v } })), BAD_URLS);
    });
  });

  describe('spaces', () => {
    const decode = (name: string, edit: (p: Json, v: unknown) => void): Decode => (v, invalid) => spaces(spacesPayload(name, (p) => edit(p, v)), spacesCtx(invalid)).events;
    it('drops bad message times and task due dates', () => {
      expectDroppedAndReported('created', decode('chat', (p, v) => { p.created = v; p.modified = v; }), BAD_TIMES);
      expectDroppedAndReported('dueDate', decode('task', (p, v) => { (p.content as Json).dueDate = v; }), BAD_TIMES);
    });
    it('drops bad picture and file URLs', () => {
      expectDroppedAndReported('picture_url', decode('chat', (p, v) => { (p.sender as Json).picture_url = v; }), BAD_URLS);
      expectDroppedAndReported('files.path', decode('task', (p, v) => {
        const data = (p.content as Json).data;
        if (Array.isArray(data)) for (const f of data) Object.assign(f as Json, { path: v, thumbnailUrl: v });
      }), BAD_URLS);
    });
    it('finds nothing for inherited file kinds and categories', () => {
      for (const key of PROTO_KEYS) {
        const r = run((_v, invalid) => spaces(spacesPayload('task', (p) => {
          const data = (p.content as Json).data;
          if (Array.isArray(data)) for (const f of data) (f as Json).fileType = key;
        }), spacesCtx(invalid)).events, key);
        expect(functionsIn(r.events), key).to.deep.equal([]);
        const cat = run((_v, invalid) => spaces(spacesPayload('chat', (p) => { p.category = key; }), spacesCtx(invalid)).events, key);
        expect(functionsIn(cat.events), `category ${key}`).to.deep.equal([]);
        expect(cat.events.filter((e) => e.type === 'message.created'), `category ${key}`).to.deep.equal([]);
      }
    });
  });

  describe('virola', () => {
    const decode = (over: (v: unknown) => Json): Decode => (v, invalid) => virola(virolaFrame(over(v)), virolaCtx(invalid), () => { throw new DecodeError('dropped'); });
    it('drops bad message times', () => {
      expectDroppedAndReported('createdUtc', decode((v) => ({ createdUtc: v })), BAD_TIMES);
      expectDroppedAndReported('lastModifiedUtc', decode((v) => ({ lastModifiedUtc: v })), BAD_TIMES);
    });
    it('rejects inherited markup and message types rather than storing Object functions', () => {
      for (const key of PROTO_KEYS) {
        for (const field of ['markupType', 'messageType']) {
          const r = run(decode(() => ({ [field]: key })), key);
          expect(functionsIn(r.events), `${field} ${key}`).to.deep.equal([]);
          expect(r.rejected, `${field} ${key}`).to.equal(true);
        }
      }
    });
  });
});
