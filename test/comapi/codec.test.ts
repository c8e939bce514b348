import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import { ChatStore } from '../../src/core/store.js';
import { DecodeError } from '../../src/core/wire.js';
import { SDK_EVENTS, decodeFrame, decodeSdkEvent, type DecodeContext, type Decoded } from '../../src/core/protocols/comapi/codec.js';
import { readParts } from '../../src/core/protocols/comapi/decode-message.js';
import { comapiSeedEvents, comapiSeedInterfaces, comapiSeedSamples } from '../fixtures/seed-comapi.js';
import {
  CONV, MSG, lifecycleFrame, participantFrame, profileFrame, sentFrame, socketInfoFrame, statusFrame, typingFrame, updateFrame,
} from './wire-frames.js';

const NOW = Date.parse('2024-05-01T10:00:00.000Z');
const ME: DecodeContext = { selfId: 'me', now: NOW };
const SEED_CONV = 'd11bfbe9-0279-4460-a148-bce6af4f3dea';
const SEED_MSG = '5035615c-e370-4bec-b1f5-793faa866c43';

type Json = Record<string, unknown>;

function sample(name: string): Json {
  const s = comapiSeedSamples.find((x) => x.name === name);
  if (!s) throw new Error(`no seed sample ${name}`);
  return JSON.parse(JSON.stringify(s.data)) as Json;
}

/** Events without `raw`, for deep comparisons. */
function bare(d: Decoded | ChatEvent[]): Json[] {
  const events = Array.isArray(d) ? d : d.events;
  return events.map((e) => {
    const copy: Json = { ...e };
    delete copy.raw;
    return copy;
  });
}

describe('comapi codec: the seed', () => {
  it('extracted the event table, every interface and one sample per event (three for conversationMessageEvent)', () => {
    expect(comapiSeedEvents.map((e) => e.sdkEvent)).to.deep.equal([
      'conversationDeleted', 'conversationUndeleted', 'conversationUpdated', 'participantAdded', 'participantRemoved',
      'participantTyping', 'profileUpdated', 'conversationMessageEvent',
    ]);
    expect(Object.keys(comapiSeedInterfaces).sort()).to.deep.equal([
      'IConversationDeletedEventData', 'IConversationMessageEvent', 'IConversationUndeletedEventData', 'IConversationUpdatedEventData',
      'IMessageSentPayload', 'IMessageStatusUpdatePayload', 'IParticipantAddedEventData', 'IParticipantRemovedEventData',
      'IParticipantTypingEventData', 'IProfileUpdatedEvent',
    ]);
    expect(comapiSeedSamples.map((s) => s.name)).to.deep.equal([
      'conversationDeleted', 'conversationUndeleted', 'conversationUpdated', 'participantAdded', 'participantRemoved',
      'participantTyping', 'profileUpdated', 'conversationMessageEvent:conversationMessage.sent',
      'conversationMessageEvent:conversationMessage.read', 'conversationMessageEvent:conversationMessage.delivered',
    ]);
  });

  it('every sample has exactly the fields its interface declares, and the widget listens to every seed event', () => {
    for (const s of comapiSeedSamples) {
      const declared = comapiSeedInterfaces[s.payloadInterface]!.map((f) => f.name);
      expect(Object.keys(s.data), s.name).to.deep.equal(declared);
      if (s.payloadType) expect(Object.keys(s.data.payload as Json), `${s.name} payload`).to.deep.equal(comapiSeedInterfaces[s.payloadType]!.map((f) => f.name));
    }
    for (const e of comapiSeedEvents) expect(SDK_EVENTS as readonly string[], e.sdkEvent).to.include(e.sdkEvent);
  });

  it('conversation lifecycle samples: deleted, undeleted (restored), updated', () => {
    expect(bare(decodeSdkEvent('conversationDeleted', sample('conversationDeleted'), ME))).to.deep.equal([
      { wireName: 'conversationDeleted', type: 'conversation.deleted', conversationId: SEED_CONV },
    ]);
    expect(bare(decodeSdkEvent('conversationUndeleted', sample('conversationUndeleted'), ME))).to.deep.equal([
      { wireName: 'conversationUndeleted', type: 'conversation.restored', conversationId: SEED_CONV },
    ]);
    const roles = sample('conversationUpdated').roles;
    expect(bare(decodeSdkEvent('conversationUpdated', sample('conversationUpdated'), ME))).to.deep.equal([{
      wireName: 'conversationUpdated', type: 'conversation.updated',
      conversation: { id: SEED_CONV, title: 'Order 1234', meta: { description: 'Questions about the order', isPublic: false, roles } },
    }]);
  });

  it('participantAdded: someone else joins; when it is me, the conversation appears first', () => {
    expect(bare(decodeSdkEvent('participantAdded', sample('participantAdded'), ME))).to.deep.equal([{
      wireName: 'participantAdded', type: 'participant.joined', conversationId: SEED_CONV,
      participant: { id: 'alex', role: 'member' }, roleInConversation: 'participant',
    }]);
    expect(bare(decodeSdkEvent('participantAdded', sample('participantAdded'), { selfId: 'alex', now: NOW }))).to.deep.equal([
      { wireName: 'participantAdded', type: 'conversation.created', conversation: { id: SEED_CONV } },
      { wireName: 'participantAdded', type: 'participant.joined', conversationId: SEED_CONV, participant: { id: 'alex', role: 'self' }, roleInConversation: 'participant' },
    ]);
  });

  it('participantRemoved: isSelf only when it is me, and then the store drops the conversation', () => {
    expect(bare(decodeSdkEvent('participantRemoved', sample('participantRemoved'), ME))).to.deep.equal([
      { wireName: 'participantRemoved', type: 'participant.left', conversationId: SEED_CONV, participantId: 'alex', isSelf: false },
    ]);
    const mine = decodeSdkEvent('participantRemoved', sample('participantRemoved'), { selfId: 'alex', now: NOW });
    expect(bare(mine)[0]).to.include({ isSelf: true });
    const store = new ChatStore({ frame: (cb) => cb() });
    store.apply([{ type: 'conversation.created', conversation: { id: SEED_CONV, title: 'x' } }]);
    store.apply(mine.events);
    expect(store.getState().conversations.has(SEED_CONV)).to.equal(false);
  });

  it('participantTyping: typing with a synthesized expiry; my own echo is dropped', () => {
    expect(bare(decodeSdkEvent('participantTyping', sample('participantTyping'), ME))).to.deep.equal([
      { wireName: 'participantTyping', type: 'typing.started', conversationId: SEED_CONV, actor: { id: 'alex', role: 'member' }, expiresAt: NOW + 15_000 },
    ]);
    expect(decodeSdkEvent('participantTyping', sample('participantTyping'), { selfId: 'alex', now: NOW }).events).to.deep.equal([]);
    expect(bare(decodeSdkEvent('participantTyping', sample('participantTyping'), { ...ME, typingTtlMs: 4000 }))[0]).to.include({ expiresAt: NOW + 4000 });
  });

  it('profileUpdated: the profile with its eTag', () => {
    expect(bare(decodeSdkEvent('profileUpdated', sample('profileUpdated'), ME))).to.deep.equal([{
      wireName: 'profileUpdated', type: 'profile.updated',
      profile: {
        id: 'stevanl', role: 'member', name: 'Stevan', avatarUrl: 'https://example.com/avatars/stevanl.png',
        data: { id: 'stevanl', name: 'Stevan', avatar: 'https://example.com/avatars/stevanl.png', eTag: '"1b-jOXbdoTPVPyduUDoiscQOg"' },
      },
    }]);
  });

  it('conversationMessageEvent sent: a message ordered by conversationEventId', () => {
    const d = decodeSdkEvent('conversationMessageEvent', sample('conversationMessageEvent:conversationMessage.sent'), ME);
    expect(d.sequence).to.deep.equal({ conversationId: SEED_CONV, value: 3 });
    expect(bare(d)).to.deep.equal([{
      wireName: 'conversationMessage.sent', type: 'message.created', conversationId: SEED_CONV,
      message: {
        id: SEED_MSG, conversationId: SEED_CONV, kind: 'text', text: 'hello', markup: 'plain', attachments: [],
        createdAt: Date.parse('2016-10-18T11:47:46.511Z'), status: 'sent', sender: { id: 'alex', role: 'member', name: 'Alex' }, seq: 3,
      },
    }]);
  });

  it('conversationMessageEvent read and delivered: receipts for one message, in sequence', () => {
    for (const kind of ['read', 'delivered'] as const) {
      const d = decodeSdkEvent('conversationMessageEvent', sample(`conversationMessageEvent:conversationMessage.${kind}`), ME);
      expect(d.sequence, kind).to.deep.equal({ conversationId: SEED_CONV, value: 3 });
      expect(bare(d), kind).to.deep.equal([{
        wireName: `conversationMessage.${kind}`, type: `receipt.${kind}`, conversationId: SEED_CONV,
        reader: { id: 'alex', role: 'member' }, messageIds: [SEED_MSG], at: Date.parse('2016-10-18T11:41:47.194Z'),
      }]);
    }
  });

  it('read never downgrades to delivered when a late delivered arrives', () => {
    const store = new ChatStore({ frame: (cb) => cb() });
    const mine = sample('conversationMessageEvent:conversationMessage.sent');
    (mine.payload as Json).context = { from: { id: 'me' }, conversationId: SEED_CONV, sentBy: 'me', sentOn: '2016-10-18T11:40:00.000Z' };
    store.apply(decodeSdkEvent('conversationMessageEvent', mine, ME).events);
    store.apply(decodeSdkEvent('conversationMessageEvent', sample('conversationMessageEvent:conversationMessage.read'), ME).events);
    store.apply(decodeSdkEvent('conversationMessageEvent', sample('conversationMessageEvent:conversationMessage.delivered'), ME).events);
    expect(store.getState().messages.get(SEED_CONV)!.map((m) => m.status)).to.deep.equal(['read']);
  });
});

describe('comapi codec: socket frames', () => {
  it('conversationMessage.sent keeps its conversation id in payload.context; the events API puts it on top', () => {
    const d = decodeFrame(JSON.stringify(sentFrame({ seq: 7 })), ME);
    expect(d.sequence).to.deep.equal({ conversationId: CONV, value: 7 });
    const e = d.events[0]!;
    expect(e.type === 'message.created' && e.message).to.deep.include({ id: MSG, conversationId: CONV, seq: 7, text: 'hello', createdAt: Date.parse('2024-05-01T09:00:03.000Z') });
    const api = sentFrame({ seq: 8 });
    delete ((api.payload as Json).context as Json).conversationId;
    api.conversationId = 'from-top';
    expect(decodeFrame(api, ME).sequence).to.deep.equal({ conversationId: 'from-top', value: 8 });
  });

  it('my own message carries the client reference from metadata; another profile\'s never does', () => {
    const mine = decodeFrame(sentFrame({ from: 'me', metadata: { parleyRef: 'ref-1' } }), ME).events[0]!;
    expect(mine.type === 'message.created' && mine.message).to.deep.include({ clientRef: 'ref-1', sender: { id: 'me', role: 'self', name: 'me' } });
    const theirs = decodeFrame(sentFrame({ metadata: { parleyRef: 'ref-2' } }), ME).events[0]!;
    expect(theirs.type === 'message.created' && theirs.message.clientRef).to.equal(undefined);
  });

  it('delivered / read keep theirs in payload; my own read of their message is a self receipt', () => {
    const d = decodeFrame(statusFrame('read', { seq: 9 }), ME);
    expect(d.sequence).to.deep.equal({ conversationId: CONV, value: 9 });
    expect(bare(d)).to.deep.equal([{
      wireName: 'conversationMessage.read', type: 'receipt.read', conversationId: CONV, reader: { id: 'ada', role: 'member' },
      messageIds: [MSG], at: Date.parse('2024-05-01T09:00:05.000Z'),
    }]);
    expect(bare(decodeFrame(statusFrame('delivered', { profileId: 'me' }), ME))[0]).to.deep.include({ type: 'receipt.delivered', reader: { id: 'me', role: 'self' } });
  });

  it('typing on and off keep the conversation id in payload (no top-level one)', () => {
    expect(bare(decodeFrame(typingFrame(true), ME))).to.deep.equal([
      { wireName: 'conversation.participantTyping', type: 'typing.started', conversationId: CONV, actor: { id: 'ada', role: 'member' }, expiresAt: NOW + 15_000 },
    ]);
    expect(bare(decodeFrame(typingFrame(false), ME))).to.deep.equal([
      { wireName: 'conversation.participantTypingOff', type: 'typing.stopped', conversationId: CONV, actorId: 'ada' },
    ]);
    expect(decodeFrame(typingFrame(true, 'me'), ME).events).to.deep.equal([]);
  });

  it('participants, update (lowercase etag), delete, undelete and profile (camel eTag)', () => {
    expect(bare(decodeFrame(participantFrame('Added', 'me'), ME)).map((e) => e.type)).to.deep.equal(['conversation.created', 'participant.joined']);
    expect(bare(decodeFrame(participantFrame('Removed', 'me'), ME))).to.deep.equal([
      { wireName: 'conversation.participantRemoved', type: 'participant.left', conversationId: CONV, participantId: 'me', isSelf: true },
    ]);
    expect(bare(decodeFrame(updateFrame, ME))).to.deep.equal([{
      wireName: 'conversation.update', type: 'conversation.updated',
      conversation: { id: CONV, title: 'Order 1234', meta: { description: 'Order questions', isPublic: false, roles: (updateFrame.payload as Json).roles, etag: '"14-qFo2c"' } },
    }]);
    expect(bare(decodeFrame(lifecycleFrame('conversation.delete'), ME))).to.deep.equal([{ wireName: 'conversation.delete', type: 'conversation.deleted', conversationId: CONV }]);
    expect(bare(decodeFrame(lifecycleFrame('conversation.undelete'), ME))).to.deep.equal([{ wireName: 'conversation.undelete', type: 'conversation.restored', conversationId: CONV }]);
    expect(bare(decodeFrame(profileFrame, ME))).to.deep.equal([{
      wireName: 'profile.update', type: 'profile.updated',
      profile: { id: 'ada', role: 'member', name: 'Ada Lovelace', avatarUrl: 'https://example.com/ada.png', data: { ...(profileFrame.payload as Json), eTag: '"1b-jOXbd"' } },
    }]);
  });

  it('socket.info and other names are unknown, never an error; raw keeps the frame with credentials cut', () => {
    expect(bare(decodeFrame(socketInfoFrame, ME))).to.deep.equal([{ wireName: 'socket.info', type: 'unknown' }]);
    const d = decodeFrame({ ...socketInfoFrame, payload: { token: 'session-secret', nested: { authenticationToken: 'jwt-secret' } } }, ME);
    expect(JSON.stringify(d.events[0]!.raw)).not.to.match(/session-secret|jwt-secret/);
  });

  it('malformed frames throw a DecodeError naming the field', () => {
    const bad: [unknown, RegExp][] = [
      ['{not json', /invalid JSON/],
      [[], /frame: expected an object/],
      [{ payload: {} }, /frame.name/],
      [{ ...sentFrame(), payload: { ...(sentFrame().payload as Json), messageId: undefined } }, /messageId/],
      [{ ...sentFrame(), payload: { ...(sentFrame().payload as Json), parts: 'hello' } }, /parts: expected an array/],
      [{ ...sentFrame(), conversationEventId: 'x' }, /conversationEventId: expected a whole number/],
      [{ ...sentFrame(), payload: { ...(sentFrame().payload as Json), context: { sentOn: 'yesterday', from: { id: 'ada' }, conversationId: CONV } } }, /sentOn: not a date/],
      [{ ...statusFrame('read'), payload: { messageId: MSG, conversationId: CONV } }, /profileId/],
      [JSON.parse('{"name":"profile.update","payload":{"__proto__":{"x":1},"id":"a"}}'), /__proto__/],
      [{ name: 'conversation.delete', payload: {} }, /conversationId/],
    ];
    for (const [frame, message] of bad) {
      let err: unknown;
      try { decodeFrame(frame, ME); } catch (e) { err = e; }
      expect(err, JSON.stringify(frame)).to.be.instanceOf(DecodeError);
      expect((err as Error).message, JSON.stringify(frame)).to.match(message);
    }
  });
});

describe('comapi codec: message parts', () => {
  it('text parts become the text, image parts image attachments, other files file attachments', () => {
    expect(readParts([
      { name: 'body', type: 'text/plain', data: 'see', size: 3 },
      { name: 'photo.jpg', type: 'image/jpeg', url: 'https://cdn.example.com/photo.jpg', size: 2048 },
      { name: 'invoice.pdf', type: 'application/pdf', url: 'https://cdn.example.com/invoice.pdf' },
      { type: 'text/plain', data: 'attached' },
      { name: 'empty' },
    ], 'parts')).to.deep.equal({
      kind: 'text', text: 'see\nattached', markup: 'plain',
      attachments: [
        { kind: 'image', url: 'https://cdn.example.com/photo.jpg', mime: 'image/jpeg', name: 'photo.jpg', size: 2048 },
        { kind: 'file', url: 'https://cdn.example.com/invoice.pdf', mime: 'application/pdf', name: 'invoice.pdf' },
      ],
    });
  });

  it('an image alone is a file message; html text is marked for the sanitizer; a text file by url is an attachment', () => {
    expect(readParts([{ type: 'image/png', url: 'https://cdn.example.com/a.png' }], 'p')).to.deep.include({ kind: 'file', text: '' });
    expect(readParts([{ type: 'text/html', data: '<b>hi</b>' }], 'p')).to.deep.include({ text: '<b>hi</b>', markup: 'html' });
    expect(readParts([{ type: 'text/plain', data: 'a' }, { type: 'text/html', data: '<b>b</b>' }], 'p').markup).to.equal('plain');
    expect(readParts([{ type: 'text/plain', url: 'https://cdn.example.com/notes.txt', name: 'notes.txt' }], 'p').attachments)
      .to.deep.equal([{ kind: 'file', url: 'https://cdn.example.com/notes.txt', mime: 'text/plain', name: 'notes.txt' }]);
  });
});
