/**
 * Everything that changes the Spaces emulation, and the `MESSAGE_SENT` events each change sends:
 * to the space's room (everyone subscribed), or to one user's sockets.
 */
import { SAM, type Category, type FileItem, type Item, type Space, type SpacesStore, type User } from './store.js';
import { itemJson, topicJson, updatedCategory } from './wire.js';

/** Where events go (the socket.io namespace, see realtime.ts). */
export interface Hub {
  /** To every socket subscribed to the space, except `exceptSocket`. */
  toSpace(spaceId: string, event: string, payload: unknown, exceptSocket?: string): void;
  /** To one socket. */
  toSocket(socketId: string, event: string, payload: unknown): void;
  /** To every socket of one user. */
  toUser(userId: string, event: string, payload: unknown): void;
}

/** Told about each new top-level chat, so the scripted correspondent can answer. */
export interface ChatListener {
  chat(space: Space, item: Item, from: User): void;
  /** A user joined a space. */
  joined(space: Space, user: User): void;
}

export interface NewItem {
  category: Category;
  bodyText: string;
  description?: string;
  data?: FileItem[];
  parentId?: string;
  assignees?: string[];
  dueDate?: string;
  taskStatus?: 'pending' | 'complete';
}

export class SpacesActions {
  listener?: ChatListener;

  constructor(private readonly store: SpacesStore, private readonly hub: Hub) {}

  /** A new item from `user`; a send's echo goes to its socket with `loopbackMetadata`, the rest of the room gets it plain. */
  post(user: User, space: Space, fields: NewItem, origin?: { socketId: string; loopback?: unknown }): Item {
    const item = this.store.addItem({
      spaceId: space.id, senderId: user.id, category: fields.category, bodyText: fields.bodyText,
      description: fields.description ?? '', data: fields.data ?? [],
      ...(fields.parentId ? { parentId: fields.parentId } : {}),
      ...(fields.category === 'task' ? { taskStatus: fields.taskStatus ?? 'pending', assignees: fields.assignees ?? [], ...(fields.dueDate ? { dueDate: fields.dueDate } : {}) } : {}),
    });
    const payload = itemJson(this.store, item);
    if (origin) {
      this.hub.toSpace(space.id, 'MESSAGE_SENT', payload, origin.socketId);
      this.hub.toSocket(origin.socketId, 'MESSAGE_SENT', origin.loopback === undefined ? payload : { ...payload, loopbackMetadata: origin.loopback });
    } else {
      this.hub.toSpace(space.id, 'MESSAGE_SENT', payload);
    }
    // A comment changes its parent's comment count.
    const parent = item.parentId ? this.store.items.get(item.parentId) : undefined;
    if (parent && !parent.deleted) this.hub.toSpace(space.id, 'MESSAGE_SENT', itemJson(this.store, parent, updatedCategory(parent)));
    if (item.category === 'chat' && !item.parentId && user.id !== SAM.id) this.listener?.chat(space, item, user);
    return item;
  }

  /** Change an item (text, description, task state); `app.event.*.updated`. */
  update(item: Item, changes: Partial<Pick<Item, 'bodyText' | 'description' | 'taskStatus' | 'assignees' | 'dueDate'>>): void {
    Object.assign(item, changes);
    this.store.touch(item);
    this.hub.toSpace(item.spaceId, 'MESSAGE_SENT', itemJson(this.store, item, updatedCategory(item)));
  }

  /** Remove an item; `app.event.message.removed`. */
  remove(item: Item): void {
    if (item.deleted) return;
    item.deleted = true;
    this.store.touch(item);
    this.hub.toSpace(item.spaceId, 'MESSAGE_SENT', itemJson(this.store, item, 'app.event.message.removed'));
  }

  /** `topic.markread` to every socket of the reader. */
  markRead(user: User, space: Space): void {
    const { ms, iso } = this.store.now();
    this.store.reads.set(`${user.id}:${space.id}`, ms);
    this.hub.toUser(user.id, 'MESSAGE_SENT', {
      topicId: space.id, category: 'topic.markread', content: { messagesLastReadTime: iso, unreadMessagesCount: 0 },
    });
  }

  /** `topic.updated` (title, archive state, members) to the space. */
  topicUpdated(space: Space, by: User): void {
    const topic = topicJson(this.store, space);
    this.hub.toSpace(space.id, 'MESSAGE_SENT', {
      topicId: space.id, category: 'topic.updated', content: topic,
      sender: { _id: by.id, displayname: by.displayname, type: by.type },
    });
  }

  /** A user became a member: `topic.updated` to the space, `app.event.topic.new` to the user. */
  joined(space: Space, user: User): void {
    this.topicUpdated(space, user);
    const topic = topicJson(this.store, space);
    this.hub.toUser(user.id, 'MESSAGE_SENT', {
      _id: { ...topic, role: 'member', unreadMessagesCount: 0, unread: false }, category: 'app.event.topic.new', content: topic,
      sender: { _id: user.id, type: user.type, displayname: user.displayname },
    });
    this.listener?.joined(space, user);
  }
}
