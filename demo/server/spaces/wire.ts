/**
 * The emulation's objects as Spaces puts them on the wire: `MESSAGE_SENT` payloads (shaped like
 * the seed's samples), topics, users.
 */
import type { Item, Space, SpacesStore, User } from './store.js';

const NO_PICTURE = 'https://accounts.zang.io/norevimages/noimage.jpg';

export function senderJson(user: User | undefined): Record<string, unknown> {
  if (!user) return { _id: 'unknown', type: 'user', displayname: 'Unknown' };
  return { _id: user.id, username: user.username, displayname: user.displayname, picture_url: user.picture ?? NO_PICTURE, type: user.type };
}

export function topicJson(store: SpacesStore, space: Space): Record<string, unknown> {
  return {
    _id: space.id,
    cid: space.cid,
    title: space.title,
    type: 'group',
    status: space.status,
    created: space.created,
    modified: space.modified,
    members: space.members.map((m) => {
      const u = store.users.get(m.userId);
      return {
        member: m.userId, memberType: u?.type === 'anonymous' ? 'anonymous' : 'userId', role: m.role, joinTime: m.joinTime,
        displayname: u?.displayname ?? 'Unknown', username: u?.username ?? '', picture_url: u?.picture ?? NO_PICTURE, phone_numbers: [],
      };
    }),
    settings: { mdSrv: 'mpaas', mdOpts: [], confId: '000000000' },
    parents: [],
    restrict: [],
  };
}

/** The message item, as in a `MESSAGE_SENT` payload or a REST list (`category` overridable for events). */
export function itemJson(store: SpacesStore, item: Item, category: string = item.category): Record<string, unknown> {
  const space = store.spaces.get(item.spaceId);
  const content: Record<string, unknown> = {
    bodyText: item.bodyText, description: item.description, data: item.data,
    startTime: item.created, endTime: null, virtualEndTime: null, mediaMode: 'audio', meetingStatus: 'active', recordings: [],
  };
  if (item.category === 'task') {
    content.status = item.taskStatus ?? 'pending';
    content.assignees = (item.assignees ?? []).map((id) => ({ _id: id }));
    if (item.dueDate) content.dueDate = item.dueDate;
  }
  const out: Record<string, unknown> = {
    _id: item.id,
    category,
    chatCount: store.commentCount(item),
    likeCount: 0,
    content,
    created: item.created,
    modified: item.modified,
    sender: senderJson(store.users.get(item.senderId)),
    status: space?.status ?? 0,
    topicId: item.spaceId,
    topicTitle: space?.title ?? '',
    topicType: 'group',
  };
  if (category !== item.category) out.messageId = item.id;
  const parent = item.parentId ? store.items.get(item.parentId) : undefined;
  if (parent) out.parentMsg = { _id: parent.id, bodyText: parent.bodyText, category: parent.category };
  return out;
}

/** The update event category of an item. */
export function updatedCategory(item: Item): string {
  return item.category === 'idea' ? 'app.event.idea.updated' : item.category === 'task' ? 'app.event.task.updated' : 'app.event.message.updated';
}

export function userJson(user: User): Record<string, unknown> {
  return { _id: user.id, displayname: user.displayname, username: user.username, type: user.type, picture_url: user.picture ?? NO_PICTURE };
}

/** Plain text of an HTML body (for the correspondent's quotes). */
export function plainText(html: string): string {
  return html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').trim();
}

/** Text as a one-paragraph HTML body. */
export function htmlBody(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  return `<p>${escaped.replace(/\r?\n/g, '<br>')}</p>`;
}
