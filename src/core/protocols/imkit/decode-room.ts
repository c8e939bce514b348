/**
 * IMKIT room objects (socket `room`, REST `GET /rooms`), room preferences (`roomPref`, a room's
 * `pref`) and invitations → conversation patches.
 */
import type { ConversationPatch } from '../../events.js';
import type { Actor, Invitation } from '../../model.js';
import { DecodeError, isRecord, optArray, optBool, optNum, record, type WireRecord, withInvalidSink } from '../../wire.js';
import { readMessage, type WireMessage } from './decode-message.js';
import { actorOf, nonEmpty, refId, timeMs, type DecodeContext } from './decode-shared.js';

/** What a decoded room says. */
export interface WireRoom {
  conversation: ConversationPatch;
  /** The room's `lastMessage`, when it carries a whole message. */
  lastMessage?: WireMessage;
  /** Members' read markers (`memberProperties[].lastRead`), mine left out. */
  readers: { memberId: string; messageId: string }[];
  /** Whether the room lists its members and I am not among them (I was removed). */
  selfAbsent: boolean;
}

/** `muted` / `pinned` (IMKIT `sticky`) / `hidden` of a preference object; absent keys stay absent. */
export function prefFlags(p: WireRecord, what: string): Pick<ConversationPatch, 'muted' | 'pinned' | 'hidden'> {
  const out: Pick<ConversationPatch, 'muted' | 'pinned' | 'hidden'> = {};
  const muted = optBool(p.muted, `${what}.muted`);
  if (muted !== undefined) out.muted = muted;
  const sticky = optBool(p.sticky, `${what}.sticky`);
  if (sticky !== undefined) out.pinned = sticky;
  const hidden = optBool(p.hidden, `${what}.hidden`);
  if (hidden !== undefined) out.hidden = hidden;
  return out;
}

function members(v: unknown, ctx: DecodeContext, what: string): Actor[] | undefined {
  if (v === undefined || v === null) return undefined;
  return optArray(v, what).flatMap((x, i) => {
    const a = actorOf(x, ctx, `${what}[${i}]`);
    return a ? [a] : [];
  });
}

/** Decode one room object. Throws a DecodeError when malformed. */
export function readRoom(v: unknown, ctx: DecodeContext, what = 'room'): WireRoom {
  return withInvalidSink(ctx.invalid, () => {
    const r = record(v, what);
    const id = refId(r._id, `${what}._id`) ?? refId(r.id, `${what}.id`);
    if (id === undefined) throw new DecodeError(`${what}._id: a room needs an id`);
    const conversation: ConversationPatch = { id };
    const list = members(r.members, ctx, `${what}.members`);
    if (list) conversation.members = list;
    const others = list?.filter((a) => a.role !== 'self') ?? [];
    const title = nonEmpty(r.name, `${what}.name`) ?? (nonEmpty(r.roomType, `${what}.roomType`) === 'direct' ? others[0]?.name : undefined);
    if (title !== undefined) conversation.title = title;
    const unread = optNum(r.unread, `${what}.unread`);
    if (unread !== undefined) conversation.unreadCount = unread;
    Object.assign(conversation, prefFlags(r, what));
    if (isRecord(r.pref)) Object.assign(conversation, prefFlags(r.pref, `${what}.pref`));

    let lastMessage: WireMessage | undefined;
    if (isRecord(r.lastMessage)) {
      lastMessage = readMessage(r.lastMessage, ctx, `${what}.lastMessage`, id);
      conversation.lastMessageId = lastMessage.message.id;
      conversation.lastActivityAt = lastMessage.message.createdAt;
    } else {
      const lastId = refId(r.lastMessage, `${what}.lastMessage`);
      if (lastId !== undefined) conversation.lastMessageId = lastId;
      const at = timeMs(r.updatedTimeMS, `${what}.updatedTimeMS`) ?? timeMs(r.createdTimeMS, `${what}.createdTimeMS`);
      if (at !== undefined) conversation.lastActivityAt = at;
    }

    const meta: Record<string, unknown> = {};
    const roomType = nonEmpty(r.roomType, `${what}.roomType`);
    if (roomType) meta.roomType = roomType;
    const description = nonEmpty(r.description, `${what}.description`);
    if (description) meta.description = description;
    const cover = nonEmpty(r.cover, `${what}.cover`);
    if (cover) meta.cover = cover;
    if (Object.keys(meta).length) conversation.meta = meta;

    const readers: WireRoom['readers'] = [];
    for (const [i, p] of optArray(r.memberProperties, `${what}.memberProperties`).entries()) {
      const prop = record(p, `${what}.memberProperties[${i}]`);
      const memberId = refId(prop.client, `${what}.memberProperties[${i}].client`);
      const messageId = refId(prop.lastRead, `${what}.memberProperties[${i}].lastRead`);
      if (memberId !== undefined && messageId !== undefined && memberId !== ctx.selfId) readers.push({ memberId, messageId });
    }
    const selfAbsent = list !== undefined && ctx.selfId !== undefined && !list.some((a) => a.id === ctx.selfId);
    return lastMessage ? { conversation, lastMessage, readers, selfAbsent } : { conversation, readers, selfAbsent };
  });
}

/**
 * Decode an invitation (`{room, inviter, createdTimeMS}`; `room` a room object or an id).
 * Returns the invitation and, when the room came whole, its patch.
 */
export function readInvitation(v: unknown, ctx: DecodeContext, what = 'invitation'): { invitation: Invitation; room?: WireRoom } {
  const d = record(v, what);
  const room = isRecord(d.room) ? readRoom(d.room, ctx, `${what}.room`) : undefined;
  const conversationId = room?.conversation.id ?? refId(d.room, `${what}.room`) ?? refId(d.roomID, `${what}.roomID`);
  if (conversationId === undefined) throw new DecodeError(`${what}.room: an invitation needs a room`);
  const invitation: Invitation = { conversationId };
  const from = actorOf(d.inviter, ctx, `${what}.inviter`) ?? actorOf(d.sender, ctx, `${what}.sender`);
  if (from) invitation.from = from;
  const title = room?.conversation.title;
  if (title !== undefined) invitation.title = title;
  const at = timeMs(d.createdTimeMS, `${what}.createdTimeMS`) ?? timeMs(d.updatedTimeMS, `${what}.updatedTimeMS`);
  if (at !== undefined) invitation.at = at;
  return room ? { invitation, room } : { invitation };
}
