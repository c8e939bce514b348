/**
 * The IMKIT emulation's world, in memory: clients, rooms with their messages and read markers,
 * and what belongs to the signed-in demo client (room preferences, personal preferences,
 * messages hidden for them, pending invitations). JSON shapes follow the IMKIT docs.
 */

export const APP_ID = 'ParleyDemo';
export const DEMO_TOKEN = 'demo-imkit-token';
export const DEMO_CLIENT_KEY = 'demo-client-key';
/** The signed-in client (the only one with a token). */
export const ME = 'demo-user';
/** The scripted correspondent, and the AI assistant that streams answers. */
export const KIT = 'kit';
export const KIT_AI = 'kit-ai';
export const MAIN_ROOM = 'demo-room';

export interface Client { _id: string; nickname: string; avatarUrl: string; isRobot: boolean }

export interface StoredMessage {
  _id: string;
  room: string;
  message: string;
  messageType: string;
  sender: string;
  messageTimeMS: number;
  updatedAtMS: number;
  /** addMember / deleteMember: the member concerned. */
  member?: string;
  /** addMembers / cancelInvitations: invitees. */
  invitees?: string[];
  /** Quoted reply. */
  reply?: string;
  /** `image` / `file` messages: where the file is, its thumbnail and name. */
  file?: { url: string; thumbnailUrl?: string; fileName?: string; mimeType?: string; bytes?: number };
}

export interface Room {
  _id: string;
  name: string;
  roomType: 'direct' | 'group';
  members: string[];
  createdTimeMS: number;
  messages: StoredMessage[];
  /** client id → last read message id. */
  lastRead: Map<string, string>;
}

export interface RoomPref { hidden: boolean; muted: boolean; sticky: boolean; folder?: string; tags: string[] }
export interface Invitation { room: string; inviter: string; createdTimeMS: number }

/** Everything, resettable. */
export class ImkitStore {
  readonly clients = new Map<string, Client>();
  readonly rooms = new Map<string, Room>();
  readonly prefs = new Map<string, RoomPref>();
  readonly myPrefs = new Map<string, unknown>();
  readonly userDeleted = new Set<string>();
  readonly invitations = new Map<string, Invitation>();
  private counter = 0;
  private lastTime = 0;

  constructor() {
    this.reset();
  }

  /** Pages served that tests count: `afterTime` pages that left older changes out (more matched than `limit`). */
  readonly served = { afterTimeCut: 0 };

  reset(): void {
    this.served.afterTimeCut = 0;
    this.clients.clear();
    this.rooms.clear();
    this.prefs.clear();
    this.myPrefs.clear();
    this.userDeleted.clear();
    this.invitations.clear();
    this.counter = 0;
    this.lastTime = 0;
    this.addClient({ _id: ME, nickname: 'Demo Visitor', avatarUrl: '', isRobot: false });
    this.addClient({ _id: KIT, nickname: 'Kit', avatarUrl: '', isRobot: false });
    this.addClient({ _id: KIT_AI, nickname: 'Kit AI', avatarUrl: '', isRobot: true });
    const room = this.createRoom(MAIN_ROOM, 'Support', [ME, KIT, KIT_AI]);
    this.addMessage(room, KIT, 'Welcome to the IMKIT demo! Ask me anything; end with “?” and Kit AI answers too.');
  }

  addClient(c: Client): Client {
    this.clients.set(c._id, c);
    return c;
  }

  /** A client by id, created as a plain member when unknown. */
  client(id: string): Client {
    return this.clients.get(id) ?? this.addClient({ _id: id, nickname: id, avatarUrl: '', isRobot: false });
  }

  createRoom(id: string, name: string, members: string[], roomType: Room['roomType'] = 'group'): Room {
    const room: Room = { _id: id, name, roomType, members: [...members], createdTimeMS: this.now(), messages: [], lastRead: new Map() };
    this.rooms.set(id, room);
    return room;
  }

  /** A 24-hex id that sorts in creation order, like a MongoDB ObjectId. */
  newId(): string {
    this.counter++;
    return `6650${this.counter.toString(16).padStart(20, '0')}`;
  }

  /** Strictly increasing ms, so every message has its own time. */
  now(): number {
    this.lastTime = Math.max(Date.now(), this.lastTime + 1);
    return this.lastTime;
  }

  addMessage(room: Room, sender: string, text: string, extra: Partial<StoredMessage> = {}): StoredMessage {
    const at = this.now();
    const m: StoredMessage = { _id: extra._id ?? this.newId(), room: room._id, message: text, messageType: 'text', sender, messageTimeMS: at, updatedAtMS: at, ...extra };
    room.messages.push(m);
    return m;
  }

  findMessage(room: Room, id: string): StoredMessage | undefined {
    return room.messages.find((m) => m._id === id);
  }

  roomsOf(clientId: string): Room[] {
    return [...this.rooms.values()].filter((r) => r.members.includes(clientId));
  }

  pref(roomId: string): RoomPref {
    let p = this.prefs.get(roomId);
    if (!p) {
      p = { hidden: false, muted: false, sticky: false, tags: [] };
      this.prefs.set(roomId, p);
    }
    return p;
  }

  /**
   * Whether `clientId`'s read marker is at or after `m`: by position in the room, or, when the
   * marker's message was deleted for good, by id (ids sort in creation order, like ObjectIds).
   */
  hasRead(room: Room, clientId: string, m: StoredMessage): boolean {
    const marker = room.lastRead.get(clientId);
    if (marker === undefined) return false;
    const at = room.messages.findIndex((x) => x._id === marker);
    return at >= 0 ? room.messages.indexOf(m) <= at : m._id <= marker;
  }

  /** Messages after my read marker that others sent. */
  unread(room: Room, clientId: string): number {
    const marker = room.lastRead.get(clientId);
    const from = marker ? room.messages.findIndex((m) => m._id === marker) + 1 : 0;
    return room.messages.slice(from).filter((m) => m.sender !== clientId && m.messageType !== 'recall').length;
  }
}

// ---- JSON as IMKIT sends it ----

export function clientJson(c: Client): Record<string, unknown> {
  return { _id: c._id, id: c._id, nickname: c.nickname, avatarUrl: c.avatarUrl, isRobot: c.isRobot, lastLoginTimeMS: 0 };
}

export function messageJson(store: ImkitStore, m: StoredMessage): Record<string, unknown> {
  const out: Record<string, unknown> = {
    _id: m._id, id: m._id, message: m.message, room: m.room, sender: clientJson(store.client(m.sender)), messageType: m.messageType,
    appID: APP_ID, messageTime: new Date(m.messageTimeMS).toISOString(), messageTimeMS: m.messageTimeMS,
    createdAtMS: m.messageTimeMS, updatedAtMS: m.updatedAtMS,
  };
  if (m.member) out.member = clientJson(store.client(m.member));
  if (m.invitees) out.extra = { invitees: m.invitees.map((id) => clientJson(store.client(id))) };
  if (m.messageType === 'deleteMember' && m.member) out.extra = { members: [clientJson(store.client(m.member))] };
  if (m.reply) out.reply = m.reply;
  if (m.file) {
    out.originalUrl = m.file.url;
    if (m.file.thumbnailUrl) out.thumbnailUrl = m.file.thumbnailUrl;
    if (m.file.fileName || m.file.mimeType || m.file.bytes !== undefined) {
      out.extra = Object.fromEntries(Object.entries({ fileName: m.file.fileName, mimeType: m.file.mimeType, bytes: m.file.bytes }).filter(([, v]) => v !== undefined));
    }
    if (m.messageType === 'image') out.images = [{ originalUrl: m.file.url, ...(m.file.thumbnailUrl ? { thumbnailUrl: m.file.thumbnailUrl } : {}) }];
  }
  return out;
}

/** A room as `viewer` sees it (unread, preferences, read markers). */
export function roomJson(store: ImkitStore, room: Room, viewer = ME): Record<string, unknown> {
  const pref = store.pref(room._id);
  const last = [...room.messages].reverse().find((m) => !(viewer === ME && store.userDeleted.has(m._id)));
  const out: Record<string, unknown> = {
    _id: room._id, id: room._id, name: room.name, roomType: room.roomType, status: 1, description: '', cover: '',
    members: room.members.map((id) => clientJson(store.client(id))),
    unread: store.unread(room, viewer), muted: pref.muted,
    pref: { tags: pref.tags, hidden: pref.hidden, sticky: pref.sticky, muted: pref.muted, ...(pref.folder ? { folder: pref.folder } : {}) },
    memberProperties: room.members.map((id) => ({ client: id, badge: store.unread(room, id), ...(room.lastRead.has(id) ? { lastRead: room.lastRead.get(id) } : {}) })),
    createdTimeMS: room.createdTimeMS,
  };
  if (last) out.lastMessage = messageJson(store, last);
  return out;
}
