import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import type { ParleyError } from '../../src/core/errors.js';
import { DecodeError } from '../../src/core/wire.js';
import { decodeChannelMessage, decodeFrame, type DecodeContext } from '../../src/core/protocols/chatwoot/codec.js';
import { createAdapter } from '../../src/core/protocols/chatwoot/protocol.js';
import { fakeTransport } from '../../src/core/transport/fake.js';
import { fakeFetch, testHost } from './fakes.js';
import { chatwootSeed } from '../fixtures/seed-chatwoot.js';

const NOW = 1_700_000_000_000;
const AGENT: DecodeContext = { role: 'agent', selfId: '1', now: NOW };
const CONTACT_10: DecodeContext = { role: 'contact', selfId: '10', now: NOW };
const CONTACT_12: DecodeContext = { role: 'contact', selfId: '12', now: NOW };

type Json = Record<string, unknown>;

/** A deep copy of a seed frame. */
function seed(name: string): Json {
  const s = chatwootSeed.find((x) => x.name === name);
  if (!s) throw new Error(`no seed sample ${name}`);
  return JSON.parse(JSON.stringify(s.frame)) as Json;
}

/** The `message.data` object of a frame, for edits. */
function dataOf(frame: Json): Json {
  return (frame.message as Json).data as Json;
}

/** Events without `raw`, for deep comparisons. */
function bare(events: ChatEvent[]): Json[] {
  return events.map((e) => {
    const copy: Json = { ...e };
    delete copy.raw;
    return copy;
  });
}

const JOHN = { id: '1', name: 'John', avatarUrl: 'https://www.gravatar.com/avatar/0d722ac7bc3b3c92c030d0da9690d981?d=404' };
const WHITE = { id: '10', name: 'white-shadow-394' };
const JANE = { id: '12', name: 'jane', avatarUrl: 'https://www.gravatar.com/avatar/526692031d4bb623b36ae4e340260f13?d=404' };
const META_WIDGET = { inboxId: '1', channel: 'Channel::WebWidget', canReply: true };

function msg106(role: 'self' | 'customer'): Json {
  return {
    id: '106', conversationId: '7', kind: 'text', text: 'hi', markup: 'markdown', attachments: [],
    createdAt: 1627060394000, updatedAt: Date.parse('2021-07-23T17:13:14.000Z'), version: Date.parse('2021-07-23T17:13:14.000Z'),
    status: 'sent', sender: { ...WHITE, role }, meta: { messageType: 'incoming' },
  };
}

describe('chatwoot codec: seed samples', () => {
  it('extracted every event sample of the seed once', () => {
    const names = chatwootSeed.map((s) => s.name);
    expect(names).to.deep.equal([
      'agent_presence', 'contact_presence', 'conversation_created', 'conversation_read', 'message_created',
      'message_updated', 'conversation_status_changed', 'conversation_typing_on', 'conversation_typing_off',
      'assignee_changed', 'team_changed', 'conversation_contact_changed', 'contact_created', 'contact_updated', 'presence_update',
    ]);
  });

  it('decodes every inbound sample for both roles, keeping wireName and a scrubbed raw', () => {
    for (const { name, frame } of chatwootSeed.filter((s) => !s.name.endsWith('_presence'))) {
      for (const ctx of [AGENT, CONTACT_10, { role: 'contact', now: NOW } as DecodeContext]) {
        const events = decodeFrame(frame, ctx);
        const wire = ((frame as Json).message as Json).event;
        for (const e of events) {
          expect(e.wireName, name).to.equal(wire);
          expect(e.raw, name).to.be.an('object');
          expect(JSON.stringify(e.raw), name).not.to.contain('"pubsub_token":"token"');
        }
        // The JSON text decodes to the same events.
        expect(bare(decodeFrame(JSON.stringify(frame), ctx)), name).to.deep.equal(bare(events));
      }
    }
  });

  it('conversation_created → conversation.created (agent: title is the contact, assignee is me)', () => {
    expect(bare(decodeFrame(seed('conversation_created'), AGENT))).to.deep.equal([{
      wireName: 'conversation.created', type: 'conversation.created', conversationId: '7',
      conversation: {
        id: '7', status: 'open', title: 'white-shadow-394', assignee: { ...JOHN, role: 'self' },
        members: [{ ...WHITE, role: 'customer' }, { ...JOHN, role: 'self' }],
        unreadCount: 0, lastActivityAt: 1627060394000, meta: META_WIDGET,
      },
    }]);
  });

  it('conversation_created for a contact: title is the agent, no unread count, the contact is self', () => {
    const [e] = decodeFrame(seed('conversation_created'), CONTACT_10);
    if (e?.type !== 'conversation.created') throw new Error('expected conversation.created');
    expect(e.conversation.title).to.equal('John');
    expect(e.conversation.unreadCount).to.equal(undefined);
    expect(e.conversation.assignee).to.deep.equal({ ...JOHN, role: 'agent' });
    expect(e.conversation.members?.[0]).to.deep.equal({ ...WHITE, role: 'self' });
  });

  it('conversation_read (agent) → update, its latest message, and a read receipt by the contact', () => {
    const events = bare(decodeFrame(seed('conversation_read'), AGENT));
    expect(events.map((e) => e.type)).to.deep.equal(['conversation.updated', 'message.created', 'receipt.read']);
    expect(events[0]).to.deep.include({ conversationId: '9' });
    expect((events[0] as { conversation: Json }).conversation).to.deep.equal({
      id: '9', status: 'open', title: 'jane', assignee: { ...JOHN, role: 'self' },
      members: [{ ...JANE, role: 'customer' }, { ...JOHN, role: 'self' }],
      unreadCount: 0, lastActivityAt: 1627061456000, peerLastReadAt: 1627061467000, meta: META_WIDGET,
    });
    expect((events[1] as { message: Json }).message).to.deep.equal({
      id: '117', conversationId: '9', kind: 'text', text: 'helllo', markup: 'markdown', attachments: [],
      createdAt: 1627061456000, updatedAt: 1627061456000, version: 1627061456000, status: 'sent',
      sender: { ...JOHN, role: 'self' }, meta: { messageType: 'outgoing' },
    });
    expect(events[2]).to.deep.equal({
      wireName: 'conversation.read', type: 'receipt.read', conversationId: '9', reader: { ...JANE, role: 'customer' }, at: 1627061467000,
    });
  });

  it('conversation_read (contact) → the reader is the agent, at agent_last_seen_at', () => {
    const events = bare(decodeFrame(seed('conversation_read'), CONTACT_12));
    expect(events[1]).to.have.nested.property('message.sender.role', 'agent');
    expect(events[2]).to.deep.equal({
      wireName: 'conversation.read', type: 'receipt.read', conversationId: '9', reader: { ...JOHN, role: 'agent' }, at: 1627061456000,
    });
  });

  it('conversation_read with a zero last-seen gives no receipt', () => {
    const frame = seed('conversation_read');
    dataOf(frame).contact_last_seen_at = 0;
    expect(decodeFrame(frame, AGENT).map((e) => e.type)).to.deep.equal(['conversation.updated', 'message.created']);
  });

  it('message_created: a customer for the agent, self for the contact (with or without a known id)', () => {
    expect(bare(decodeFrame(seed('message_created'), AGENT))).to.deep.equal([
      { wireName: 'message.created', type: 'message.created', conversationId: '7', message: msg106('customer') },
    ]);
    expect(bare(decodeFrame(seed('message_created'), CONTACT_10))).to.deep.equal([
      { wireName: 'message.created', type: 'message.created', conversationId: '7', message: msg106('self') },
    ]);
    const [anon] = decodeFrame(seed('message_created'), { role: 'contact', now: NOW });
    expect(anon).to.have.nested.property('message.sender.role', 'self');
  });

  it('message.created: an agent message is self only for that agent', () => {
    const frame = seed('message_created');
    Object.assign(dataOf(frame), { message_type: 1, sender: { id: 1, name: 'John', available_name: 'John', avatar_url: '', type: 'user' } });
    expect(decodeFrame(frame, AGENT)[0]).to.have.nested.property('message.sender.role', 'self');
    expect(decodeFrame(frame, { ...AGENT, selfId: '2' })[0]).to.have.nested.property('message.sender.role', 'agent');
    expect(decodeFrame(frame, CONTACT_10)[0]).to.deep.nested.include({ 'message.sender': { id: '1', name: 'John', role: 'agent' } });
  });

  it('message.created: echo_id, attachments, status, bots and activity messages', () => {
    const frame = seed('message_created');
    Object.assign(dataOf(frame), {
      echo_id: 'ref-1', status: 'read', content: null,
      attachments: [{ id: 5, file_type: 'image', data_url: 'https://x.test/a/photo%201.png', thumb_url: '', file_size: 1234, extension: 'png' }],
    });
    const [e] = decodeFrame(frame, AGENT);
    if (e?.type !== 'message.created') throw new Error('expected message.created');
    expect(e.message.clientRef).to.equal('ref-1');
    expect(e.message.status).to.equal('read');
    expect(e.message.kind).to.equal('file');
    expect(e.message.text).to.equal('');
    expect(e.message.attachments).to.deep.equal([{ id: '5', url: 'https://x.test/a/photo%201.png', size: 1234, kind: 'image', name: 'photo 1.png' }]);

    const bot = seed('message_created');
    Object.assign(dataOf(bot), { message_type: 1, sender: { id: 3, name: 'Bot', type: 'agent_bot' } });
    expect(decodeFrame(bot, CONTACT_10)[0]).to.have.nested.property('message.sender.role', 'bot');

    const activity = seed('message_created');
    Object.assign(dataOf(activity), { message_type: 2, content: 'Conversation was resolved', sender: undefined, sender_type: null, sender_id: null });
    const [a] = decodeFrame(activity, CONTACT_10);
    expect(a).to.have.nested.property('message.kind', 'system');
    expect(a).to.deep.nested.include({ 'message.sender': { id: 'system', role: 'system' } });
    // Chatwoot's clients render message content as Markdown; an activity line is the server's own words.
    expect(a).to.have.nested.property('message.markup', 'plain');
    expect(decodeFrame(bot, CONTACT_10)[0]).to.have.nested.property('message.markup', 'markdown');
  });

  it('private notes are dropped for a contact and kept (marked) for an agent', () => {
    const frame = seed('message_created');
    Object.assign(dataOf(frame), { private: true, message_type: 1 });
    expect(decodeFrame(frame, CONTACT_10)).to.deep.equal([]);
    expect(decodeFrame(frame, AGENT)[0]).to.have.nested.property('message.meta.private', true);
    const updated = seed('message_updated');
    dataOf(updated).private = true;
    expect(decodeFrame(updated, CONTACT_10)).to.deep.equal([]);
  });

  it('message_updated → message.updated with only the fields the wire carried', () => {
    const updatedAt = Date.parse('2021-07-23T17:23:14.000Z');
    for (const ctx of [AGENT, CONTACT_12]) {
      expect(bare(decodeFrame(seed('message_updated'), ctx))).to.deep.equal([{
        wireName: 'message.updated', type: 'message.updated', conversationId: '8',
        message: {
          id: '111', conversationId: '8', kind: 'template', text: 'Get notified by email', status: 'sent',
          createdAt: 1627060984000, updatedAt, version: updatedAt,
          meta: { messageType: 'template', contentType: 'input_email', contentAttributes: { submitted_email: 'jane@acme.inc' } },
        },
      }]);
    }
  });

  it('message.updated with content_attributes.deleted → message.deleted for everyone', () => {
    const frame = seed('message_updated');
    Object.assign(dataOf(frame), { content: 'This message was deleted', content_attributes: { deleted: true } });
    expect(bare(decodeFrame(frame, CONTACT_12))).to.deep.equal([
      { wireName: 'message.updated', type: 'message.deleted', conversationId: '8', messageIds: ['111'], scope: 'everyone' },
    ]);
  });

  it('conversation_status_changed → conversation.updated (pending) plus its latest message', () => {
    const events = bare(decodeFrame(seed('conversation_status_changed'), AGENT));
    expect(events.map((e) => e.type)).to.deep.equal(['conversation.updated', 'message.created']);
    expect(events[0]).to.deep.nested.include({ 'conversation.status': 'pending', 'conversation.lastActivityAt': 1627060756000 });
    expect(events[1]).to.deep.nested.include({ 'message.id': '107', 'message.createdAt': 1627060756000, 'message.sender.role': 'customer' });
    const forContact = decodeFrame(seed('conversation_status_changed'), CONTACT_10);
    expect(forContact[0]).to.deep.nested.include({ 'conversation.status': 'pending', 'conversation.peerLastReadAt': 1627060756000 });
    // An agent's read is announced to a contact by nothing but the conversation objects of other frames.
    expect(forContact.map((e) => e.type)).to.deep.equal(['conversation.updated', 'message.created', 'receipt.read']);
    expect(forContact[2]).to.deep.nested.include({ conversationId: '7', at: 1627060756000, 'reader.role': 'agent' });
  });

  it('conversation_typing_on → typing.started with a 30 s expiry, plus the agents\' read time it carries; my own typing is ignored', () => {
    expect(bare(decodeFrame(seed('conversation_typing_on'), AGENT))).to.deep.equal([{
      wireName: 'conversation.typing_on', type: 'typing.started', conversationId: '7',
      actor: { ...WHITE, role: 'customer' }, expiresAt: NOW + 30_000,
    }]);
    expect(decodeFrame(seed('conversation_typing_on'), CONTACT_10)).to.deep.equal([]);
    const agentTyping = seed('conversation_typing_on');
    dataOf(agentTyping).user = { id: 1, name: 'John', available_name: 'John', avatar_url: '', type: 'user' };
    const forContact = bare(decodeFrame(agentTyping, CONTACT_10));
    expect(forContact[0]).to.deep.equal({
      wireName: 'conversation.typing_on', type: 'typing.started', conversationId: '7',
      actor: { id: '1', name: 'John', role: 'agent' }, expiresAt: NOW + 30_000,
    });
    expect(forContact.slice(1).map((e) => e.type)).to.deep.equal(['receipt.read']);
    expect(forContact[1]).to.deep.nested.include({ conversationId: '7', at: 1627060549000, 'reader.role': 'agent' });
    expect(decodeFrame(agentTyping, AGENT)).to.deep.equal([]);
    dataOf(agentTyping).is_private = true;
    // A private typing shows nothing to the contact; the read time still counts.
    expect(decodeFrame(agentTyping, CONTACT_10).map((e) => e.type)).to.deep.equal(['receipt.read']);
    expect(decodeFrame(agentTyping, { ...AGENT, selfId: '2' })).to.have.length(1);
    // A conversation object that does not decode costs the receipt, never the typing.
    dataOf(agentTyping).is_private = false;
    dataOf(agentTyping).conversation = { id: 7, agent_last_seen_at: 'soon' };
    expect(decodeFrame(agentTyping, CONTACT_10).map((e) => e.type)).to.deep.equal(['typing.started']);
  });

  it('conversation_typing_off → typing.stopped', () => {
    expect(bare(decodeFrame(seed('conversation_typing_off'), AGENT))).to.deep.equal([
      { wireName: 'conversation.typing_off', type: 'typing.stopped', conversationId: '7', actorId: '10' },
    ]);
    expect(decodeFrame(seed('conversation_typing_off'), CONTACT_10)).to.deep.equal([]);
  });

  it('assignee_changed with "id": null decodes to unknown, without an error', () => {
    for (const ctx of [AGENT, CONTACT_10]) {
      expect(bare(decodeFrame(seed('assignee_changed'), ctx))).to.deep.equal([{ wireName: 'assignee.changed', type: 'unknown' }]);
    }
    const withId = seed('assignee_changed');
    dataOf(withId).id = 7;
    expect(decodeFrame(withId, AGENT)[0]).to.deep.nested.include({ type: 'conversation.updated', 'conversation.id': '7', 'conversation.assignee.id': '1' });
  });

  it('team_changed and conversation_contact_changed → conversation.updated plus the latest message', () => {
    const team = bare(decodeFrame(seed('team_changed'), AGENT));
    expect(team.map((e) => e.type)).to.deep.equal(['conversation.updated', 'message.created']);
    expect(team[0]).to.deep.nested.include({ conversationId: '8', 'conversation.title': 'jane', 'conversation.lastActivityAt': 1627060984000 });
    expect(team[1]).to.deep.nested.include({ 'message.id': '111', 'message.kind': 'template' });
    expect((team[1] as { message: Json }).message.sender).to.equal(undefined);
    const changed = bare(decodeFrame(seed('conversation_contact_changed'), AGENT));
    expect(changed.map((e) => e.type)).to.deep.equal(['conversation.updated', 'message.created']);
    expect(changed[0]).to.deep.include({ conversationId: '9' });
    expect((changed[0] as { conversation: Json }).conversation.peerLastReadAt).to.equal(undefined);
    expect(changed[1]).to.deep.nested.include({ 'message.id': '115', 'message.createdAt': 1627061309000 });
  });

  it('contact_created / contact_updated → profile.updated without credentials', () => {
    expect(bare(decodeFrame(seed('contact_created'), AGENT))).to.deep.equal([{
      wireName: 'contact.created', type: 'profile.updated',
      profile: { id: '1', role: 'customer', name: 'white-shadow-394', data: { additionalAttributes: {}, customAttributes: {} } },
    }]);
    const [updated] = bare(decodeFrame(seed('contact_updated'), AGENT));
    expect(updated).to.deep.equal({
      wireName: 'contact.updated', type: 'profile.updated',
      profile: { ...JANE, role: 'customer', data: { email: 'jane@acme.inc', additionalAttributes: {}, customAttributes: {} } },
    });
    expect(JSON.stringify(decodeFrame(seed('contact_updated'), AGENT))).not.to.contain('"token"');
  });

  it('presence_update → one presence.changed per scope', () => {
    expect(bare(decodeFrame(seed('presence_update'), AGENT))).to.deep.equal([
      { wireName: 'presence.update', type: 'presence.changed', scope: 'agents', statuses: { 1: 'online' } },
      { wireName: 'presence.update', type: 'presence.changed', scope: 'contacts', statuses: { 1: 'online' } },
    ]);
    const contactView = seed('presence_update');
    delete dataOf(contactView).contacts;
    expect(decodeFrame(contactView, CONTACT_10).map((e) => e.type)).to.deep.equal(['presence.changed']);
  });

  it('contact.merged → identity.changed + resync.required for the contact', () => {
    const frame = seed('contact_updated');
    (frame.message as Json).event = 'contact.merged';
    Object.assign(dataOf(frame), { id: 42, pubsub_token: 'new-token' });
    expect(bare(decodeFrame(frame, CONTACT_12))).to.deep.equal([
      { wireName: 'contact.merged', type: 'identity.changed', selfId: '42', name: 'jane' },
      { wireName: 'contact.merged', type: 'resync.required', reason: 'identity-changed' },
    ]);
    expect(decodeFrame(frame, AGENT).map((e) => e.type)).to.deep.equal(['profile.updated']);
  });

  it('conversation-shaped other events update the conversation; the rest are unknown', () => {
    const frame = seed('conversation_status_changed');
    for (const event of ['conversation.updated', 'conversation.mentioned', 'some.future_event']) {
      (frame.message as Json).event = event;
      expect(decodeFrame(frame, AGENT)[0]).to.deep.include({ type: 'conversation.updated', wireName: event, conversationId: '7' });
    }
    const note = { identifier: 'x', message: { event: 'notification.created', data: { notification: { id: 1 }, unread_count: 1, count: 3 } } };
    expect(bare(decodeFrame(note, AGENT))).to.deep.equal([{ wireName: 'notification.created', type: 'unknown' }]);
    expect(bare(decodeFrame({ message: { event: 'mystery', data: null } }, AGENT))).to.deep.equal([{ wireName: 'mystery', type: 'unknown' }]);
  });
});

describe('chatwoot codec: control and malformed frames', () => {
  it('decodes control frames to nothing (they are the transport\'s: see action-cable.test.ts)', () => {
    const cases: Json[] = [
      { type: 'welcome' },
      { type: 'ping', message: 1627061456 },
      { type: 'confirm_subscription', identifier: '{"channel":"RoomChannel"}' },
      { type: 'reject_subscription', identifier: 'x' },
      { type: 'disconnect', reason: 'server_restart', reconnect: true },
    ];
    for (const frame of cases) {
      expect(decodeFrame(frame, AGENT)).to.deep.equal([]);
      expect(decodeFrame(JSON.stringify(frame), AGENT)).to.deep.equal([]);
    }
  });

  it('a channel message as the transport hands it decodes like the whole frame', () => {
    const frame = seed('message_created');
    expect(decodeChannelMessage(frame.message, CONTACT_10)).to.deep.equal(decodeFrame(frame, CONTACT_10));
    let thrown: unknown;
    try {
      decodeChannelMessage({ event: 'message.created', data: { id: 1 } }, CONTACT_10);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).to.be.instanceOf(DecodeError);
  });

  it('throws DecodeError, and only DecodeError, for malformed input', () => {
    const good = seed('message_created');
    const broken = (edit: (d: Json) => void): Json => {
      const f = JSON.parse(JSON.stringify(good)) as Json;
      edit(dataOf(f));
      return f;
    };
    const bad: [string, unknown][] = [
      ['not JSON', 'this is not json {'],
      ['truncated JSON', JSON.stringify(good).slice(0, 80)],
      ['null', null],
      ['a number', 42],
      ['an array', [good]],
      ['no message', { identifier: 'x' }],
      ['message not an object', { identifier: 'x', message: 5 }],
      ['event not a string', { message: { event: 42, data: {} } }],
      ['unknown control type', { type: 'bogus' }],
      ['confirm without identifier', { type: 'confirm_subscription' }],
      ['message data missing', { message: { event: 'message.created' } }],
      ['message id an object', broken((d) => { d.id = { nope: true }; })],
      ['created_at not a date', broken((d) => { d.created_at = 'yesterday'; })],
      ['content a number array', broken((d) => { d.content = [1, 2]; })],
      ['message_type unknown', broken((d) => { d.message_type = 9; })],
      ['attachments not an array', broken((d) => { d.attachments = 'x'; })],
      ['typing without user', { message: { event: 'conversation.typing_on', data: { conversation: { id: 7 } } } }],
      ['presence users not a map', { message: { event: 'presence.update', data: { users: 'online' } } }],
      ['__proto__ key', '{"identifier":"x","message":{"event":"message.created","data":{"__proto__":{"polluted":true},"id":1,"conversation_id":7,"created_at":1}}}'],
      ['nested __proto__ key', '{"message":{"event":"contact.updated","data":{"id":1,"custom_attributes":{"__proto__":{"isAdmin":true}}}}}'],
    ];
    for (const [what, frame] of bad) {
      let thrown: unknown;
      try {
        decodeFrame(frame, AGENT);
      } catch (err) {
        thrown = err;
      }
      expect(thrown, what).to.be.instanceOf(DecodeError);
    }
    expect(({} as Json).polluted).to.equal(undefined);
    expect(({} as Json).isAdmin).to.equal(undefined);
  });

  it('a [good, bad, good] stream through the decode path: 2 applied, 1 reported, no credential in the report', async () => {
    const fake = fakeTransport({ autoAccept: true });
    const routes = { 'GET /public/api/v1/inboxes/inbox-1/contacts/source-1/conversations': () => [] };
    const options = { url: 'http://chat.test', options: { inboxIdentifier: 'inbox-1', sourceId: 'source-1', pubsubToken: 'secret-pubsub', contactId: '10' } };
    const t = testHost(options, fakeFetch(routes).fetch, undefined, fake.factory);
    const adapter = createAdapter(t.host);
    await adapter.connect(new AbortController().signal);
    const first = seed('message_created');
    const second = seed('message_created');
    Object.assign(dataOf(second), { id: 108, content: 'again', created_at: 1627060400 });
    const bad = { event: 'message.created', data: { id: 1, conversation_id: 7, created_at: 'never', content: 'secret-pubsub' } };
    for (const message of [first.message, bad, second.message]) fake.last!.push(message);
    adapter.close();
    expect(t.store.getState().messages.get('7')?.map((m) => m.id)).to.deep.equal(['106', '108']);
    expect(t.reports).to.have.length(1);
    const report: ParleyError = t.reports[0]!;
    expect(report.code).to.equal('decode');
    expect(report.protocol).to.equal('chatwoot');
    expect(report.frame).to.be.a('string').and.contain('message.created');
    expect(`${report.message} ${report.frame}`).not.to.contain('secret-pubsub');
  });
});
