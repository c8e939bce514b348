import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import type { Actor } from '../../src/core/model.js';
import type { RawFrame } from '../../src/core/wire.js';
import { DecodeError } from '../../src/core/wire.js';
import {
  decodeMessageSent, decodeSocketEvent, encodeBody, encodeSend, encodeSubscribe, type DecodeContext,
} from '../../src/core/protocols/spaces/codec.js';
import { spacesSeed } from '../fixtures/seed-spaces.js';

type Json = Record<string, unknown>;

const NOW = 1_700_000_000_000;
const TEST_USER = '5f04251caa4a347af9946e06';
const VIDAS = '5ef9b678aa4a347af983c74c';
const ME: DecodeContext = { selfId: TEST_USER, now: NOW };
const OTHER: DecodeContext = { selfId: 'someone-else', now: NOW };

/** A deep copy of a seed payload. */
function seed(name: string): Json {
  const s = spacesSeed.find((x) => x.name === name);
  if (!s) throw new Error(`no seed sample ${name}`);
  return JSON.parse(JSON.stringify(s.payload)) as Json;
}

/** Events without `raw`, for deep comparisons. */
function bare(events: ChatEvent[]): Json[] {
  return events.map((e) => {
    const copy: Json = { ...e };
    delete copy.raw;
    return copy;
  });
}

const decode = (name: string, ctx: DecodeContext = ME) => bare(decodeMessageSent(seed(name), ctx).events);
const iso = (s: string) => Date.parse(s);
const TEST_USER_ACTOR = { id: TEST_USER, name: 'Test user' }; // picture_url is the "no image" placeholder: no avatar

describe('spaces codec: seed samples', () => {
  it('extracted every payload sample of the seed', () => {
    expect(spacesSeed.map((s) => s.name)).to.deep.equal([
      'topic.markread', 'app.event.user.topic.preference.updated', 'chat', 'idea', 'task', 'topic.updated',
      'app.event.task.updated', 'app.event.idea.updated', 'chat#2', 'app.event.message.removed', 'app.event.topic.new',
    ]);
    expect(spacesSeed.find((s) => s.name === 'chat#2')?.note).to.equal('This is a comment inside a post');
  });

  it('decodes every sample for me and for someone else, with wireName and raw, the JSON text alike', () => {
    for (const { name, payload } of spacesSeed) {
      for (const ctx of [ME, OTHER, { now: NOW }]) {
        const events = decodeMessageSent(payload, ctx).events;
        expect(events.length, name).to.be.greaterThan(0);
        for (const e of events) {
          expect(e.type, name).not.to.equal('unknown');
          expect(e.wireName, name).to.equal(`MESSAGE_SENT/${String(payload.category)}`);
          expect((e.raw as RawFrame).value, name).to.deep.equal(payload);
          expect((e.raw as RawFrame).value, name).not.to.equal(payload); // a copy
        }
        expect(bare(decodeMessageSent(JSON.stringify(payload), ctx).events), name).to.deep.equal(bare(events));
      }
    }
  });

  it('chat → message.created: HTML body, sender, times; mine when the sender is me', () => {
    expect(decode('chat')).to.deep.equal([{
      wireName: 'MESSAGE_SENT/chat', conversationId: '5f06c25e574ca36b54cb4cdf', type: 'message.created',
      message: {
        id: '5f103c8b76111fce5a460df8', conversationId: '5f06c25e574ca36b54cb4cdf', kind: 'text', text: '<p>asd</p>', markup: 'html',
        attachments: [], createdAt: iso('2020-07-16T11:39:55.232Z'), updatedAt: iso('2020-07-16T11:39:55.232Z'), version: iso('2020-07-16T11:39:55.232Z'),
        status: 'sent', sender: { ...TEST_USER_ACTOR, role: 'self' },
        meta: { category: 'chat', commentCount: 0, spaceTitle: 'aadasdasdasdasd' },
      },
    }]);
    expect(decode('chat', OTHER)[0]).to.have.nested.property('message.sender.role', 'member');
  });

  it('the "idea" sample is a comment on a post: a chat with threadParentId and what it comments on', () => {
    const [e] = decode('idea', OTHER);
    expect(e).to.deep.include({ type: 'message.created', wireName: 'MESSAGE_SENT/chat', conversationId: '5f047cbf1f2f363310b0cda0' });
    expect((e as { message: Json }).message).to.deep.equal({
      id: '5f0851de1015c7c2ba29fd2e', conversationId: '5f047cbf1f2f363310b0cda0', kind: 'text', text: '<p>asdadasasdasd</p>', markup: 'html',
      attachments: [], createdAt: iso('2020-07-10T11:32:46.990Z'), updatedAt: iso('2020-07-10T11:32:46.990Z'), version: iso('2020-07-10T11:32:46.990Z'),
      status: 'sent', sender: { ...TEST_USER_ACTOR, role: 'member' }, threadParentId: '5f058047497958bd3862b9cf',
      meta: { category: 'chat', commentCount: 0, spaceTitle: 'testspace', parentCategory: 'idea', parentText: 'asdasdfasdf' },
    });
  });

  it('chat#2 (comment inside a post) keeps its multi-line HTML body', () => {
    const [e] = decode('chat#2');
    expect(e).to.have.nested.property('message.text', '<p>asdasdasdasd</p>\n<p><br></p>\n<p><br></p>');
    expect(e).to.have.nested.property('message.threadParentId', '5f1052c2d374313d0ca8ce3a');
    expect(e).to.have.nested.property('message.meta.parentCategory', 'idea');
  });

  it('task (no _id, no sender, no created): a task with title, state, assignees, due date and its file; a stable derived id', () => {
    const members: Actor[] = [{ id: TEST_USER, role: 'self', name: 'Test user' }];
    const ctx: DecodeContext = { ...ME, members: (id) => (id === '5f0425254b3cd61ae416fa5f' ? members : undefined) };
    const [e] = bare(decodeMessageSent(seed('task'), ctx).events);
    const message = (e as { message: Json }).message;
    expect(message.id).to.match(/^5f0425254b3cd61ae416fa5f:task:[0-9a-z]+$/);
    expect(message).to.deep.equal({
      id: message.id, conversationId: '5f0425254b3cd61ae416fa5f', kind: 'task', text: '<p>asdasdasd</p>', markup: 'html',
      attachments: [{ id: '63cb20f5-12d8-4dea-b784-ae13c11a1cb8', name: 'userActions compressed.txt', mime: 'text/plain', size: 2034, kind: 'file' }],
      createdAt: NOW, status: 'sent',
      meta: { category: 'task', title: 'asdasd', status: 'pending', assignees: [{ id: TEST_USER, name: 'Test user' }], dueDate: iso('2020-07-10T11:06:59.733Z') },
    });
    // The same payload always gets the same id (so a replay dedupes).
    expect((decode('task')[0] as { message: Json }).message.id).to.equal(message.id);
  });

  it('app.event.task.updated / idea.updated → message.updated with the whole new state (files with links)', () => {
    const [task] = decode('app.event.task.updated');
    expect(task).to.deep.include({ type: 'message.updated', conversationId: '5f0425254b3cd61ae416fa5f' });
    const patch = (task as { message: Json }).message;
    expect(patch).to.deep.include({
      id: '5f084be01015c7ea0129f976', kind: 'task', text: '<p>asdasdasdasdasasd</p>', markup: 'html',
      createdAt: iso('2020-07-10T11:07:12.284Z'), updatedAt: iso('2020-07-10T11:11:48.199Z'), version: iso('2020-07-10T11:11:48.199Z'),
    });
    expect(patch.status, 'an update never sets the delivery state').to.equal(undefined);
    expect(patch.meta).to.deep.equal({ category: 'app.event.task.updated', title: 'asdasd', status: 'pending', assignees: [{ id: TEST_USER }], dueDate: iso('2020-07-10T11:06:59.733Z') });
    const [file] = patch.attachments as Json[];
    expect(file).to.include({ id: '63cb20f5-12d8-4dea-b784-ae13c11a1cb8', name: 'userActions compressed.txt', size: 2034, kind: 'file', mime: 'text/plain' });
    expect(String(file?.url)).to.match(/^https:\/\/storage\.googleapis\.com\/spaces2020\/logan%2F63cb20f5/);

    const [idea] = decode('app.event.idea.updated');
    expect(idea).to.have.nested.property('message.kind', 'post');
    expect(idea).to.have.nested.property('message.meta.title', 'asdasasd');
    expect(idea).to.have.nested.property('message.text', '<p>asdasdadsasdasdadasd</p>');
  });

  it('app.event.message.removed → message.deleted for everyone', () => {
    expect(decode('app.event.message.removed')).to.deep.equal([{
      wireName: 'MESSAGE_SENT/app.event.message.removed', conversationId: '5f0425254b3cd61ae416fa5f', type: 'message.deleted',
      messageIds: ['5f0848181015c73ae229f735'], scope: 'everyone',
    }]);
  });

  it('topic.updated → conversation.updated with title, state and members', () => {
    expect(decode('topic.updated')).to.deep.equal([{
      wireName: 'MESSAGE_SENT/topic.updated', conversationId: '5f047cbf1f2f363310b0cda0', type: 'conversation.updated',
      conversation: {
        id: '5f047cbf1f2f363310b0cda0', title: 'new space', status: 'active',
        members: [
          { id: TEST_USER, role: 'self', name: 'Test user' },
          { id: VIDAS, role: 'member', name: 'Vidas Andrijaitis', avatarUrl: 'https://storage.googleapis.com/onesna/pictures/pfpic_andrijaitis.vidas_f5070921-da02-49b0-a398-69020e14f53b' },
        ],
        meta: { type: 'group', createdAt: iso('2020-07-07T13:46:39.344Z') },
      },
    }]);
  });

  it('topic.updated against known members → participant.joined / participant.left (me leaving is isSelf)', () => {
    const known: Actor[] = [{ id: TEST_USER, role: 'self' }, { id: 'gone-1', role: 'member', name: 'Gone' }];
    const events = decode('topic.updated', { ...ME, members: () => known });
    expect(events.slice(1)).to.deep.equal([
      {
        wireName: 'MESSAGE_SENT/topic.updated', conversationId: '5f047cbf1f2f363310b0cda0', type: 'participant.joined', roleInConversation: 'member',
        participant: { id: VIDAS, role: 'member', name: 'Vidas Andrijaitis', avatarUrl: 'https://storage.googleapis.com/onesna/pictures/pfpic_andrijaitis.vidas_f5070921-da02-49b0-a398-69020e14f53b' },
      },
      { wireName: 'MESSAGE_SENT/topic.updated', conversationId: '5f047cbf1f2f363310b0cda0', type: 'participant.left', participantId: 'gone-1', isSelf: false },
    ]);
    const removed = seed('topic.updated');
    (removed.content as Json).members = ((removed.content as Json).members as Json[]).slice(1);
    const left = bare(decodeMessageSent(removed, { ...ME, members: () => known }).events);
    expect(left.filter((e) => e.type === 'participant.left')).to.deep.include({
      wireName: 'MESSAGE_SENT/topic.updated', conversationId: '5f047cbf1f2f363310b0cda0', type: 'participant.left', participantId: TEST_USER, isSelf: true,
    });
  });

  it('archived (status 1) → status archived', () => {
    const p = seed('topic.updated');
    (p.content as Json).status = 1;
    expect(bare(decodeMessageSent(p, ME).events)[0]).to.have.nested.property('conversation.status', 'archived');
  });

  it('app.event.topic.new: the whole topic is in _id → conversation.created, and the adapter is told to subscribe', () => {
    const frame = decodeMessageSent(seed('app.event.topic.new'), ME);
    expect(frame.newSpaceId).to.equal('5f1051f0f3ed772f915e19ed');
    expect(bare(frame.events)).to.deep.equal([{
      wireName: 'MESSAGE_SENT/app.event.topic.new', conversationId: '5f1051f0f3ed772f915e19ed', type: 'conversation.created',
      conversation: {
        id: '5f1051f0f3ed772f915e19ed', title: 'asdasd', status: 'active', unreadCount: 0,
        members: [{ id: TEST_USER, role: 'self', name: 'Test user' }],
        meta: { type: 'group', role: 'admin', createdAt: iso('2020-07-16T13:11:12.255Z') },
      },
    }]);
  });

  it('topic.markread → unread.changed (and my own read receipt)', () => {
    expect(decode('topic.markread')).to.deep.equal([
      { wireName: 'MESSAGE_SENT/topic.markread', conversationId: '5f06c25e574ca36b54cb4cdf', type: 'unread.changed', unreadCount: 0, lastReadAt: iso('2020-07-16T11:24:34.902Z') },
      { wireName: 'MESSAGE_SENT/topic.markread', conversationId: '5f06c25e574ca36b54cb4cdf', type: 'receipt.read', reader: { id: TEST_USER, role: 'self' }, at: iso('2020-07-16T11:24:34.902Z') },
    ]);
  });

  it('app.event.user.topic.preference.updated → pinned / muted on the conversation, and the preference', () => {
    expect(decode('app.event.user.topic.preference.updated')).to.deep.equal([
      { wireName: 'MESSAGE_SENT/app.event.user.topic.preference.updated', conversationId: '5f06c25e574ca36b54cb4cdf', type: 'conversation.updated', conversation: { id: '5f06c25e574ca36b54cb4cdf', pinned: true, muted: false } },
      { wireName: 'MESSAGE_SENT/app.event.user.topic.preference.updated', conversationId: '5f06c25e574ca36b54cb4cdf', type: 'preference.updated', scope: 'conversation', key: '5f06c25e574ca36b54cb4cdf', value: { isPinned: true, notification: true } },
    ]);
  });
});

describe('spaces codec: other payloads and malformed ones', () => {
  it('an idea (post) shows its title; an image attachment gets its thumbnail; a send echo carries the clientRef', () => {
    const p = { ...seed('chat'), category: 'idea', loopbackMetadata: 'ref-1', content: {
      bodyText: 'Big plan', description: '<p>details</p>',
      data: [{ fileId: 'f1', fileType: 'image', name: 'a.png', fileSize: 10, providerFileType: 'image/png', previewUrl: 'https://x.test/p.png', thumbnailUrl: 'https://x.test/t.png' }],
    } };
    const frame = decodeMessageSent(p, ME);
    expect(frame.loopback).to.equal('ref-1');
    const m = (frame.events[0] as { message: Json }).message;
    expect(m).to.deep.include({ kind: 'post', text: '<p>details</p>', clientRef: 'ref-1' });
    expect(m.meta).to.deep.include({ title: 'Big plan' });
    expect(m.attachments).to.deep.equal([{ id: 'f1', name: 'a.png', mime: 'image/png', size: 10, kind: 'image', url: 'https://x.test/p.png', thumbnailUrl: 'https://x.test/t.png' }]);
  });

  it('an unknown category decodes to unknown; malformed payloads throw DecodeError', () => {
    expect(bare(decodeMessageSent({ category: 'app.event.something.new' }, ME).events)).to.deep.equal([{ wireName: 'MESSAGE_SENT/app.event.something.new', type: 'unknown' }]);
    const bad: unknown[] = [
      null, 'not json', '{"category":', { topicId: 'x' }, { ...seed('chat'), topicId: undefined },
      { ...seed('chat'), created: 'yesterday' }, { ...seed('chat'), sender: 'me' }, { ...seed('chat'), content: { bodyText: { html: 'x' } } },
      { ...seed('app.event.message.removed'), _id: undefined, messageId: undefined },
      { ...seed('topic.updated'), content: { members: [] } }, { category: 'app.event.user.topic.preference.updated' },
      JSON.parse('{"category":"chat","topicId":"t","_id":"m","__proto__":{"polluted":true}}'),
    ];
    for (const p of bad) expect(() => decodeMessageSent(p, ME), JSON.stringify(p)).to.throw(DecodeError);
    expect(({} as Json).polluted).to.equal(undefined);
  });

  it('control events: subscription answers, send failures, subscription required', () => {
    expect(decodeSocketEvent('CHANNEL_SUBSCRIBED', { channel: { type: 'topic', _id: 's1' }, dtsid: 'd', sessionId: 'x' }, ME)).to.deep.equal({ kind: 'subscribed', spaceId: 's1' });
    expect(decodeSocketEvent('SUBSCRIBE_CHANNEL_FAILED', { channel: { _id: 's2' }, error: { message: 'not a member' } }, ME)).to.deep.equal({ kind: 'subscribe-failed', spaceId: 's2', reason: 'not a member' });
    expect(decodeSocketEvent('SUBSCRIBE_CHANNEL_FAILED', 'denied', ME)).to.deep.equal({ kind: 'subscribe-failed', reason: 'denied' });
    expect(decodeSocketEvent('SEND_MESSAGE_FAILED', { loopbackMetadata: 'r1', message: 'too long' }, ME)).to.deep.equal({ kind: 'send-failed', loopback: 'r1', reason: 'too long' });
    expect(decodeSocketEvent('SEND_MESSAGE_FAILED', { type: 'app.event.channel.subscription.required', topicId: 's3', loopbackMetadata: 'r2', message: 'subscribe first' }, ME))
      .to.deep.equal({ kind: 'subscription-required', spaceId: 's3', loopback: 'r2', reason: 'subscribe first' });
    expect(decodeSocketEvent('MESSAGE_SENT', { category: 'app.event.channel.subscription.required', topicId: 's4' }, ME)).to.deep.equal({ kind: 'subscription-required', spaceId: 's4', reason: 'no reason given' });
    expect(decodeSocketEvent('CHANNEL_UNSUBSCRIBED', '{"channel":{"_id":"s5"}}', ME)).to.deep.equal({ kind: 'unsubscribed', spaceId: 's5' });
    expect(() => decodeSocketEvent('SOMETHING', {}, ME)).to.throw(DecodeError);
  });
});

describe('spaces codec: outbound', () => {
  it('SEND_MESSAGE: a chat with escaped HTML body and loopbackMetadata; a comment names its parent', () => {
    expect(encodeSend({ type: 'send', conversationId: 's1', text: 'a <b> & "c"\nline 2', clientRef: 'ref-9' })).to.deep.equal({
      category: 'chat', topicId: 's1', content: { bodyText: '<p>a &lt;b&gt; &amp; &quot;c&quot;<br>line 2</p>', data: [] }, loopbackMetadata: 'ref-9',
    });
    expect(encodeSend({ type: 'send', conversationId: 's1', text: 'hi', clientRef: 'r', threadParentId: 'p1' })).to.have.deep.property('parentMsg', { _id: 'p1' });
    expect(encodeBody("it's")).to.equal('<p>it&#39;s</p>');
  });

  it('SUBSCRIBE_CHANNEL payload', () => {
    expect(encodeSubscribe('s1')).to.deep.equal({ channel: { type: 'topic', _id: 's1' } });
  });
});
