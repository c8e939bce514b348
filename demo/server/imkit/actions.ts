/**
 * What can happen in the IMKIT world, each change followed by the socket events IMKIT sends:
 * `chat message` (also for edits, recalls and system notices), `lastRead`, `typing`,
 * `ai_streaming`, `room`, `roomPref`, `myPrefChange`, `myPrefDelete`, `invitation`,
 * `cancelInvitation`, `userDeleteMessages`, `messageDeleted`.
 */
import type { ImkitRealtime } from './realtime.js';
import { clientJson, ME, messageJson, roomJson, type ImkitStore, type Room, type RoomPref, type StoredMessage } from './store.js';

/** Told about messages the demo client sends (the scripted correspondent answers them). */
export interface MessageListener {
  myMessage(room: Room, message: StoredMessage): void;
}

/** An AI answer being streamed. */
export interface Stream {
  messageId: string;
  room: Room;
  sender: string;
  chunks: string[];
  sent: number;
}

export class ImkitActions {
  listener?: MessageListener;
  readonly streams = new Map<string, Stream>();

  constructor(private readonly store: ImkitStore, private readonly rt: ImkitRealtime) {}

  private broadcast(room: Room, event: string, payload: unknown): void {
    this.rt.send(room.members, event, payload);
  }

  private chat(room: Room, m: StoredMessage): void {
    this.broadcast(room, 'chat message', messageJson(this.store, m));
  }

  say(room: Room, sender: string, text: string, extra: Partial<StoredMessage> = {}): StoredMessage {
    const m = this.store.addMessage(room, sender, text, extra);
    this.chat(room, m);
    if (sender === ME && m.messageType === 'text') this.listener?.myMessage(room, m);
    return m;
  }

  edit(room: Room, m: StoredMessage, text: string): StoredMessage {
    m.message = text;
    m.updatedAtMS = this.store.now();
    this.chat(room, m);
    return m;
  }

  recall(room: Room, m: StoredMessage): StoredMessage {
    m.message = '';
    m.messageType = 'recall';
    m.updatedAtMS = this.store.now();
    this.chat(room, m);
    return m;
  }

  read(room: Room, clientId: string, messageId: string): void {
    room.lastRead.set(clientId, messageId);
    this.broadcast(room, 'lastRead', { roomID: room._id, memberID: clientId, messageID: messageId });
  }

  typing(room: Room, clientId: string, except?: Parameters<ImkitRealtime['send']>[3]): void {
    const payload = { room: room._id, sender: clientId, senderInfo: clientJson(this.store.client(clientId)) };
    this.rt.send(room.members, 'typing', payload, except);
  }

  /** An admin deletes one message, or every message (`_all`), for everyone. */
  adminDelete(room: Room, messageId: string): void {
    if (messageId === '_all') room.messages.splice(0);
    else room.messages.splice(room.messages.findIndex((m) => m._id === messageId), 1);
    this.broadcast(room, 'messageDeleted', { room: room._id, messageID: messageId });
  }

  /** The demo client hides messages for themself (on any of their devices). */
  userDelete(room: Room, ids: string[], all: boolean): void {
    const hidden = all ? room.messages.map((m) => m._id) : ids;
    for (const id of hidden) this.store.userDeleted.add(id);
    this.rt.send([ME], 'userDeleteMessages', { room: room._id, messages: ids, isUserDeleteAllMessagesInRoom: all });
  }

  setPref(room: Room, patch: Partial<RoomPref>): RoomPref {
    const pref = Object.assign(this.store.pref(room._id), patch);
    this.rt.send([ME], 'roomPref', { room: room._id, ...pref });
    return pref;
  }

  setMyPref(key: string, data: unknown): void {
    this.store.myPrefs.set(key, data);
    this.rt.send([ME], 'myPrefChange', { data, key });
  }

  deleteMyPref(key: string): void {
    this.store.myPrefs.delete(key);
    this.rt.send([ME], 'myPrefDelete', key);
  }

  /** `inviter` invites the demo client into `room` (created when missing). */
  invite(roomId: string, name: string, inviter: string): Room {
    const room = this.store.rooms.get(roomId) ?? this.store.createRoom(roomId, name, [inviter]);
    const at = this.store.now();
    this.store.invitations.set(room._id, { room: room._id, inviter, createdTimeMS: at });
    this.rt.send([ME], 'invitation', { room: roomJson(this.store, room), inviter: clientJson(this.store.client(inviter)), createdTimeMS: at, updatedTimeMS: at });
    return room;
  }

  cancelInvite(room: Room): void {
    this.store.invitations.delete(room._id);
    this.rt.send([ME], 'cancelInvitation', { room: room._id });
  }

  /** `clientId` joins (an accepted invitation). */
  join(room: Room, clientId: string): void {
    if (!room.members.includes(clientId)) room.members.push(clientId);
    if (clientId === ME) this.store.invitations.delete(room._id);
    this.say(room, clientId, '', { messageType: 'joinRoom' });
    this.broadcast(room, 'room', roomJson(this.store, room));
  }

  addMember(room: Room, by: string, member: string): void {
    if (!room.members.includes(member)) room.members.push(member);
    this.say(room, by, '', { messageType: 'addMember', member });
    this.broadcast(room, 'room', roomJson(this.store, room));
  }

  /** `by` removes `member`; the removed member hears it before leaving. */
  removeMember(room: Room, by: string, member: string): void {
    this.say(room, by, '', { messageType: 'deleteMember', member });
    room.members = room.members.filter((id) => id !== member);
    this.broadcast(room, 'room', roomJson(this.store, room));
  }

  /** Start an AI answer: chunks go out one `ai_streaming` at a time, then the final message. */
  startStream(room: Room, sender: string, chunks: string[]): Stream {
    const s: Stream = { messageId: this.store.newId(), room, sender, chunks, sent: 0 };
    this.streams.set(s.messageId, s);
    return s;
  }

  /** Send the next chunk, or (when all went out) the final `chat message`. Returns true when done. */
  streamNext(s: Stream): boolean {
    if (!this.streams.has(s.messageId)) return true;
    if (s.sent < s.chunks.length) {
      const text = s.chunks[s.sent++]!;
      this.broadcast(s.room, 'ai_streaming', {
        room: s.room._id, sender: s.sender, senderInfo: clientJson(this.store.client(s.sender)), text, messageId: s.messageId,
      });
      return false;
    }
    this.streams.delete(s.messageId);
    this.say(s.room, s.sender, s.chunks.join(''), { _id: s.messageId });
    return true;
  }
}
