/**
 * IMKIT room objects (socket `room`, REST `GET /rooms`), room preferences (`roomPref`, a room's
 * `pref`) and invitations → conversation patches.
 */
import type { ConversationPatch } from '../../events.js';
import type { Invitation } from '../../model.js';
import {
  assignDefined, DecodeError, isRecord, optArray, optBool, optMsOrIso, optNonEmpty, optNum, record, type WireRecord, withInvalidSink,
} from '../../wire.js';
import { readMessage, type WireMessage } from './decode-message.js';
import { actorOf, actorsOf, refId, type DecodeContext } from './decode-shared.js';

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
  return assignDefined<Pick<ConversationPatch, 'muted' | 'pinned' | 'hidden'>>({}, {
    muted: optBool(p.muted, what, 'muted'),
    pinned: optBool(p.sticky, what, 'sticky'),
    hidden: optBool(p.hidden, what, 'hidden'),
  });
}

/** Decode one room object. Throws a DecodeError when malformed. */
export function readRoom(v: unknown, ctx: DecodeContext, what = 'room'): WireRoom {
  return withInvalidSink(ctx.invalid, () => {
    const r = record(v, what);
    const id = refId(r._id, `${what}._id`) ?? refId(r.id, `${what}.id`);
    if (id === undefined) throw new DecodeError(`${what}._id: a room needs an id`);
    const list = r.members === undefined || r.members === null ? undefined : actorsOf(r.members, ctx, `${what}.members`);
    const others = list?.filter((a) => a.role !== 'self') ?? [];
    const conversation = assignDefined<ConversationPatch>({ id }, {
      members: list,
      title: optNonEmpty(r.name, what, 'name') ?? (optNonEmpty(r.roomType, what, 'roomType') === 'direct' ? others[0]?.name : undefined),
      unreadCount: optNum(r.unread, what, 'unread'),
    });
    Object.assign(conversation, prefFlags(r, what));
    if (isRecord(r.pref)) Object.assign(conversation, prefFlags(r.pref, `${what}.pref`));

    let lastMessage: WireMessage | undefined;
    if (isRecord(r.lastMessage)) {
      lastMessage = readMessage(r.lastMessage, ctx, `${what}.lastMessage`, id);
      conversation.lastMessageId = lastMessage.message.id;
      conversation.lastActivityAt = lastMessage.message.createdAt;
    } else {
      assignDefined(conversation, {
        lastMessageId: refId(r.lastMessage, `${what}.lastMessage`),
        lastActivityAt: optMsOrIso(r.updatedTimeMS, what, 'updatedTimeMS') ?? optMsOrIso(r.createdTimeMS, what, 'createdTimeMS'),
      });
    }

    const meta = assignDefined<Record<string, unknown>>({}, {
      roomType: optNonEmpty(r.roomType, what, 'roomType'),
      description: optNonEmpty(r.description, what, 'description'),
      cover: optNonEmpty(r.cover, what, 'cover'),
    });
    if (Object.keys(meta).length) conversation.meta = meta;

    const readers: WireRoom['readers'] = [];
    for (const [i, p] of optArray(r.memberProperties, what, 'memberProperties').entries()) {
      const prop = record(p, `${what}.memberProperties[${i}]`);
      const memberId = refId(prop.client, `${what}.memberProperties[${i}].client`);
      const messageId = refId(prop.lastRead, `${what}.memberProperties[${i}].lastRead`);
      if (memberId !== undefined && messageId !== undefined && memberId !== ctx.selfId) readers.push({ memberId, messageId });
    }
    const selfAbsent = list !== undefined && ctx.selfId !== undefined && !list.some((a) => a.id === ctx.selfId);
    return lastMessage ? { conversation, lastMessage, readers, selfAbsent } : { conversation, readers, selfAbsent };
  });
}

/** Decode an invitation (`{room, inviter, createdTimeMS}`; `room` a room object or an id). */
export function readInvitation(v: unknown, ctx: DecodeContext, what = 'invitation'): Invitation {
  const d = record(v, what);
  const room = isRecord(d.room) ? readRoom(d.room, ctx, `${what}.room`) : undefined;
  const conversationId = room?.conversation.id ?? refId(d.room, `${what}.room`) ?? refId(d.roomID, `${what}.roomID`);
  if (conversationId === undefined) throw new DecodeError(`${what}.room: an invitation needs a room`);
  return assignDefined<Invitation>({ conversationId }, {
    from: actorOf(d.inviter, ctx, `${what}.inviter`) ?? actorOf(d.sender, ctx, `${what}.sender`),
    title: room?.conversation.title,
    at: optMsOrIso(d.createdTimeMS, what, 'createdTimeMS') ?? optMsOrIso(d.updatedTimeMS, what, 'updatedTimeMS'),
  });
}
