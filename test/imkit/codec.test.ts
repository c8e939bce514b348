import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import { ChatStore } from '../../src/core/store.js';
import { DecodeError, RawFrame } from '../../src/core/wire.js';
import { decodeEvent, IMKIT_EVENTS, type DecodeContext } from '../../src/core/protocols/imkit/codec.js';
import { imkitSeed, imkitSeedEvents } from '../fixtures/seed-imkit.js';
import { b64 } from './fakes.js';

const NOW = 1_700_000_000_000;
const CTX: DecodeContext = { selfId: 'me', now: NOW, typingTtlMs: 6000 };

type Json = Record<string, unknown>;

/** A deep copy of the seed example of an event. */
function seed(event: string): unknown {
  const s = imkitSeed.find((x) => x.event === event);
  if (!s) throw new Error(`no seed example for ${event}`);
  return JSON.parse(JSON.stringify(s.payload)) as unknown;
}

/** Events without `raw`, for deep comparisons. */
function bare(events: ChatEvent[]): Json[] {
  return events.map((e) => {
    const copy: Json = { ...e };
    delete copy.raw;
    return copy;
  });
}

function decode(event: string, payload: unknown, ctx: DecodeContext = CTX): Json[] {
  return bare(decodeEvent(event, payload, ctx));
}

const DESIRAE = { id: 'sss', role: 'member', name: 'Desirae' };
const BONJOUR = {
  id: '5c1ddf2d1536bbb6c49f7cfe', conversationId: 'demo-room', kind: 'text', text: 'Bonjour 2', markup: 'plain', attachments: [],
  createdAt: 1545461549380, status: 'sent', sender: DESIRAE, meta: { messageType: 'text', appId: 'SampleApp' },
};

/** What every seed example decodes to (selfId "me", now NOW). */
const EXPECTED: Record<string, Json[]> = {
  'chat message': [{ wireName: 'chat message', conversationId: 'demo-room', type: 'message.created', message: BONJOUR }],
  lastRead: [{
    wireName: 'lastRead', conversationId: '5be660651a71681534245a4e', type: 'receipt.read',
    reader: { id: 'aaa', role: 'member' }, upToMessageId: '5be7edaced649e42234f0699',
  }],
  typing: [{
    wireName: 'typing', conversationId: '58871b877390be11d5f1ab30', type: 'typing.started',
    actor: { id: 'someone:58871b877390be11d5f1ab30', role: 'member' }, expiresAt: NOW + 6000, preview: 'typing content',
  }],
  ai_streaming: [{
    wireName: 'ai_streaming', conversationId: '<RoomID>', type: 'ai.stream.chunk', messageId: 'ai-stream:<RoomID>:<ClientID>',
    delta: '<Message chunk content>', sender: { id: '<ClientID>', role: 'bot' },
  }],
  roomPref: [
    { wireName: 'roomPref', conversationId: 'demo-room', type: 'conversation.updated', conversation: { id: 'demo-room', muted: false, pinned: false, hidden: false } },
    {
      wireName: 'roomPref', conversationId: 'demo-room', type: 'preference.updated', scope: 'conversation', key: 'demo-room',
      value: { room: 'demo-room', folder: 'Some-Folder', hidden: false, muted: false, sticky: false, tags: ['demo', 'sample'] },
    },
  ],
  myPrefChange: [{
    wireName: 'myPrefChange', type: 'preference.updated', scope: 'user', key: 'demokey',
    value: { foo: 'bar', folders: { 'folder 1': { rooms: ['aaabbb', 'cccddd'] } } },
  }],
  myPrefDelete: [{ wireName: 'myPrefDelete', type: 'preference.updated', scope: 'user', key: 'demokey', deleted: true }],
  userDeleteMessages: [{ wireName: 'userDeleteMessages', conversationId: 'demo-FpOtW6', type: 'message.deleted', messageIds: 'all', scope: 'self' }],
};

describe('imkit codec: seed examples', () => {
  it('extracted every example of the seed once, and knows every event it lists', () => {
    expect(imkitSeed.map((s) => s.event)).to.deep.equal(['chat message', 'lastRead', 'typing', 'ai_streaming', 'roomPref', 'myPrefChange', 'myPrefDelete', 'userDeleteMessages']);
    expect(imkitSeedEvents).to.deep.equal(['chat message', 'room', 'lastRead', 'typing', 'ai_streaming', 'roomPref', 'myPrefChange', 'myPrefDelete', 'invitation', 'userDeleteMessages', 'messageDeleted']);
    expect(imkitSeedEvents.filter((e) => !(IMKIT_EVENTS as readonly string[]).includes(e))).to.deep.equal([]);
  });

  for (const { event } of imkitSeed) {
    it(`${event}: plain and base64 decode to the same exact events`, () => {
      const expected = EXPECTED[event];
      expect(expected, `an expectation for ${event}`).to.not.equal(undefined);
      const plain = decodeEvent(event, seed(event), CTX);
      expect(bare(plain)).to.deep.equal(expected);
      const encoded = decodeEvent(event, b64(seed(event)), CTX, true);
      expect(bare(encoded)).to.deep.equal(expected);
      expect(encoded.map((e) => (e.raw as RawFrame).value)).to.deep.equal(plain.map((e) => (e.raw as RawFrame).value));
    });
  }

  it('keeps the decoded payload as raw', () => {
    const [e] = decodeEvent('chat message', seed('chat message'), CTX);
    expect(e!.raw).to.be.instanceOf(RawFrame);
    expect((e!.raw as RawFrame).value).to.deep.equal(seed('chat message'));
  });

  it('a sender with my id is me (a message from my other device)', () => {
    const [e] = decode('chat message', seed('chat message'), { ...CTX, selfId: 'sss' });
    expect((e!.message as Json).sender).to.deep.equal({ ...DESIRAE, role: 'self' });
  });

  it('my own read marker from another device clears my unread count instead of marking anything read', () => {
    expect(decode('lastRead', seed('lastRead'), { ...CTX, selfId: 'aaa' })).to.deep.equal([
      { wireName: 'lastRead', conversationId: '5be660651a71681534245a4e', type: 'unread.changed', unreadCount: 0 },
    ]);
  });

  it('userDeleteMessages without "all" hides exactly the listed ids', () => {
    const payload = { ...(seed('userDeleteMessages') as Json), isUserDeleteAllMessagesInRoom: false };
    expect(decode('userDeleteMessages', payload)).to.deep.equal([
      { wireName: 'userDeleteMessages', conversationId: 'demo-FpOtW6', type: 'message.deleted', messageIds: ['64623ad9f83f7f1a35009d6b'], scope: 'self' },
    ]);
  });

  it('roomPref mute, pin (sticky) and hide reach the conversation list', () => {
    const store = new ChatStore({ frame: (cb) => cb() });
    store.apply(decodeEvent('roomPref', { ...(seed('roomPref') as Json), muted: true, sticky: true, hidden: true }, CTX));
    expect(store.getState().conversations.get('demo-room')).to.deep.equal({ id: 'demo-room', muted: true, pinned: true, hidden: true });
    expect(store.getState().preferences.has('conversation:demo-room')).to.equal(true);
    store.apply(decodeEvent('roomPref', seed('roomPref'), CTX));
    expect(store.getState().conversations.get('demo-room')).to.deep.equal({ id: 'demo-room', muted: false, pinned: false, hidden: false });
  });

  it('myPrefChange then myPrefDelete set and remove the user preference', () => {
    const store = new ChatStore({ frame: (cb) => cb() });
    store.apply(decodeEvent('myPrefChange', seed('myPrefChange'), CTX));
    expect(store.getState().preferences.get('user:demokey')).to.deep.equal({ foo: 'bar', folders: { 'folder 1': { rooms: ['aaabbb', 'cccddd'] } } });
    store.apply(decodeEvent('myPrefDelete', b64(seed('myPrefDelete')), CTX, true));
    expect(store.getState().preferences.has('user:demokey')).to.equal(false);
  });
});

describe('imkit codec: events the seed describes by their fields', () => {
  it('messageDeleted: one message, or every message ("_all"), for everyone', () => {
    expect(decode('messageDeleted', { room: 'demo-room', messageID: '5f890cf37d980e06f6aaf349' })).to.deep.equal([
      { wireName: 'messageDeleted', conversationId: 'demo-room', type: 'message.deleted', messageIds: ['5f890cf37d980e06f6aaf349'], scope: 'everyone' },
    ]);
    expect(bare(decodeEvent('messageDeleted', b64({ room: 'demo-room', messageID: '_all' }), CTX, true))).to.deep.equal([
      { wireName: 'messageDeleted', conversationId: 'demo-room', type: 'message.deleted', messageIds: 'all', scope: 'everyone' },
    ]);
  });

  const ROOM: Json = {
    _id: 'demo-room', name: 'Demo Demo', roomType: 'group', unread: 2, muted: true,
    members: [{ _id: 'me', nickname: 'Me' }, { _id: 'sss', nickname: 'Elsa', avatarUrl: 'https://example.com/a.jpg' }],
    pref: { tags: ['demo'], hidden: false, sticky: true, muted: true },
    memberProperties: [{ client: 'me', lastRead: 'm1' }, { client: 'sss', lastRead: 'm2', badge: 0 }],
    lastMessage: { _id: 'm2', message: 'Hello', room: 'demo-room', sender: { _id: 'sss', nickname: 'Elsa' }, messageType: 'text', messageTimeMS: 1602817267923 },
    createdTimeMS: 1525001412492,
  };

  it('room: the conversation (title, members, unread, mute/pin/hide, last activity) and the others\' read markers', () => {
    expect(decode('room', ROOM)).to.deep.equal([
      {
        wireName: 'room', conversationId: 'demo-room', type: 'conversation.updated',
        conversation: {
          id: 'demo-room', title: 'Demo Demo', unreadCount: 2, muted: true, pinned: true, hidden: false,
          members: [{ id: 'me', role: 'self', name: 'Me' }, { id: 'sss', role: 'member', name: 'Elsa', avatarUrl: 'https://example.com/a.jpg' }],
          lastMessageId: 'm2', lastActivityAt: 1602817267923, meta: { roomType: 'group' },
        },
      },
      { wireName: 'room', conversationId: 'demo-room', type: 'receipt.read', reader: { id: 'sss', role: 'member' }, upToMessageId: 'm2' },
    ]);
  });

  it('room: a direct room without a name is titled after the other member', () => {
    const [e] = decode('room', { _id: 'd1', roomType: 'direct', members: [{ _id: 'me' }, { _id: 'bo', nickname: 'Bo' }] });
    expect((e!.conversation as Json).title).to.equal('Bo');
  });

  it('room: a member list without me means I was removed', () => {
    expect(decode('room', { _id: 'r9', members: [{ _id: 'sss' }] })).to.deep.equal([
      { wireName: 'room', conversationId: 'r9', type: 'participant.left', participantId: 'me', isSelf: true },
    ]);
  });

  it('invitation: the room, who invited, when', () => {
    const payload = { room: { _id: 'beta', name: 'Beta testers', members: [{ _id: 'kit' }] }, inviter: { _id: 'kit', nickname: 'Kit' }, createdTimeMS: 1700000000100, updatedTimeMS: 1700000000100 };
    expect(decode('invitation', payload)).to.deep.equal([{
      wireName: 'invitation', conversationId: 'beta', type: 'invitation',
      invitation: { conversationId: 'beta', from: { id: 'kit', role: 'member', name: 'Kit' }, title: 'Beta testers', at: 1700000000100 },
    }]);
    expect(decode('cancelInvitation', { room: 'beta' })).to.deep.equal([
      { wireName: 'cancelInvitation', conversationId: 'beta', type: 'invitation', invitation: { conversationId: 'beta' }, cancelled: true },
    ]);
  });

  it('ai_streaming with a message id grows that message; a self typing event is dropped', () => {
    expect(decode('ai_streaming', { room: 'r', sender: 'bot', senderInfo: { _id: 'bot', nickname: 'Kit AI', isRobot: true }, text: 'Hel', messageId: 'm9' })).to.deep.equal([
      { wireName: 'ai_streaming', conversationId: 'r', type: 'ai.stream.chunk', messageId: 'm9', delta: 'Hel', sender: { id: 'bot', role: 'bot', name: 'Kit AI' } },
    ]);
    expect(decode('typing', { room: 'r', sender: 'me' })).to.deep.equal([]);
    expect(decode('typing', { room: 'r', sender: 'kit', senderInfo: { _id: 'kit', nickname: 'Kit' } })).to.deep.equal([
      { wireName: 'typing', conversationId: 'r', type: 'typing.started', actor: { id: 'kit', role: 'member', name: 'Kit' }, expiresAt: NOW + 6000 },
    ]);
  });

  it('an event it does not know is `unknown`, not an error', () => {
    expect(decode('reaction', { room: 'r' })).to.deep.equal([{ wireName: 'reaction', type: 'unknown' }]);
  });
});

describe('imkit codec: chat message types', () => {
  const base = (extra: Json): Json => ({
    _id: 'm1', room: 'r1', sender: { _id: 'kit', nickname: 'Kit' }, messageTimeMS: 1000, updatedAtMS: 1000, ...extra,
  });
  const types = (events: Json[]): string[] => events.map((e) => e.type as string);

  it('recall: the message becomes a recalled tombstone', () => {
    const events = decode('chat message', base({ messageType: 'recall', message: '', updatedAtMS: 2000 }));
    expect(events).to.deep.equal([
      { wireName: 'chat message', conversationId: 'r1', type: 'message.updated', message: { id: 'm1', conversationId: 'r1', kind: 'recalled', updatedAt: 2000, version: 2000 } },
      { wireName: 'chat message', conversationId: 'r1', type: 'message.deleted', messageIds: ['m1'], scope: 'everyone' },
    ]);
    const store = new ChatStore({ frame: (cb) => cb() });
    store.apply(decodeEvent('chat message', base({ message: 'oops' }), CTX));
    store.apply(decodeEvent('chat message', base({ messageType: 'recall', message: '', updatedAtMS: 2000 }), CTX));
    const m = store.getState().messages.get('r1')![0]!;
    expect([m.kind, m.deleted, m.text, m.edited]).to.deep.equal(['recalled', true, '', undefined]);
  });

  it('joinRoom / leaveRoom: a notice, and the member joins or leaves (me leaving drops the room)', () => {
    const join = decode('chat message', base({ messageType: 'joinRoom', message: '' }));
    expect(types(join)).to.deep.equal(['message.created', 'participant.joined']);
    expect((join[0]!.message as Json).text).to.equal('Kit joined');
    expect((join[0]!.message as Json).kind).to.equal('system');
    expect(join[1]!.participant).to.deep.equal({ id: 'kit', role: 'member', name: 'Kit' });
    const mine = decode('chat message', base({ messageType: 'joinRoom', sender: { _id: 'me', nickname: 'Me' } }));
    expect(types(mine), 'my join ends my invitation').to.deep.equal(['message.created', 'participant.joined', 'invitation']);
    expect(mine[2]).to.deep.include({ invitation: { conversationId: 'r1' }, cancelled: true });
    const leave = decode('chat message', base({ messageType: 'leaveRoom', sender: { _id: 'me', nickname: 'Me' } }));
    expect(leave[1]).to.deep.equal({ wireName: 'chat message', conversationId: 'r1', type: 'participant.left', participantId: 'me', isSelf: true });
    expect((leave[0]!.message as Json).text).to.equal('You left');
  });

  it('addMember (member), addMembers (extra.invitees, as JSON text), deleteMember (extra.members)', () => {
    const add = decode('chat message', base({ messageType: 'addMember', member: { _id: 'bo', nickname: 'Bo' } }));
    expect((add[0]!.message as Json).text).to.equal('Kit added Bo');
    expect(add[1]).to.deep.include({ type: 'participant.joined', participant: { id: 'bo', role: 'member', name: 'Bo' } });
    const many = decode('chat message', base({ messageType: 'addMembers', extra: JSON.stringify({ invitees: [{ _id: 'a', nickname: 'A' }, { _id: 'b', nickname: 'B' }] }) }));
    expect(types(many)).to.deep.equal(['message.created', 'participant.joined', 'participant.joined']);
    const meAdded = decode('chat message', base({ messageType: 'addMember', member: { _id: 'me' } }));
    expect(types(meAdded)).to.deep.equal(['message.created', 'participant.joined', 'invitation']);
    expect((many[0]!.message as Json).text).to.equal('Kit added A, B');
    const del = decode('chat message', base({ messageType: 'deleteMember', extra: { members: [{ _id: 'me', nickname: 'Me' }] } }));
    expect(del[1]).to.deep.include({ type: 'participant.left', participantId: 'me', isSelf: true });
    expect((del[0]!.message as Json).text).to.equal('Kit removed You');
  });

  it('cancelInvitations that name me withdraw my invitation; announcements show their text', () => {
    const cancel = decode('chat message', base({ messageType: 'cancelInvitations', extra: { invitees: [{ _id: 'me' }] } }));
    expect(cancel[1]).to.deep.equal({ wireName: 'chat message', conversationId: 'r1', type: 'invitation', invitation: { conversationId: 'r1' }, cancelled: true });
    const other = decode('chat message', base({ messageType: 'cancelInvitations', extra: { invitees: [{ _id: 'zed' }] } }));
    expect(types(other)).to.deep.equal(['message.created']);
    const note = decode('chat message', base({ messageType: 'announcement', message: 'Maintenance at 9' }));
    expect(note[0]!.message).to.deep.include({ kind: 'system', text: 'Maintenance at 9' });
  });

  it('image and file messages carry their attachments; a reply names its parent', () => {
    const img = decode('chat message', base({ messageType: 'image', images: [{ originalUrl: 'https://x.test/a.png', thumbnailUrl: 'https://x.test/a_t.png' }] }));
    expect((img[0]!.message as Json).attachments).to.deep.equal([{ kind: 'image', url: 'https://x.test/a.png', thumbnailUrl: 'https://x.test/a_t.png' }]);
    const file = decode('chat message', base({ messageType: 'file', message: 'report', originalUrl: 'https://x.test/r.pdf', extra: { fileName: 'report.pdf', mimeType: 'application/pdf', bytes: 2048 } }));
    expect((file[0]!.message as Json).attachments).to.deep.equal([{ kind: 'file', url: 'https://x.test/r.pdf', name: 'report.pdf', mime: 'application/pdf', size: 2048 }]);
    const reply = decode('chat message', base({ message: 'yes', reply: { _id: 'm0' } }));
    expect((reply[0]!.message as Json).threadParentId).to.equal('m0');
  });

  it('times: messageTimeMS first, then ISO messageTime; none at all is now', () => {
    const iso = decode('chat message', { _id: 'a', room: 'r', message: 'x', messageTime: '2018-12-22T06:52:29.380Z' });
    expect((iso[0]!.message as Json).createdAt).to.equal(1545461549380);
    const none = decode('chat message', { _id: 'b', room: 'r', message: 'x' });
    expect((none[0]!.message as Json).createdAt).to.equal(NOW);
  });
});

describe('imkit codec: malformed payloads', () => {
  const bad: [string, unknown, boolean][] = [
    ['chat message', { room: 'r', message: 'no id' }, false],
    ['chat message', { _id: 'x', message: 'no room' }, false],
    ['chat message', 'not base64 at all!', true],
    ['chat message', b64('a string, not a message'), true],
    ['lastRead', ['array'], false],
    ['lastRead', { roomID: 'r' }, false],
    ['typing', { message: 'no room' }, false],
    ['typing', 'a bare room id', false],
    ['cancelInvitation', 42, false],
    ['messageDeleted', { room: 'r' }, false],
    ['userDeleteMessages', { room: 'r', messages: [{}] }, false],
    ['myPrefChange', { data: {} }, false],
    ['myPrefDelete', { nope: 1 }, false],
    ['invitation', { inviter: { _id: 'kit' } }, false],
    ['roomPref', { room: 'r', muted: 'yes' }, false],
    ['chat message', JSON.parse('{"_id":"x","room":"r","__proto__":{"polluted":true}}'), false],
  ];
  for (const [event, payload, base64] of bad) {
    it(`${event} ${JSON.stringify(payload).slice(0, 50)} → DecodeError`, () => {
      expect(() => decodeEvent(event, payload, CTX, base64)).to.throw(DecodeError);
    });
  }

  it('credentials in a payload never reach raw', () => {
    const [e] = decodeEvent('chat message', { ...(seed('chat message') as Json), sender: { _id: 'sss', token: 'secret-token', 'IM-Authorization': 'secret2' } }, CTX);
    expect(JSON.stringify(e!.raw)).to.not.contain('secret');
    expect(JSON.stringify(e!.raw)).to.contain('[redacted]');
  });
});
