/**
 * The widget end to end against the Avaya Spaces emulation (demo/server/spaces): a guest chats with
 * Sam in a space over socket.io; posts, tasks, comments, edits and removals render; read markers go
 * to the server; the connection is cut and what was missed comes back; HTML stays inert.
 * Spaces has no typing signal: the widget offers none and shows none.
 */
import { expect, fixture, html } from '@open-wc/testing';
import ioV2 from 'socket.io-client-v2';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { Message } from '../../src/core/model.js';
import type { ChatEvent } from '../../src/core/events.js';
import { eventually, until } from '../helpers/fake-protocol.js';
import { servers } from '../helpers/servers.js';
import { type } from '../helpers/composer.js';
import { deleteMine, editMine, offered } from '../helpers/own-actions.js';

const base = servers.spaces;
/** The path of the demo's socket.io 4 twin of the Spaces socket server (demo/server/spaces/socket-servers.ts). */
const V4_PATH = '/socket.io-v4';
type Json = Record<string, unknown>;

async function control<T = Json>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/__control/${path}`, {
    method: body === undefined ? 'GET' : 'POST', headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
const serverItems = (spaceId: string) => control<(Json & { _id: string; deleted: boolean; content: Json })[]>(`messages?spaceId=${spaceId}`);
const DANA_ID = '5f04251caa4a347af9946e06';
const newSpace = async (title: string, members: string[] = []) => (await control<{ id: string }>('space', { title, members })).id;

function shadow(chat: ParleyChat, tag: string): ShadowRoot {
  return chat.shadowRoot!.querySelector(tag)!.shadowRoot!;
}
function thread(chat: ParleyChat): readonly Message[] {
  const { activeConversation, messages } = chat.session.store.getState();
  return (activeConversation && messages.get(activeConversation)) || [];
}
const byText = (chat: ParleyChat, text: string) => thread(chat).find((m) => m.text.includes(text));
function row(chat: ParleyChat, id: string): Element | null {
  return shadow(chat, 'parley-thread').querySelector(`[data-message-id="${id}"]`);
}
async function guest(spaceId: string, name: string, extra: Json = {}): Promise<ParleyChat> {
  const chat = await fixture<ParleyChat>(html`<parley-chat protocol="spaces" url=${base} .conversation=${spaceId}
    .options=${{ displayName: name, ...extra }} no-persist></parley-chat>`);
  await until(() => chat.connectionStatus === 'open', 15000, 'open');
  return chat;
}

describe('Avaya Spaces, end to end against the demo server', function () {
  this.timeout(60000);
  before(async () => { await control('reset', {}); });
  afterEach(async () => { await control('agent', { enabled: true }); });

  it('a guest with only a display name chats with Sam: pending then sent; answers, a post and a comment, a task done, an edit, a removal', async () => {
    const spaceId = await newSpace('Scripted');
    const chat = await guest(spaceId, 'Test Guest');
    const loaded = performance.getEntriesByType('resource').map((e) => e.name);
    expect(loaded.some((n) => n.includes('socket.io-client-v2')), 'socket.io-client 2 loaded, for the socket.io 2 server').to.equal(true);
    expect(loaded.filter((n) => /\/(socket|engine)\.io-client\//.test(n)), 'socket.io-client 4 never loaded').to.deep.equal([]);
    expect(chat.session.can('typing'), 'Spaces has no typing signal').to.equal(false);
    let typingShown = '';
    const indicator = shadow(chat, 'parley-typing-indicator');
    const observer = new MutationObserver(() => { typingShown ||= indicator.textContent?.trim() ?? ''; });
    observer.observe(indicator, { subtree: true, childList: true, characterData: true });
    await until(() => !!byText(chat, 'Hi Test Guest!'), 15000, 'the greeting');

    await type(chat, 'hello there');
    const mine = byText(chat, 'hello there')!;
    expect(mine.status, 'shown at once, as pending').to.equal('pending');
    expect(mine.id.startsWith('local:')).to.equal(true);
    await until(() => byText(chat, 'hello there')?.status === 'sent', 15000, 'confirmed');
    expect(byText(chat, 'hello there')!.id).to.match(/^[0-9a-f]{24}$/);
    expect(byText(chat, 'hello there')!.clientRef, 'reconciled through loopbackMetadata').to.equal(mine.clientRef);
    await until(() => !!byText(chat, 'You said: “hello there”'), 15000, 'the answer');
    await until(() => thread(chat).some((m) => m.kind === 'post'), 15000, 'the post');
    const post = thread(chat).find((m) => m.kind === 'post')!;
    expect(post.meta?.title).to.equal('Idea: a picture for the space');
    expect(post.attachments[0]).to.deep.include({ name: 'sunrise.png', kind: 'image', size: 2048, thumbnailUrl: `${base}/files/sunrise.png` });
    await until(() => thread(chat).some((m) => m.threadParentId === post.id), 15000, 'the comment');

    await type(chat, 'second one');
    await until(() => thread(chat).some((m) => m.kind === 'task' && m.meta?.status === 'complete'), 15000, 'the task, done');
    const task = thread(chat).find((m) => m.kind === 'task')!;
    expect(task.meta?.title).to.equal('Follow up on “second one”');
    expect(task.meta?.assignees).to.deep.equal([{ id: chat.session.store.getState().selfId, name: 'Test Guest' }]);

    await type(chat, 'third one');
    await until(() => !!thread(chat).find((m) => m.text.includes('You said: “third one” (edited)'))?.edited, 15000, 'the edited answer');
    await type(chat, 'fourth one');
    await until(() => thread(chat).some((m) => m.deleted), 15000, 'the removal');
    const removed = thread(chat).find((m) => m.deleted)!;
    await until(() => row(chat, removed.id)?.hasAttribute('data-deleted') === true, 5000, 'the tombstone rendered');
    observer.disconnect();
    expect(typingShown).to.equal('');

    // Exactly what the server has, once each, in order; deletions match.
    const server = await serverItems(spaceId);
    expect(thread(chat).map((m) => m.id)).to.deep.equal(server.map((i) => i._id));
    expect(thread(chat).filter((m) => m.deleted).map((m) => m.id)).to.deep.equal(server.filter((i) => i.deleted).map((i) => i._id));
    expect(thread(chat).filter((m) => m.sender?.role === 'self').map((m) => m.status)).to.deep.equal(['sent', 'sent', 'sent', 'sent']);
    await expect(chat).to.be.accessible();
  });

  it('renders a post (title, picture), a task (title, state, assignee, due date) and a comment as they arrive', async () => {
    await control('agent', { enabled: false });
    const spaceId = await newSpace('Rendering');
    const chat = await guest(spaceId, 'Renderer');
    const selfId = chat.session.store.getState().selfId!;
    const idea = await control<{ _id: string }>('post', { spaceId, category: 'idea', title: 'A bright idea', description: '<p>Some <b>bold</b> words</p>', picture: true });
    await until(() => !!row(chat, idea._id), 15000, 'the post rendered');
    const postRow = row(chat, idea._id)!;
    expect(postRow.querySelector('[part="post"] .kind-title')?.textContent).to.equal('A bright idea');
    expect(postRow.querySelector('.text.rich b')?.textContent).to.equal('bold');
    const picture = postRow.querySelector('[part="attachment"]')!;
    expect(picture.querySelector('img')?.getAttribute('src')).to.equal(`${base}/files/sunrise.png`);
    expect(picture.querySelector('a')?.getAttribute('href')).to.equal(`${base}/files/sunrise.png`);
    expect(picture.querySelector('.file-name')?.textContent).to.equal('sunrise.png');
    expect(picture.querySelector('.file-size')?.textContent).to.equal('2.0 kB');

    const due = '2030-05-04T10:30:00.000Z';
    const task = await control<{ _id: string }>('post', { spaceId, category: 'task', title: 'Write the report', description: '<p>by Friday</p>', assignees: [selfId], dueDate: due });
    await until(() => !!row(chat, task._id), 15000, 'the task rendered');
    const taskPart = () => row(chat, task._id)!.querySelector('[part="task"]')!;
    expect(taskPart().querySelector('.kind-title')?.textContent).to.equal('Write the report');
    expect(taskPart().getAttribute('data-task-status')).to.equal('pending');
    expect(taskPart().querySelector('[part="task-status"]')?.textContent).to.equal('Open');
    expect(taskPart().querySelector('[part="task-assignees"]')?.textContent).to.equal('Assigned to Renderer');
    expect(taskPart().querySelector('[part="task-due"] time')?.getAttribute('datetime')).to.equal(due);
    await control('edit', { messageId: task._id, taskStatus: 'complete' });
    await until(() => taskPart().getAttribute('data-task-status') === 'complete', 15000, 'the task done');
    expect(taskPart().querySelector('[part="task-status"]')?.textContent).to.equal('Done');

    const comment = await control<{ _id: string }>('say', { spaceId, text: 'Nice one', parentId: idea._id });
    await until(() => !!row(chat, comment._id), 15000, 'the comment rendered');
    expect(row(chat, comment._id)!.querySelector('[part="reply-mark"]')).not.to.equal(null);
    expect(row(chat, comment._id)!.querySelector('[part="comment-of"]')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('on the post “A bright idea”');
    expect(thread(chat).find((m) => m.id === comment._id)?.threadParentId).to.equal(idea._id);
  });

  it('read markers: unread while the launcher is closed; opening it marks the space read on the server (topic.markread back)', async () => {
    await control('agent', { enabled: false });
    const spaceId = await newSpace('Reading');
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="spaces" url=${base} mode="launcher" .conversation=${spaceId}
      .options=${{ displayName: 'Reader' }} no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 15000, 'open');
    const selfId = chat.session.store.getState().selfId!;
    await control('say', { spaceId, text: 'unread one' });
    await control('say', { spaceId, text: 'unread two' });
    const unread = () => chat.session.store.getState().conversations.get(spaceId)?.unreadCount ?? 0;
    await until(() => unread() === 2, 15000, 'two unread');
    const reads = async () => (await control<{ reads: Record<string, number> }>('state')).reads[`${selfId}:${spaceId}`];
    expect(await reads(), 'nothing marked read while closed').to.equal(undefined);
    const store = chat.session.store;
    const applied: string[] = [];
    const apply = store.apply.bind(store);
    const queue = store.queue.bind(store); // live events apply at the next frame
    const record = (events: readonly ChatEvent[]) => { for (const e of events) applied.push(`${e.wireName ?? ''}:${e.type}`); };
    store.apply = (events) => { record(events); apply(events); };
    store.queue = (events) => { record(events); queue(events); };
    chat.open = true;
    await until(() => unread() === 0, 15000, 'read');
    let marked: number | undefined;
    for (let i = 0; i < 200 && marked === undefined; i++) {
      marked = await reads();
      if (marked === undefined) await new Promise((r) => setTimeout(r, 25));
    }
    expect(marked).to.be.a('number');
    // The server's topic.markread came back to the widget.
    await until(() => applied.includes('MESSAGE_SENT/topic.markread:unread.changed'), 15000, 'topic.markread');
    expect(unread()).to.equal(0);
  });

  it('delete: my own message is removed for everyone; a member (token) sees guests live', async () => {
    await control('agent', { enabled: false });
    const spaceId = await newSpace('Deleting', [DANA_ID]);
    const chat = await guest(spaceId, 'Deleter');
    const dana = await fixture<ParleyChat>(html`<parley-chat protocol="spaces" url=${base} .token=${'demo-user-token'} .conversation=${spaceId}
      no-persist></parley-chat>`);
    await until(() => dana.connectionStatus === 'open', 15000, 'Dana open');
    expect(dana.outerHTML).not.to.contain('demo-user-token');
    await type(chat, 'delete me');
    await until(() => byText(chat, 'delete me')?.status === 'sent', 15000, 'sent');
    const id = byText(chat, 'delete me')!.id;
    await until(() => !!byText(dana, 'delete me'), 15000, 'Dana sees it');
    expect(byText(dana, 'delete me')!.sender).to.deep.include({ role: 'guest', name: 'Deleter' });
    await chat.session.client!.remove(spaceId, id);
    await until(() => thread(dana).find((m) => m.id === id)?.deleted === true, 15000, 'deleted for Dana');
    await until(() => row(chat, id)?.hasAttribute('data-deleted') === true, 15000, 'tombstone for me');
    expect((await serverItems(spaceId)).find((i) => i._id === id)?.deleted).to.equal(true);
  });

  it('edit and delete through the message menu: the server and a member see the new text, marked edited, then the removal', async () => {
    await control('agent', { enabled: false });
    const spaceId = await newSpace('Editing', [DANA_ID]);
    const chat = await guest(spaceId, 'Editor');
    const dana = await fixture<ParleyChat>(html`<parley-chat protocol="spaces" url=${base} .token=${'demo-user-token'} .conversation=${spaceId}
      no-persist></parley-chat>`);
    await until(() => dana.connectionStatus === 'open', 15000, 'Dana open');
    const sam = await control<{ _id: string }>('say', { spaceId, text: 'from Sam' });
    await type(chat, 'first version');
    await until(() => byText(chat, 'first version')?.status === 'sent', 15000, 'sent');
    const id = byText(chat, 'first version')!.id;
    await until(() => !!row(chat, sam._id), 15000, 'Sam\'s message shown');
    const root = shadow(chat, 'parley-thread');
    expect(await offered(root, sam._id), 'nothing on Sam\'s message').to.deep.equal([]);
    expect(await offered(root, id)).to.deep.equal(['action-edit', 'action-delete']);

    await editMine(root, id, 'second <version>');
    await eventually(async () => (await serverItems(spaceId)).find((i) => i._id === id)?.content.bodyText === '<p>second &lt;version&gt;</p>', 15000, 'the new text at the server');
    await until(() => row(chat, id)?.hasAttribute('data-edited') === true && row(chat, id)?.querySelector('.text')?.textContent === 'second <version>', 15000, 'edited, for me');
    await until(() => thread(dana).find((m) => m.id === id)?.edited === true, 15000, 'edited, for Dana');
    expect(thread(dana).find((m) => m.id === id)!.text).to.equal('<p>second &lt;version&gt;</p>');

    // Spaces refuses an edit of someone else's message (here Dana, a member, on Sam's).
    const refused = await fetch(`${base}/api/messages/${sam._id}`, {
      method: 'PATCH', headers: { Authorization: 'jwt demo-user-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({ _id: sam._id, content: { bodyText: '<p>not yours</p>' } }),
    });
    expect(refused.status).to.equal(403);

    await deleteMine(root, id);
    await until(() => row(chat, id)?.hasAttribute('data-deleted') === true, 15000, 'deleted, for me');
    await until(() => thread(dana).find((m) => m.id === id)?.deleted === true, 15000, 'deleted, for Dana');
    expect((await serverItems(spaceId)).find((i) => i._id === id)?.deleted).to.equal(true);
  });

  it('cut mid-conversation: reconnecting, then what was said, edited and removed meanwhile comes back once each, in order; my message typed while cut is delivered', async () => {
    await control('agent', { enabled: false });
    const spaceId = await newSpace('Cut');
    const chat = await guest(spaceId, 'Cut Guest');
    const before = await control<{ _id: string }>('say', { spaceId, text: 'before the cut' });
    const doomed = await control<{ _id: string }>('say', { spaceId, text: 'soon removed' });
    await until(() => !!byText(chat, 'soon removed'), 15000, 'first messages');
    const statuses: string[] = [];
    chat.addEventListener('parley-connection-change', (e) => statuses.push(e.status));
    await control('refuse', { ms: 2500 });
    await control('drop', {});
    await until(() => chat.connectionStatus === 'reconnecting', 15000, 'reconnecting');
    await control('say', { spaceId, text: 'missed one' });
    await control('edit', { messageId: before._id, bodyText: '<p>before the cut (edited while away)</p>' });
    await control('remove', { messageId: doomed._id });
    await control('say', { spaceId, text: 'missed two' });
    await type(chat, 'typed while cut');
    expect(byText(chat, 'typed while cut')?.status).to.equal('pending');

    await until(() => chat.connectionStatus === 'open', 30000, 'open again');
    expect(statuses).to.include('reconnecting');
    await until(() => byText(chat, 'typed while cut')?.status === 'sent', 15000, 'the cut message delivered');
    await control('say', { spaceId, text: 'after the cut' });
    await until(() => !!byText(chat, 'after the cut'), 15000, 'live again');

    const server = await serverItems(spaceId);
    expect(thread(chat).map((m) => m.id)).to.deep.equal(server.map((i) => i._id));
    expect(thread(chat).filter((m) => !m.deleted).map((m) => m.text)).to.deep.equal([
      '<p>before the cut (edited while away)</p>', '<p>missed one</p>', '<p>missed two</p>', '<p>typed while cut</p>', '<p>after the cut</p>',
    ]);
    expect(thread(chat).find((m) => m.id === doomed._id)?.deleted).to.equal(true);
    expect(server.filter((i) => String(i.content.bodyText).includes('typed while cut'))).to.have.length(1);
  });

  it('SEND_MESSAGE_FAILED marks the message failed with a retry; retrying sends it', async () => {
    await control('agent', { enabled: false });
    const spaceId = await newSpace('Failing');
    const chat = await guest(spaceId, 'Failer');
    await control('fail-next-send', { reason: 'rejected by policy' });
    const errors: string[] = [];
    chat.addEventListener('parley-error', (e) => errors.push(e.error.message));
    await type(chat, 'will fail once');
    await until(() => byText(chat, 'will fail once')?.status === 'failed', 15000, 'failed');
    expect(byText(chat, 'will fail once')!.error).to.contain('rejected by policy');
    expect(errors.some((m) => m.includes('rejected by policy'))).to.equal(true);
    const failedId = byText(chat, 'will fail once')!.id;
    await until(() => row(chat, failedId)?.getAttribute('data-status') === 'failed', 5000, 'shown as failed');
    (row(chat, failedId)!.querySelector('[part="retry"]') as HTMLButtonElement).click();
    await until(() => byText(chat, 'will fail once')?.status === 'sent', 15000, 'sent on retry');
    expect((await serverItems(spaceId)).map((i) => i.content.bodyText)).to.deep.equal(['<p>will fail once</p>']);
  });

  it('HTML from the wire renders inert: no script, no event handlers, no javascript: links (acceptance 3)', async () => {
    await control('agent', { enabled: false });
    const spaceId = await newSpace('XSS');
    const chat = await guest(spaceId, 'Careful');
    const w = window as unknown as { __spacesXss?: number };
    delete w.__spacesXss;
    const evil = await control<{ _id: string }>('say', { spaceId, html:
      '<p>hi <script>window.__spacesXss=1</script><img src="x" onerror="window.__spacesXss=2">'
      + '<a href="javascript:window.__spacesXss=3">click</a> <a href="https://example.org/ok">ok</a>'
      + '<svg onload="window.__spacesXss=4"></svg><b onmouseover="window.__spacesXss=5">bold</b></p>' });
    const task = await control<{ _id: string }>('post', { spaceId, category: 'task', title: '<img src=x onerror="window.__spacesXss=6">Title', description: '<iframe src="javascript:window.__spacesXss=7"></iframe><p>desc</p>' });
    await until(() => !!row(chat, evil._id) && !!row(chat, task._id), 15000, 'both rendered');
    await new Promise((r) => setTimeout(r, 200)); // give any handler a chance to run
    const root = shadow(chat, 'parley-thread');
    expect(root.querySelectorAll('script, iframe, svg, img[src="x"]').length).to.equal(0);
    expect([...root.querySelectorAll('*')].some((el) => [...el.attributes].some((a) => a.name.startsWith('on')))).to.equal(false);
    const hrefs = [...row(chat, evil._id)!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal([null, 'https://example.org/ok']);
    expect(row(chat, evil._id)!.querySelector('.text b')?.textContent).to.equal('bold');
    expect(row(chat, task._id)!.querySelector('.kind-title')?.textContent).to.equal('<img src=x onerror="window.__spacesXss=6">Title');
    expect(w.__spacesXss).to.equal(undefined);
  });

  it('a page can hand in its own socket.io client `io`: the real socket.io-client 2, for the socket.io 2 server', async () => {
    await control('agent', { enabled: false });
    const spaceId = await newSpace('Own io');
    const urls: string[] = [];
    const io = (url: string, opts: Record<string, unknown>) => { urls.push(url); return ioV2(url, opts); };
    const chat = await guest(spaceId, 'Own IO', { io });
    expect(urls).to.deep.equal([`${base}/chat`]);
    await control('say', { spaceId, text: 'through your io' });
    await until(() => !!byText(chat, 'through your io'), 15000, 'a message through it');
  });

  it('socketIoVersion: 4 connects to a socket.io 4 server (the demo\'s twin at /socket.io-v4) and chats both ways', async () => {
    await control('agent', { enabled: false });
    const spaceId = await newSpace('Version 4');
    const chat = await guest(spaceId, 'Four', { socketIoVersion: 4, socketPath: V4_PATH });
    await control('say', { spaceId, text: 'over socket.io 4' });
    await until(() => !!byText(chat, 'over socket.io 4'), 15000, 'a message over v4');
    await type(chat, 'sent over v4');
    await until(() => byText(chat, 'sent over v4')?.status === 'sent', 15000, 'confirmed over v4');
    const sockets = (await control<{ sockets: { subscriptions: { spaces: string[] }[] } }>('state')).sockets.subscriptions;
    expect(sockets.some((s) => s.spaces.includes(spaceId))).to.equal(true);
  });

  it('the default client (socket.io-client 2) at a socket.io 4 server: closed with a parley-error naming the mismatch and socketIoVersion: 4, no retry loop', async () => {
    const spaceId = await newSpace('Mismatch 2 to 4');
    const { chat, errors } = await mismatched(spaceId, { socketPath: V4_PATH });
    expect(errors.join('\n')).to.match(/version mismatch/).and.to.contain('socketIoVersion: 4');
  });

  it('socketIoVersion: 4 at the socket.io 2 server: closed with a parley-error naming the mismatch and socketIoVersion: 2, no retry loop', async () => {
    const spaceId = await newSpace('Mismatch 4 to 2');
    const { errors } = await mismatched(spaceId, { socketIoVersion: 4 });
    expect(errors.join('\n')).to.match(/version mismatch/).and.to.contain('socketIoVersion: 2');
  });
});

/** A guest widget that must end `closed` (config-error) on a version mismatch, and stay closed. */
async function mismatched(spaceId: string, options: Json): Promise<{ chat: ParleyChat; errors: string[] }> {
  const errors: string[] = [];
  const statuses: string[] = [];
  const chat = await fixture<ParleyChat>(html`<parley-chat protocol="spaces" url=${base} .conversation=${spaceId}
    .options=${{ displayName: 'Mismatch', ...options }} no-persist
    @parley-error=${(e: GlobalEventHandlersEventMap['parley-error']) => errors.push(`${e.error.code}: ${e.error.message}`)}
    @parley-connection-change=${(e: GlobalEventHandlersEventMap['parley-connection-change']) => statuses.push(`${e.status}:${e.reason ?? ''}`)}></parley-chat>`);
  await until(() => chat.connectionStatus === 'closed', 15000, 'closed');
  expect(statuses.at(-1)).to.equal('closed:config-error');
  await new Promise((r) => setTimeout(r, 1500)); // a retry would have started by now
  expect(chat.connectionStatus).to.equal('closed');
  expect(statuses.filter((s) => s.startsWith('reconnecting'))).to.deep.equal([]);
  expect(errors.filter((e) => e.includes('mismatch'))).to.have.length(1);
  expect(errors.every((e) => e.startsWith('config: '))).to.equal(true);
  return { chat, errors };
}
