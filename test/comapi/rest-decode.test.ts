import { expect } from '@open-wc/testing';
import { readConversations, readEventPage, readMessagesPage } from '../../src/core/protocols/comapi/decode-rest.js';
import type { DecodeContext } from '../../src/core/protocols/comapi/codec.js';
import { DecodeError } from '../../src/core/wire.js';
import { restMessage } from './helpers.js';
import { CONV, sentFrame, statusFrame } from './wire-frames.js';

const ME: DecodeContext = { selfId: 'me', now: Date.parse('2024-05-01T10:00:00.000Z') };

describe('comapi codec: REST answers', () => {
  it('conversation list: title, activity time, baseline event id; a bad item is reported and skipped', () => {
    const bad: unknown[] = [];
    const list = readConversations([
      { id: CONV, name: 'Support', description: 'Help', isPublic: false, participantCount: 2, latestSentEventId: 12, _createdOn: '2024-05-01T08:00:00.000Z', _updatedOn: '2024-05-01T09:30:00.000Z' },
      { name: 'no id' },
      { id: 'c2', _createdOn: '2024-05-01T07:00:00.000Z' },
    ], (_err, item) => bad.push(item));
    expect(list).to.deep.equal([
      { conversation: { id: CONV, title: 'Support', lastActivityAt: Date.parse('2024-05-01T09:30:00.000Z'), meta: { description: 'Help', isPublic: false, participantCount: 2 } }, latestEventId: 12 },
      { conversation: { id: 'c2', lastActivityAt: Date.parse('2024-05-01T07:00:00.000Z') } },
    ]);
    expect(bad).to.deep.equal([{ name: 'no id' }]);
    expect(() => readConversations({ not: 'a list' }, () => undefined)).to.throw(DecodeError);
  });

  it('a messages page: my message\'s status from the others\' statusUpdates, the status I gave theirs, orphaned receipts', () => {
    const page = readMessagesPage({
      earliestEventId: 5, latestEventId: 9,
      messages: [
        restMessage('m6', 6, 'me', 'mine', { ada: { status: 'delivered', on: 'x' }, bob: { status: 'read', on: 'y' } }),
        restMessage('m5', 5, 'ada', 'theirs, read by me', { me: { status: 'read', on: 'z' } }),
        restMessage('m7', 7, 'ada', 'theirs, new'),
      ],
      orphanedEvents: [{ id: 8, data: { name: 'read', payload: { messageId: 'm4', conversationId: CONV, profileId: 'ada', timestamp: '2024-05-01T09:00:08.000Z' }, eventId: 'e8' } }],
    }, CONV, ME, () => undefined);
    expect(page.earliestEventId).to.equal(5);
    expect(page.latestEventId).to.equal(9);
    expect(page.events.map((e) => (e.type === 'message.created' ? [e.message.id, e.message.seq, e.message.status, e.message.text] : [e.type]))).to.deep.equal([
      ['m6', 6, 'read', 'mine'], ['m5', 5, 'sent', 'theirs, read by me'], ['m7', 7, 'sent', 'theirs, new'], ['receipt.read'],
    ]);
    expect(page.events[3]).to.deep.include({ conversationId: CONV, messageIds: ['m4'], reader: { id: 'ada', role: 'member' }, at: Date.parse('2024-05-01T09:00:08.000Z') });
    expect(page.others).to.deep.equal([{ id: 'm5', mine: 'read' }, { id: 'm7' }]);
  });

  it('an events page decodes socket-shaped events, with the conversation id filled in when missing', () => {
    const bad: unknown[] = [];
    const noId = sentFrame({ seq: 3, id: 'm3' });
    delete ((noId.payload as Record<string, unknown>).context as Record<string, unknown>).conversationId;
    const decoded = readEventPage([noId, { ...statusFrame('delivered', { seq: 4 }), conversationId: CONV }, { name: 'conversationMessage.sent' }], CONV, ME, (_e, item) => bad.push(item));
    expect(decoded.map((d) => d.sequence)).to.deep.equal([{ conversationId: CONV, value: 3 }, { conversationId: CONV, value: 4 }]);
    expect(bad).to.have.length(1);
  });
});
