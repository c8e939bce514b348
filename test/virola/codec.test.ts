import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import { ChatStore } from '../../src/core/store.js';
import { DecodeError } from '../../src/core/wire.js';
import { VIROLA_EVENTS, decodeFrame, restMessages, type DecodeContext } from '../../src/core/protocols/virola/codec.js';
import { readRoom } from '../../src/core/protocols/virola/decode-conversation.js';
import { virolaSeed } from '../fixtures/seed-virola.js';
import { COMMENTS_ANSWER, MESSAGES_ANSWER, ROOMS_ANSWER, wireMessage, wireRoom } from './samples.js';

type Json = Record<string, unknown>;

const NOW = 1_700_000_000_000;
const BASE = 'https://virola.test';
const NAMES = new Map([['1', 'Admin'], ['2', 'Bob'], ['3', 'Carol']]);
const ME_1: DecodeContext = { selfId: '1', names: NAMES, baseUrl: BASE, now: NOW };
const ME_3: DecodeContext = { selfId: '3', names: NAMES, baseUrl: BASE, now: NOW };

function seed(name: string): Json {
  const s = virolaSeed.find((x) => x.name === name);
  if (!s) throw new Error(`no seed sample ${name}`);
  return JSON.parse(JSON.stringify(s.frame)) as Json;
}

/** Events without `raw`, for deep comparisons. */
function bare(events: ChatEvent[]): Json[] {
  return events.map((e) => {
    const copy: Json = { ...e };
    delete copy.raw;
    return copy;
  });
}

function frame(type: string, data: unknown): string {
  return JSON.stringify({ type, data });
}

describe('virola codec: seed samples', () => {
  it('extracted every event payload of the seed once, one per documented event', () => {
    expect(virolaSeed.map((s) => s.name)).to.deep.equal([
      'text_messages_created', 'text_messages_updated', 'text_message_deleted', 'room_created', 'room_updated', 'room_deleted',
    ]);
    expect(virolaSeed.map((s) => (s.frame as Json).type)).to.deep.equal([...VIROLA_EVENTS]);
  });

  it('TextMessagesCreated: a message, mine, timed now (the sample has no createdUtc), raw kept', () => {
    const f = seed('text_messages_created');
    const events = decodeFrame(f, ME_1);
    expect(bare(events)).to.deep.equal([{
      type: 'message.created', conversationId: '2', wireName: 'TextMessagesCreated',
      message: {
        id: '2000124', conversationId: '2', kind: 'text', text: 'Test message with attachment', markup: 'plain', attachments: [],
        sender: { id: '1', role: 'self', name: 'Admin' }, createdAt: NOW, status: 'sent', meta: { messageType: 'Regular' },
      },
    }]);
    expect(events[0]!.raw).to.deep.equal(((f.data as Json).messages as unknown[])[0]);
  });

  it('TextMessagesCreated: someone else\'s message for another reader', () => {
    const [e] = decodeFrame(seed('text_messages_created'), ME_3);
    expect(e?.type === 'message.created' && e.message.sender).to.deep.equal({ id: '1', role: 'member', name: 'Admin' });
  });

  it('TextMessagesUpdated: a patch with exactly the fields the sample carries', () => {
    expect(bare(decodeFrame(seed('text_messages_updated'), ME_3))).to.deep.equal([{
      type: 'message.updated', conversationId: '2', wireName: 'TextMessagesUpdated',
      message: { id: '2000124', conversationId: '2', kind: 'text', text: 'Updated message text', sender: { id: '1', role: 'member', name: 'Admin' }, meta: { messageType: 'Regular' } },
    }]);
  });

  it('TextMessageDeleted: a deletion for everyone in the room (a comment\'s too)', () => {
    expect(bare(decodeFrame(seed('text_message_deleted'), ME_1))).to.deep.equal([
      { type: 'message.deleted', conversationId: '2', messageIds: ['2000125'], scope: 'everyone', wireName: 'TextMessageDeleted' },
    ]);
  });

  it('RoomCreated / RoomUpdated / RoomDeleted: conversation created, patched by name, deleted', () => {
    expect(bare(decodeFrame(seed('room_created'), ME_1))).to.deep.equal([
      { type: 'conversation.created', conversation: { id: '2', title: 'New Room' }, wireName: 'RoomCreated' },
    ]);
    expect(bare(decodeFrame(seed('room_updated'), ME_1))).to.deep.equal([
      { type: 'conversation.updated', conversation: { id: '2', title: 'Updated Room Name' }, wireName: 'RoomUpdated' },
    ]);
    expect(bare(decodeFrame(seed('room_deleted'), ME_1))).to.deep.equal([
      { type: 'conversation.deleted', conversationId: '2', wireName: 'RoomDeleted' },
    ]);
  });

  it('all six samples, as JSON text, through a store: room, message, edit, deletion, rename, room gone', () => {
    const store = new ChatStore({ frame: (cb) => cb(), now: () => NOW });
    const apply = (name: string) => store.apply(decodeFrame(JSON.stringify(seed(name)), ME_3));
    apply('room_created');
    apply('text_messages_created');
    apply('text_messages_updated');
    let m = store.getState().messages.get('2')![0]!;
    expect([m.id, m.text, m.edited]).to.deep.equal(['2000124', 'Updated message text', true]);
    store.apply(decodeFrame(frame('TextMessageDeleted', { parentMessageId: 0, roomId: 2, messageId: 2000124 }), ME_3));
    m = store.getState().messages.get('2')![0]!;
    expect([m.deleted, m.text]).to.deep.equal([true, '']);
    apply('text_message_deleted'); // an id the store never had: nothing changes
    apply('room_updated');
    expect(store.getState().conversations.get('2')?.title).to.equal('Updated Room Name');
    apply('room_deleted');
    expect(store.getState().conversations.has('2')).to.equal(false);
    expect(store.getState().messages.has('2')).to.equal(false);
  });
});

describe('virola codec: messages', () => {
  it('the documented REST message list: times, version, attachment link, read by another user makes mine read', () => {
    const dropped: unknown[] = [];
    const events = restMessages(MESSAGES_ANSWER.messages, ME_1, (e) => dropped.push(e));
    expect(dropped).to.deep.equal([]);
    expect(bare(events)).to.deep.equal([
      {
        type: 'message.created', conversationId: '2', wireName: 'rest:message',
        message: {
          id: '2000124', conversationId: '2', kind: 'text', text: 'Test message with attachment', markup: 'plain',
          sender: { id: '1', role: 'self', name: 'Admin' }, createdAt: 1753207692547, updatedAt: 1753359160687, version: 1753359160687,
          status: 'read',
          attachments: [{ id: '13', name: 'Screenshot.png', size: 63560, url: `${BASE}/api/v1/attachments/13/Screenshot.png`, kind: 'image' }],
          meta: {
            messageType: 'Regular', priority: 'Normal', commentCount: 0,
            readBy: [{ userId: '1', at: 1759757496294 }, { userId: '2', at: 1759757494239 }],
          },
        },
      },
      {
        type: 'message.created', conversationId: '2', wireName: 'rest:message',
        message: {
          id: '2000129', conversationId: '2', kind: 'text', text: 'Test message', markup: 'plain', attachments: [],
          sender: { id: '3', role: 'member', name: 'Carol' }, createdAt: 1753210377178, updatedAt: 1753210404075, version: 1753210404075,
          status: 'sent', meta: { messageType: 'Regular', priority: 'Normal', commentCount: 0, readBy: [{ userId: '22', at: 1759757494299 }] },
        },
      },
    ]);
  });

  it('comments are replies: parentMessageId becomes threadParentId', () => {
    const events = restMessages(COMMENTS_ANSWER.messages, ME_1, () => undefined);
    expect(events.map((e) => e.type === 'message.created' && e.message.threadParentId)).to.deep.equal(['2000127', '2000127']);
    const [top] = restMessages([wireMessage(5)], ME_1, () => undefined);
    expect(top?.type === 'message.created' && 'threadParentId' in top.message).to.equal(false);
  });

  it('markupType maps to markup; messageType to kind; an edit shows as edited', () => {
    const markups = ['TextPlain', 'TextHtml', 'TextMarkdown', 'TextCode', 'TextLatex'].map((markupType, i) => {
      const [e] = decodeFrame(frame('TextMessagesCreated', { messages: [wireMessage(10 + i, { markupType })] }), ME_1);
      return e?.type === 'message.created' ? e.message.markup : undefined;
    });
    expect(markups).to.deep.equal(['plain', 'html', 'markdown', 'code', 'latex']);
    const kinds = ['Regular', 'Issue', 'Meeting'].map((messageType, i) => {
      const [e] = decodeFrame(frame('TextMessagesCreated', { messages: [wireMessage(20 + i, { messageType })] }), ME_1);
      return e?.type === 'message.created' ? e.message.kind : undefined;
    });
    expect(kinds).to.deep.equal(['text', 'task', 'post']);
    const [edited] = decodeFrame(frame('TextMessagesCreated', { messages: [wireMessage(30, { lastEditedUtc: 1_800_000_000_000 })] }), ME_1);
    expect(edited?.type === 'message.created' && edited.message.edited).to.equal(true);
  });

  it('a batch across rooms routes each message by its own roomId', () => {
    const events = decodeFrame(frame('TextMessagesCreated', { messages: [wireMessage(1, { roomId: 2 }), wireMessage(2, { roomId: 5 })] }), ME_1);
    expect(events.map((e) => [e.type, e.conversationId, e.type === 'message.created' && e.message.conversationId]))
      .to.deep.equal([['message.created', '2', '2'], ['message.created', '5', '5']]);
  });

  it('TextMessagesUpdated of my message read by others: status read and one receipt per reader besides me', () => {
    const wire = wireMessage(40, { userId: 1, readTimestamps: [{ userId: 1, readUtc: 5 }, { userId: 2, readUtc: 1_700_000_100_000 }, { userId: 3, readUtc: 1_700_000_200_000 }] });
    const events = decodeFrame(frame('TextMessagesUpdated', { messages: [wire] }), ME_1);
    expect(events.map((e) => e.type)).to.deep.equal(['message.updated', 'receipt.read', 'receipt.read']);
    expect(events[0]?.type === 'message.updated' && events[0].message.status).to.equal('read');
    expect(bare(events.slice(1))).to.deep.equal([
      { type: 'receipt.read', conversationId: '2', wireName: 'TextMessagesUpdated', reader: { id: '2', role: 'member', name: 'Bob' }, messageIds: ['40'], at: 1_700_000_100_000 },
      { type: 'receipt.read', conversationId: '2', wireName: 'TextMessagesUpdated', reader: { id: '3', role: 'member', name: 'Carol' }, messageIds: ['40'], at: 1_700_000_200_000 },
    ]);
    // Read by its author only: not read; someone else's message read by me: no receipt.
    const own = decodeFrame(frame('TextMessagesUpdated', { messages: [wireMessage(41, { userId: 1, readTimestamps: [{ userId: 1, readUtc: 5 }] })] }), ME_1);
    expect(own.map((e) => e.type === 'message.updated' ? e.message.status : e.type)).to.deep.equal(['sent']);
    const theirs = decodeFrame(frame('TextMessagesUpdated', { messages: [wireMessage(42, { userId: 2, readTimestamps: [{ userId: 1, readUtc: 5 }] })] }), ME_1);
    expect(theirs.map((e) => e.type)).to.deep.equal(['message.updated']);
  });

  it('read marks reach my message in a store, and never go back', () => {
    const store = new ChatStore({ frame: (cb) => cb(), now: () => NOW });
    store.apply(decodeFrame(frame('TextMessagesCreated', { messages: [wireMessage(50, { userId: 1 })] }), ME_1));
    const read = wireMessage(50, { userId: 1, lastModifiedUtc: NOW + 10, readTimestamps: [{ userId: 2, readUtc: NOW + 10 }] });
    store.apply(decodeFrame(frame('TextMessagesUpdated', { messages: [read] }), ME_1));
    expect(store.getState().messages.get('2')![0]!.status).to.equal('read');
    store.apply(decodeFrame(frame('TextMessagesCreated', { messages: [wireMessage(50, { userId: 1 })] }), ME_1)); // an old replay
    expect(store.getState().messages.get('2')![0]!.status).to.equal('read');
  });

  it('my echo confirms the optimistic message with the same text (no id, no reference on the wire)', () => {
    const store = new ChatStore({ frame: (cb) => cb(), now: () => NOW });
    const pending = store.addPending({ conversationId: '2', clientRef: 'ref-1', kind: 'text', text: 'hello', markup: 'plain', attachments: [], sender: { id: '1', role: 'self' }, createdAt: NOW });
    expect(pending.status).to.equal('pending');
    store.markHandedOver('2', 'ref-1'); // the outbox posted it; Virola answers with no message
    store.apply(decodeFrame(frame('TextMessagesCreated', { messages: [wireMessage(60, { userId: 1, text: 'hello' })] }), ME_1));
    const list = store.getState().messages.get('2')!;
    expect(list.map((m) => [m.id, m.status, m.clientRef])).to.deep.equal([['60', 'sent', 'ref-1']]);
  });
});

describe('virola codec: rooms', () => {
  it('the documented room list', () => {
    expect(ROOMS_ANSWER.rooms.map((r) => readRoom(r, true))).to.deep.equal([
      { id: '2', title: 'Admin', unreadCount: 0, lastActivityAt: 1718454147258, meta: { roomType: 'Private' } },
      { id: '3', title: 'Welcome!', unreadCount: 2243, lastActivityAt: 1718454147265, meta: { roomType: 'Public' } },
    ]);
  });

  it('every field of the web client\'s Room model; an update takes activity only from a last message', () => {
    const room = wireRoom(7, { isPinned: true, isArchived: true, isModerator: true, discussionMessageId: 99, lastMessage: { messageId: 2000300, userId: 2, createdUtc: 1_750_000_000_000 } });
    expect(readRoom(room, true)).to.deep.equal({
      id: '7', title: 'Room 7', unreadCount: 0, pinned: true, status: 'archived', lastMessageId: '2000300', lastActivityAt: 1_750_000_000_000,
      meta: { roomType: 'Private', isModerator: true, discussionMessageId: '99' },
    });
    expect(readRoom(wireRoom(8), false)).to.not.have.property('lastActivityAt');
    expect(readRoom(wireRoom(8), true).lastActivityAt).to.equal(1_700_000_000_008);
  });
});

describe('virola codec: malformed input', () => {
  const cases: [string, unknown, RegExp][] = [
    ['not JSON', '{"type": ', /frame: invalid JSON/],
    ['not an object', '[1, 2]', /frame: expected an object/],
    ['no type', JSON.stringify({ data: {} }), /frame\.type: expected a string/],
    ['no data', JSON.stringify({ type: 'RoomDeleted' }), /frame\.data: expected an object/],
    ['messages not a list', frame('TextMessagesCreated', { messages: {} }), /data\.messages: expected an array/],
    ['a message without messageId', frame('TextMessagesCreated', { messages: [{ roomId: 2, text: 'x' }] }), /messageId: expected an id/],
    ['a message without text', frame('TextMessagesCreated', { messages: [{ messageId: 1, roomId: 2 }] }), /text: a message needs its text/],
    ['an unknown markupType', frame('TextMessagesCreated', { messages: [wireMessage(1, { markupType: 'TextRtf' })] }), /markupType: unknown value "TextRtf"/],
    ['a deletion without roomId', frame('TextMessageDeleted', { messageId: 3 }), /data\.roomId: expected an id/],
    ['a room without roomId', frame('RoomCreated', { room: { name: 'x' } }), /data\.room\.roomId: expected an id/],
    ['a read timestamp without userId', frame('TextMessagesUpdated', { messages: [wireMessage(1, { readTimestamps: [{ readUtc: 1 }] })] }), /readTimestamps\[0\]\.userId/],
  ];
  for (const [what, input, message] of cases) {
    it(`${what}: a DecodeError`, () => {
      let error: unknown;
      try { decodeFrame(input, ME_1); } catch (err) { error = err; }
      expect(error).to.be.instanceOf(DecodeError);
      expect((error as Error).message).to.match(message);
    });
  }

  it('one bad message in a batch is dropped alone; the others decode', () => {
    const dropped: [string, unknown][] = [];
    const bad = { messageId: '', roomId: 2, text: 'no id' };
    const events = decodeFrame(frame('TextMessagesCreated', { messages: [wireMessage(1), bad, wireMessage(3)] }), ME_1, (e, item) => dropped.push([e.message, item]));
    expect(events.map((e) => e.type === 'message.created' && e.message.id)).to.deep.equal(['1', '3']);
    expect(dropped.length).to.equal(1);
    expect(dropped[0]![0]).to.match(/^data\.messages\[1\]: message\.messageId/);
    expect(dropped[0]![1]).to.deep.equal(bad);
  });

  it('an unknown event type is `unknown`; the prose\'s `eventType` spelling is read too', () => {
    expect(bare(decodeFrame(frame('UserStatusChanged', { userId: 1 }), ME_1))).to.deep.equal([{ type: 'unknown', wireName: 'UserStatusChanged' }]);
    expect(bare(decodeFrame(JSON.stringify({ eventType: 'RoomDeleted', data: { roomId: 4 } }), ME_1))).to.deep.equal([
      { type: 'conversation.deleted', conversationId: '4', wireName: 'RoomDeleted' },
    ]);
  });
});
