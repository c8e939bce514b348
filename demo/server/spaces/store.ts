/**
 * The Spaces emulation's state: users (members with a JWT, guests from the anonymous sign-in),
 * spaces (topics) with members, and message items (chats, posts, tasks, comments).
 */
import { randomBytes } from 'node:crypto';
import { guestJwt, verifyGuestJwt } from './tokens.js';

export type UserType = 'user' | 'anonymous';

/** How a token is presented: the socket's `tokenType` query value (REST: `jwt …` or `bearer …`). */
export type TokenType = 'jwt' | 'oauth';

/** Who a credential names, or why the server refuses it. */
export type AuthResult = { user: User } | { refusal: string };

export interface User {
  id: string;
  displayname: string;
  username: string;
  type: UserType;
  /** A member's fixed test token; a guest's is the JWT of the sign-in (see tokens.ts). */
  token: string;
  /** The kind the token is accepted as. */
  tokenType: TokenType;
  picture?: string;
}

export interface Member {
  userId: string;
  role: 'admin' | 'member' | 'guest';
  joinTime: string;
}

export interface Space {
  id: string;
  title: string;
  /** 0 active, 1 archived. */
  status: 0 | 1;
  created: string;
  modified: string;
  cid: string;
  members: Member[];
}

export interface FileItem {
  fileId: string;
  fileSize: number;
  fileType: 'image' | 'video' | 'audio' | 'document';
  name: string;
  providerFileType: string;
  path?: string;
  previewUrl?: string;
  thumbnailUrl?: string;
}

export type Category = 'chat' | 'idea' | 'task';

export interface Item {
  id: string;
  spaceId: string;
  category: Category;
  senderId: string;
  bodyText: string;
  description: string;
  data: FileItem[];
  parentId?: string;
  taskStatus?: 'pending' | 'complete';
  assignees?: string[];
  dueDate?: string;
  created: string;
  modified: string;
  /** `modified` in ms, strictly increasing across the store (the activities record pages by it). */
  modifiedMs: number;
  deleted: boolean;
}

/** The scripted correspondent, a member of every space. */
export const SAM: User = {
  id: '5ef9b678aa4a347af983c74c', displayname: 'Sam', username: 'sam@spaces.demo', type: 'user', token: 'demo-sam-token', tokenType: 'jwt',
};
/** A member who can sign in with a token (`Authorization: jwt demo-user-token`). */
export const DANA: User = {
  id: '5f04251caa4a347af9946e06', displayname: 'Dana', username: 'dana@spaces.demo', type: 'user', token: 'demo-user-token', tokenType: 'jwt',
};
/** The demo space the demo page opens (guests join it). */
export const DEMO_SPACE_ID = '5f06c25e574ca36b54cb4cdf';

export class SpacesStore {
  users = new Map<string, User>();
  spaces = new Map<string, Space>();
  items = new Map<string, Item>();
  /** `userId:spaceId` → last read, ms. */
  reads = new Map<string, number>();
  /** Parent id → its comments, so a comment count does not scan every item (a storm makes thousands). */
  private comments = new Map<string, Item[]>();
  private counter = 0;
  private lastMs = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.users = new Map([[SAM.id, { ...SAM }], [DANA.id, { ...DANA }]]);
    this.spaces = new Map();
    this.items = new Map();
    this.reads = new Map();
    this.comments = new Map();
    this.createSpace('Parley demo space', [DANA.id], DEMO_SPACE_ID);
  }

  /** A 24-hex id, like Spaces' ObjectIds. */
  newId(): string {
    const seconds = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
    return seconds + (++this.counter).toString(16).padStart(6, '0') + randomBytes(5).toString('hex');
  }

  /** Now, strictly after every earlier `now()`. */
  now(): { ms: number; iso: string } {
    const ms = Math.max(Date.now(), this.lastMs + 1);
    this.lastMs = ms;
    return { ms, iso: new Date(ms).toISOString() };
  }

  /**
   * The user a credential names: a member's test token under its own kind, or a guest JWT
   * (`jwt` only, unexpired, signed here); anything else is refused with a reason.
   */
  authenticate(tokenType: unknown, token: unknown): AuthResult {
    if (tokenType !== 'jwt' && tokenType !== 'oauth') return { refusal: 'tokenType must be jwt or oauth' };
    if (typeof token !== 'string' || !token) return { refusal: 'No authorization token was found' };
    for (const u of this.users.values()) {
      if (u.type === 'user' && u.token === token) return u.tokenType === tokenType ? { user: u } : { refusal: 'invalid token' };
    }
    if (tokenType !== 'jwt') return { refusal: 'invalid token' };
    const checked = verifyGuestJwt(token);
    if ('refusal' in checked) return checked;
    const guest = this.users.get(checked.userId);
    return guest?.type === 'anonymous' ? { user: guest } : { refusal: 'invalid token' };
  }

  createGuest(displayname: string, username: string): User {
    const id = this.newId();
    const user: User = { id, displayname, username, type: 'anonymous', token: guestJwt(id), tokenType: 'jwt' };
    this.users.set(user.id, user);
    return user;
  }

  /** A space with Sam as admin and the given members. */
  createSpace(title: string, memberIds: string[] = [], id = this.newId()): Space {
    const { iso } = this.now();
    const space: Space = {
      id, title, status: 0, created: iso, modified: iso, cid: SAM.id,
      members: [{ userId: SAM.id, role: 'admin', joinTime: iso }, ...memberIds.map((userId) => ({ userId, role: 'member' as const, joinTime: iso }))],
    };
    this.spaces.set(id, space);
    return space;
  }

  isMember(space: Space, userId: string): boolean {
    return space.members.some((m) => m.userId === userId);
  }

  /** Add a member; false when already one. */
  addMember(space: Space, user: User): boolean {
    if (this.isMember(space, user.id)) return false;
    space.members.push({ userId: user.id, role: user.type === 'anonymous' ? 'guest' : 'member', joinTime: this.now().iso });
    space.modified = this.now().iso;
    return true;
  }

  removeMember(space: Space, userId: string): boolean {
    const before = space.members.length;
    space.members = space.members.filter((m) => m.userId !== userId);
    space.modified = this.now().iso;
    return space.members.length !== before;
  }

  addItem(fields: Omit<Item, 'id' | 'created' | 'modified' | 'modifiedMs' | 'deleted'>): Item {
    const { ms, iso } = this.now();
    const item: Item = { ...fields, id: this.newId(), created: iso, modified: iso, modifiedMs: ms, deleted: false };
    this.items.set(item.id, item);
    if (item.parentId) this.comments.set(item.parentId, [...(this.comments.get(item.parentId) ?? []), item]);
    return item;
  }

  /** Mark an item changed now. */
  touch(item: Item): void {
    const { ms, iso } = this.now();
    item.modified = iso;
    item.modifiedMs = ms;
  }

  /** Items of a space, oldest first (deleted ones included). */
  itemsOf(spaceId: string): Item[] {
    return [...this.items.values()].filter((i) => i.spaceId === spaceId).sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
  }

  /** Comments on a post or task. */
  commentCount(item: Item): number {
    return (this.comments.get(item.id) ?? []).filter((i) => !i.deleted).length;
  }
}
