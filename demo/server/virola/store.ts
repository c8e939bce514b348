/**
 * The Virola emulation's state: users, sessions, rooms and messages, in memory, with the JSON shapes
 * of the Web API [V1 doc/messages.md, doc/rooms.md, doc/users.md]. Pure data plus lookups; who
 * hears about a change is decided in `hub.ts`.
 *
 * Ids keep increasing across `reset()` (messages from 2000100, rooms from 2), so a client that
 * outlives a reset never confuses an old record with a new one.
 */
import { createHash, randomBytes } from 'node:crypto';

export type MarkupType = 'TextPlain' | 'TextHtml' | 'TextMarkdown' | 'TextCode' | 'TextLatex';

export interface User {
  id: number;
  userName: string;
  displayName: string;
  password: string;
  /** Web API access token (`Authorization: Bearer` on REST; the events socket takes only the session cookie). */
  token: string;
  createdUtc: number;
}

export interface Room {
  id: number;
  name: string;
  type: 'Private' | 'Public';
  createdUtc: number;
  lastModifiedUtc: number;
  members: Set<number>;
}

export interface Message {
  messageId: number;
  roomId: number;
  /** 0 for a top-level message. */
  parentMessageId: number;
  userId: number;
  text: string;
  markupType: MarkupType;
  createdUtc: number;
  lastEditedUtc: number;
  lastModifiedUtc: number;
  /** userId → readUtc. */
  readTimestamps: Map<number, number>;
  /** Files, in the Web API's attachment shape [V1 doc/messages.md]: uploaded, so ready for download. */
  attachments: Attachment[];
}

/** The demo's user, who the widget signs in as. */
/** An attachment as the Web API lists it [V1 doc/messages.md "attachments"]. */
export interface Attachment {
  attachmentId: number;
  attachmentState: 'ReadyForDownloadFromServerToClient';
  createdUtc: number;
  fileChecksum: string;
  fileName: string;
  fileSize: number;
  hasThumbnail: boolean;
  lastModifiedUtc: number;
  roomId: number;
  textMessageId: number;
}

export const SAM = { id: 1, userName: 'sam', displayName: 'Sam', password: 'sam-demo', token: 'demo-virola-token' } as const;
/** The scripted correspondent. */
export const VERA = { id: 2, userName: 'vera', displayName: 'Vera', password: 'vera-demo', token: 'demo-vera-token' } as const;

export class VirolaStore {
  readonly users = new Map<number, User>();
  readonly rooms = new Map<number, Room>();
  readonly messages = new Map<number, Message>();
  /** Session id (cookie) → user id. */
  readonly sessions = new Map<string, number>();
  private nextRoomId = 2;
  private nextMessageId = 2000100;
  private nextAttachmentId = 1;
  private lastTime = 0;

  constructor() {
    this.reset();
  }

  /** Back to the two users and no rooms; sessions end. */
  reset(): void {
    this.users.clear();
    this.rooms.clear();
    this.messages.clear();
    this.sessions.clear();
    for (const u of [SAM, VERA]) this.users.set(u.id, { ...u, createdUtc: this.now() });
  }

  /** Strictly increasing epoch ms, so versions (`lastModifiedUtc`) always move forward. */
  now(): number {
    this.lastTime = Math.max(Date.now(), this.lastTime + 1);
    return this.lastTime;
  }

  userByToken(token: string): User | undefined {
    for (const u of this.users.values()) if (u.token === token) return u;
    return undefined;
  }

  login(userName: string, password: string): { user: User; sessionId: string } | undefined {
    const user = [...this.users.values()].find((u) => u.userName === userName && u.password === password);
    if (!user) return undefined;
    const sessionId = randomBytes(18).toString('hex');
    this.sessions.set(sessionId, user.id);
    return { user, sessionId };
  }

  createRoom(name: string, type: Room['type'], members: number[]): Room {
    const at = this.now();
    const room: Room = { id: this.nextRoomId++, name, type, createdUtc: at, lastModifiedUtc: at, members: new Set(members) };
    this.rooms.set(room.id, room);
    return room;
  }

  addMessage(fields: { roomId: number; userId: number; text: string; markupType?: MarkupType; parentMessageId?: number; fileNames?: readonly string[] }): Message {
    const at = this.now();
    const m: Message = {
      messageId: this.nextMessageId++,
      roomId: fields.roomId,
      parentMessageId: fields.parentMessageId ?? 0,
      userId: fields.userId,
      text: fields.text,
      markupType: fields.markupType ?? 'TextPlain',
      createdUtc: at,
      lastEditedUtc: at,
      lastModifiedUtc: at,
      // The author has read what they wrote, as in the documentation's samples.
      readTimestamps: new Map([[fields.userId, at]]),
      attachments: [],
    };
    m.attachments = (fields.fileNames ?? []).map((fileName): Attachment => ({
      attachmentId: this.nextAttachmentId++, attachmentState: 'ReadyForDownloadFromServerToClient', createdUtc: at,
      fileChecksum: createHash('sha1').update(fileName).digest('hex'), fileName, fileSize: 1024, hasThumbnail: false,
      lastModifiedUtc: at, roomId: m.roomId, textMessageId: m.messageId,
    }));
    this.messages.set(m.messageId, m);
    return m;
  }

  /** Top-level messages of a room (or comments of a parent), ascending by id. */
  list(filter: { roomId: number } | { parentMessageId: number }): Message[] {
    const all = [...this.messages.values()];
    const hit = 'roomId' in filter
      ? all.filter((m) => m.roomId === filter.roomId && m.parentMessageId === 0)
      : all.filter((m) => m.parentMessageId === filter.parentMessageId);
    return hit.sort((a, b) => a.messageId - b.messageId);
  }

  commentsOf(parentId: number): Message[] {
    return this.list({ parentMessageId: parentId });
  }

  /** Records a read; false when the user had read it already. */
  markRead(m: Message, userId: number): boolean {
    if (m.readTimestamps.has(userId)) return false;
    const at = this.now();
    m.readTimestamps.set(userId, at);
    m.lastModifiedUtc = at;
    return true;
  }

  /** Files uploaded to a message (`POST /api/v1/messages/{id}/attachments`): ready at once. */
  attach(m: Message, files: readonly { name: string; bytes: Buffer }[]): Attachment[] {
    const at = this.now();
    const added = files.map((f): Attachment => ({
      attachmentId: this.nextAttachmentId++, attachmentState: 'ReadyForDownloadFromServerToClient', createdUtc: at,
      fileChecksum: createHash('md5').update(f.bytes).digest('hex'), fileName: f.name, fileSize: f.bytes.length, hasThumbnail: false,
      lastModifiedUtc: at, roomId: m.roomId, textMessageId: m.messageId,
    }));
    m.attachments.push(...added);
    m.lastModifiedUtc = at;
    return added;
  }

  touch(m: Message): void {
    m.lastModifiedUtc = this.now();
  }

  // ---- JSON as the Web API answers ----

  messageJson(m: Message): Record<string, unknown> {
    return {
      attachments: m.attachments,
      commentCount: m.parentMessageId === 0 ? this.commentsOf(m.messageId).length : 0,
      createdUtc: m.createdUtc,
      lastEditedUtc: m.lastEditedUtc,
      lastModifiedUtc: m.lastModifiedUtc,
      markupType: m.markupType,
      messageId: m.messageId,
      messageType: 'Regular',
      parentMessageId: m.parentMessageId,
      priority: 'Normal',
      roomId: m.roomId,
      text: m.text,
      userId: m.userId,
      readTimestamps: [...m.readTimestamps].map(([userId, readUtc]) => ({ readUtc, userId })),
    };
  }

  roomJson(room: Room, viewer: number): Record<string, unknown> {
    const top = this.list({ roomId: room.id });
    const last = top.at(-1);
    return {
      createdUtc: room.createdUtc,
      displayName: room.name,
      lastModifiedUtc: room.lastModifiedUtc,
      roomId: room.id,
      roomType: room.type,
      unreadMessageCount: top.filter((m) => m.userId !== viewer && !m.readTimestamps.has(viewer)).length,
      isModerator: false,
      isArchived: false,
      isPinned: false,
      lastMessage: last ? { messageId: last.messageId, userId: last.userId, createdUtc: last.createdUtc } : null,
      discussionMessageId: null,
    };
  }

  userJson(u: User): Record<string, unknown> {
    return { createdUtc: u.createdUtc, displayName: u.displayName, isAdmin: false, lastModifiedUtc: u.createdUtc, status: 'Active', userId: u.id, userName: u.userName };
  }
}
