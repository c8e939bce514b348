/**
 * Virola room objects (`RoomCreated` / `RoomUpdated` events, `GET /api/v1/rooms`) to the normalized
 * Conversation. Pure; throws DecodeError only.
 *
 * Wire fields [V1 doc/rooms.md][V2 src/model/Room.ts]: `roomId, displayName, roomType
 * (Private|Public), createdUtc, lastModifiedUtc, unreadMessageCount, isModerator, isArchived,
 * isPinned, lastMessage {messageId, userId, createdUtc} | null, discussionMessageId`. The events
 * documentation names the title `name`; both are read.
 */
import type { ConversationPatch } from '../../events.js';
import { id, optBool, optId, optNum, optRecord, optStr, optTimeMs, record } from '../../wire.js';

/**
 * The fields a wire room carried; absent ones stay absent, so an update patches only those. The
 * last activity is the last message's time; for a `full` room (a list entry, a created room) without
 * one, the room's creation time.
 */
export function readRoom(v: unknown, full: boolean, what = 'room'): ConversationPatch {
  const r = record(v, what);
  const out: ConversationPatch = { id: id(r.roomId, `${what}.roomId`) };
  const title = optStr(r.displayName, `${what}.displayName`) ?? optStr(r.name, `${what}.name`);
  if (title !== undefined) out.title = title;
  const unread = optNum(r.unreadMessageCount, `${what}.unreadMessageCount`);
  if (unread !== undefined) out.unreadCount = unread;
  const pinned = optBool(r.isPinned, `${what}.isPinned`);
  if (pinned !== undefined) out.pinned = pinned;
  const archived = optBool(r.isArchived, `${what}.isArchived`);
  if (archived !== undefined) out.status = archived ? 'archived' : 'active';
  const last = optRecord(r.lastMessage, `${what}.lastMessage`);
  const lastId = optId(last?.messageId, `${what}.lastMessage.messageId`);
  if (lastId !== undefined) out.lastMessageId = lastId;
  const lastAt = optTimeMs(last?.createdUtc, `${what}.lastMessage.createdUtc`) ?? (full ? optTimeMs(r.createdUtc, `${what}.createdUtc`) : undefined);
  if (lastAt !== undefined) out.lastActivityAt = lastAt;
  const meta: Record<string, unknown> = {};
  const roomType = optStr(r.roomType, `${what}.roomType`);
  if (roomType !== undefined) meta.roomType = roomType;
  const moderator = optBool(r.isModerator, `${what}.isModerator`);
  if (moderator !== undefined) meta.isModerator = moderator;
  const discussion = optId(r.discussionMessageId, `${what}.discussionMessageId`);
  if (discussion !== undefined) meta.discussionMessageId = discussion;
  if (Object.keys(meta).length) out.meta = meta;
  return out;
}
