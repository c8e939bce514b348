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
import { assignDefined, id, optBool, optId, optNum, optRecord, optStr, optTimeMs, record } from '../../wire.js';

/**
 * The fields a wire room carried; absent ones stay absent, so an update patches only those. The
 * last activity is the last message's time; for a `full` room (a list entry, a created room) without
 * one, the room's creation time.
 */
export function readRoom(v: unknown, full: boolean, what = 'room'): ConversationPatch {
  const r = record(v, what);
  const archived = optBool(r.isArchived, what, 'isArchived');
  const last = optRecord(r.lastMessage, what, 'lastMessage');
  const meta = assignDefined<Record<string, unknown>>({}, {
    roomType: optStr(r.roomType, what, 'roomType'),
    isModerator: optBool(r.isModerator, what, 'isModerator'),
    discussionMessageId: optId(r.discussionMessageId, what, 'discussionMessageId'),
  });
  return assignDefined<ConversationPatch>({ id: id(r.roomId, what, 'roomId') }, {
    title: optStr(r.displayName, what, 'displayName') ?? optStr(r.name, what, 'name'),
    unreadCount: optNum(r.unreadMessageCount, what, 'unreadMessageCount'),
    pinned: optBool(r.isPinned, what, 'isPinned'),
    status: archived === undefined ? undefined : archived ? 'archived' : 'active',
    lastMessageId: optId(last?.messageId, `${what}.lastMessage.messageId`),
    lastActivityAt: optTimeMs(last?.createdUtc, `${what}.lastMessage.createdUtc`) ?? (full ? optTimeMs(r.createdUtc, what, 'createdUtc') : undefined),
    meta: Object.keys(meta).length ? meta : undefined,
  });
}
