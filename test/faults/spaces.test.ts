/**
 * Fault storm against the Avaya Spaces emulation (see harness.ts): a guest's widget (the JWT of
 * Avaya's anonymous sign-in) in a fresh space the guest joined, while Sam writes, edits and
 * removes chats and the guest's other device writes too.
 *
 * What is compared: ids, order, the HTML `bodyText` (what the widget keeps as the text; in the
 * rendered rows, the text it shows), and the deleted mark: the record keeps removed items
 * (`deleted: true`), and a removed item the widget holds must be a tombstone in its place; one it
 * does not hold may be absent (`unlistedDeletes`): the history pages (`messages/query`) list no
 * removed items and the cache keeps the newest 200 messages, so after the reload the older
 * history comes back without them, as it does for any fresh page. "Edited" is compared for live items only: the record's
 * `modified` passes `created` when an item is edited, but a removal moves `modified` too, so for
 * a removed item the record cannot say. Read marks are not compared: Spaces tells a reader's
 * marker (`topic.markread`) only to the reader's own sockets, so Sam's reads never reach the
 * guest's widget. Spaces has no typing signal.
 *
 * The token change: a fresh JWT for the same guest (`POST /__control/storm/token`), set as the
 * widget's `token` property, as a page renewing its visitor's token would; `user-id` names the
 * guest, so the store, its cache namespace and its unsent messages stay with the widget. (A guest,
 * not Dana: members sign in with one fixed test token each here, so only a guest has a second.)
 */
import '../helpers/benign-errors.js';
import '../../src/index.js';
import { fixture, html } from '@open-wc/testing';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { backendControl, servers } from '../helpers/servers.js';
import { stormAndCompare, type Extras, type FaultTarget, type Row } from './harness.js';

/** An item as `GET /__control/messages` lists it. */
interface RecordItem {
  _id: string;
  created: string;
  modified: string;
  deleted: boolean;
  content: { bodyText: string };
}

/** A Spaces REST call as the guest (`Authorization: jwt …`). */
async function asGuest<T>(token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${servers.spaces}${path}`, {
    method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `jwt ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The text a reader sees in an HTML body. */
function textOf(htmlText: string): string {
  return new DOMParser().parseFromString(htmlText, 'text/html').body.textContent ?? '';
}

const spaces: FaultTarget = {
  name: 'spaces',
  async prepare() {
    await backendControl('spaces', 'reset', {});
    await backendControl('spaces', 'agent', { enabled: false });
    const { id } = await backendControl<{ id: string }>('spaces', 'space', { title: 'Storm', members: [] });
    const { token } = await asGuest<{ token: string }>('', 'POST', '/api/anonymous/auth', { displayname: 'Storm Guest', username: `storm-${Date.now().toString(36)}` });
    const me = await asGuest<{ _id: string }>(token, 'GET', '/api/users/me');
    await asGuest(token, 'GET', `/api/spaces/${id}/join`);
    return { conversationId: id, token, selfId: me._id };
  },
  mount: (extras: Extras) => fixture<ParleyChat>(html`<parley-chat protocol="spaces" url=${servers.spaces} .token=${String(extras.token)}
    user-id=${String(extras.selfId)} .conversation=${extras.conversationId}></parley-chat>`),
  async record(extras) {
    const items = await backendControl<RecordItem[]>('spaces', `messages?spaceId=${extras.conversationId}`);
    return items.map((i): Row => (i.deleted
      ? { id: i._id, text: '', deleted: true }
      : { id: i._id, text: i.content.bodyText, deleted: false, edited: Date.parse(i.modified) > Date.parse(i.created) }));
  },
  row: (v) => (v.deleted
    ? { id: v.id, text: v.text, deleted: true }
    : { id: v.id, text: v.text, deleted: false, edited: v.edited }),
  visible: textOf,
  unlistedDeletes: true,
  async renewCredentials(chat, extras) {
    const { token } = await backendControl<{ token: string }>('spaces', 'storm/token', extras);
    extras.token = token;
    chat.token = token;
    return 'a fresh guest JWT for the same guest, set as the token property';
  },
};

describe('fault storm: Avaya Spaces', function () {
  this.timeout(180_000);
  it('ends with the thread equal to the server record', async () => {
    await stormAndCompare(spaces);
  });
});
