/**
 * What can happen in the Virola emulation, with the events each change sends: the REST API, the
 * control endpoints and the scripted correspondent all act through here.
 */
import type { EventHub } from './hub.js';
import type { Attachment, MarkupType, Message, Room, VirolaStore } from './store.js';

/** Told about every message a user writes (the scripted correspondent listens). */
export interface MessageListener {
  messageWritten(m: Message): void;
}

/** One message to write. */
export interface Draft {
  roomId: number;
  userId: number;
  text: string;
  markupType?: MarkupType;
  parentMessageId?: number;
  /** Attached files' names. */
  fileNames?: readonly string[];
}

export class VirolaActions {
  listener?: MessageListener;

  constructor(private readonly store: VirolaStore, private readonly hub: EventHub) {}

  /**
   * Write messages and comments; all of them go out in one `TextMessagesCreated` per user (rooms
   * may differ), followed by the updated parents of any comments.
   */
  write(drafts: readonly Draft[]): Message[] {
    const created = drafts.map((d) => this.store.addMessage(d));
    const parents = new Map<number, Message>();
    for (const m of created) {
      const parent = m.parentMessageId ? this.store.messages.get(m.parentMessageId) : undefined;
      if (parent) {
        this.store.touch(parent);
        parents.set(parent.messageId, parent);
      }
    }
    this.hub.messagesCreated(created);
    if (parents.size) this.hub.messagesUpdated([...parents.values()]);
    for (const m of created) this.listener?.messageWritten(m);
    return created;
  }

  /** Files attached to a message: stored, then the message again (`TextMessagesUpdated`). */
  attach(m: Message, files: readonly { name: string; bytes: Buffer }[]): Attachment[] {
    const added = this.store.attach(m, files);
    this.hub.messagesUpdated([m]);
    return added;
  }

  /** A user read a message: its read timestamps change (`TextMessagesUpdated`). */
  read(m: Message, userId: number): void {
    if (this.store.markRead(m, userId)) this.hub.messagesUpdated([m]);
  }

  /** Delete a message and its comments; a comment's parent is updated (one comment fewer). */
  remove(m: Message): void {
    for (const c of this.store.commentsOf(m.messageId)) {
      this.store.messages.delete(c.messageId);
      this.hub.messageDeleted(c);
    }
    this.store.messages.delete(m.messageId);
    this.hub.messageDeleted(m);
    const parent = m.parentMessageId ? this.store.messages.get(m.parentMessageId) : undefined;
    if (parent) {
      this.store.touch(parent);
      this.hub.messagesUpdated([parent]);
    }
  }

  createRoom(name: string, type: Room['type'], members: number[]): Room {
    const room = this.store.createRoom(name, type, members);
    this.hub.roomCreated(room);
    return room;
  }

  renameRoom(room: Room, name: string): void {
    room.name = name;
    room.lastModifiedUtc = this.store.now();
    this.hub.roomUpdated(room);
  }

  deleteRoom(room: Room): void {
    this.hub.roomDeleted(room);
    for (const m of [...this.store.messages.values()]) if (m.roomId === room.id) this.store.messages.delete(m.messageId);
    this.store.rooms.delete(room.id);
  }
}
