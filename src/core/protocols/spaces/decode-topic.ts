/**
 * Spaces topics (spaces) → Conversation, and the participant events a change of `members[]` means.
 */
import type { ChatEvent, EventEnvelope } from '../../events.js';
import type { Actor, Conversation } from '../../model.js';
import { DecodeError, optArray, optNum, optStr, record, withInvalidSink } from '../../wire.js';
import { nonEmpty, optIdText, pictureOf, timeMs, type DecodeContext } from './decode-shared.js';

/** A decoded topic: the conversation and each member's role in it. */
export interface WireTopic {
  conversation: Conversation;
  /** Member id → role in the space (`admin`, `member` ...). */
  roles: Map<string, string>;
}

/** One `members[]` entry `{member, memberType, displayname, picture_url, role}` → Actor. */
function memberOf(v: unknown, ctx: DecodeContext, what: string): { actor: Actor; role?: string } | undefined {
  const m = record(v, what);
  const memberId = optIdText(m.member, `${what}.member`) ?? optIdText(m._id, `${what}._id`);
  if (memberId === undefined) return undefined;
  const type = optStr(m.memberType, `${what}.memberType`);
  const actor: Actor = {
    id: memberId,
    role: ctx.selfId !== undefined && memberId === ctx.selfId ? 'self' : type === 'anonymous' ? 'guest' : 'member',
  };
  const name = nonEmpty(m.displayname, `${what}.displayname`) ?? nonEmpty(m.username, `${what}.username`);
  if (name !== undefined) actor.name = name;
  const avatar = pictureOf(m.picture_url, `${what}.picture_url`);
  if (avatar !== undefined) actor.avatarUrl = avatar;
  const role = nonEmpty(m.role, `${what}.role`);
  return role === undefined ? { actor } : { actor, role };
}

/** Decode a topic object (the `content` of `topic.updated`, the `_id` of `app.event.topic.new`, a REST space). */
export function readTopic(v: unknown, ctx: DecodeContext, what: string): WireTopic {
  return withInvalidSink(ctx.invalid, () => {
    const t = record(v, what);
    const topicId = optIdText(t._id, `${what}._id`);
    if (topicId === undefined) throw new DecodeError(`${what}._id: a space needs an id`);
    const conversation: Conversation = { id: topicId };
    const roles = new Map<string, string>();
    const title = nonEmpty(t.title, `${what}.title`);
    if (title !== undefined) conversation.title = title;
    const status = optNum(t.status, `${what}.status`);
    if (status !== undefined) conversation.status = status === 1 ? 'archived' : 'active';
    if (t.members !== undefined && t.members !== null) {
      const members: Actor[] = [];
      optArray(t.members, `${what}.members`).forEach((item, i) => {
        const got = memberOf(item, ctx, `${what}.members[${i}]`);
        if (!got) return;
        members.push(got.actor);
        if (got.role !== undefined) roles.set(got.actor.id, got.role);
      });
      conversation.members = members;
    }
    const unread = optNum(t.unreadMessagesCount, `${what}.unreadMessagesCount`);
    if (unread !== undefined) conversation.unreadCount = unread;
    const lastMessageId = optIdText(t.lastMessageId, `${what}.lastMessageId`);
    if (lastMessageId !== undefined) conversation.lastMessageId = lastMessageId;
    const meta: Record<string, unknown> = {};
    const type = nonEmpty(t.type, `${what}.type`);
    if (type !== undefined) meta.type = type;
    const myRole = nonEmpty(t.role, `${what}.role`);
    if (myRole !== undefined) meta.role = myRole;
    const created = timeMs(t.created, `${what}.created`);
    if (created !== undefined) meta.createdAt = created;
    if (Object.keys(meta).length) conversation.meta = meta;
    return { conversation, roles };
  });
}

/**
 * `participant.joined` for members that are new and `participant.left` for members that are gone,
 * against the members the store knew. Nothing when the store knew no members (a first sight is
 * not a change).
 */
export function memberEvents(w: WireTopic, before: readonly Actor[] | undefined, selfId: string | undefined, env: EventEnvelope): ChatEvent[] {
  const after = w.conversation.members;
  if (!before || !after) return [];
  const conversationId = w.conversation.id;
  const was = new Set(before.map((a) => a.id));
  const now = new Set(after.map((a) => a.id));
  const events: ChatEvent[] = [];
  for (const actor of after) {
    if (was.has(actor.id)) continue;
    const role = w.roles.get(actor.id);
    events.push(role === undefined
      ? { ...env, type: 'participant.joined', conversationId, participant: actor }
      : { ...env, type: 'participant.joined', conversationId, participant: actor, roleInConversation: role });
  }
  for (const actor of before) {
    if (!now.has(actor.id)) {
      events.push({ ...env, type: 'participant.left', conversationId, participantId: actor.id, isSelf: selfId !== undefined && actor.id === selfId });
    }
  }
  return events;
}

