/**
 * Spaces topics (spaces) → Conversation, and the participant events a change of `members[]` means.
 */
import type { ChatEvent, ChatEventOf, EventEnvelope } from '../../events.js';
import type { Actor, Conversation } from '../../model.js';
import { assignDefined, DecodeError, optArray, optNum, optStr, record, withInvalidSink } from '../../wire.js';
import { nonEmpty, optIdText, timeMs, withProfile, type DecodeContext } from './decode-shared.js';

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
  const type = optStr(m.memberType, what, 'memberType');
  const role = ctx.selfId !== undefined && memberId === ctx.selfId ? 'self' : type === 'anonymous' ? 'guest' : 'member';
  const actor = withProfile({ id: memberId, role }, m, what);
  const inSpace = nonEmpty(m.role, `${what}.role`);
  return inSpace === undefined ? { actor } : { actor, role: inSpace };
}

/** `members[]` → actors, each one's role in the space noted in `roles`. */
function membersOf(v: unknown, ctx: DecodeContext, what: string, roles: Map<string, string>): Actor[] {
  return optArray(v, what, 'members').flatMap((item, i) => {
    const got = memberOf(item, ctx, `${what}.members[${i}]`);
    if (got?.role !== undefined) roles.set(got.actor.id, got.role);
    return got ? [got.actor] : [];
  });
}

/** Decode a topic object (the `content` of `topic.updated`, the `_id` of `app.event.topic.new`, a REST space). */
export function readTopic(v: unknown, ctx: DecodeContext, what: string): WireTopic {
  return withInvalidSink(ctx.invalid, () => {
    const t = record(v, what);
    const topicId = optIdText(t._id, `${what}._id`);
    if (topicId === undefined) throw new DecodeError(`${what}._id: a space needs an id`);
    const roles = new Map<string, string>();
    const status = optNum(t.status, what, 'status');
    const conversation = assignDefined<Conversation>({ id: topicId }, {
      title: nonEmpty(t.title, `${what}.title`),
      status: status === undefined ? undefined : status === 1 ? 'archived' : 'active',
      members: t.members === undefined || t.members === null ? undefined : membersOf(t.members, ctx, what, roles),
      unreadCount: optNum(t.unreadMessagesCount, what, 'unreadMessagesCount'),
      lastMessageId: optIdText(t.lastMessageId, `${what}.lastMessageId`),
    });
    const meta = assignDefined<Record<string, unknown>>({}, {
      type: nonEmpty(t.type, `${what}.type`),
      role: nonEmpty(t.role, `${what}.role`),
      createdAt: timeMs(t.created, `${what}.created`),
    });
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
  const joined = after.filter((actor) => !was.has(actor.id)).map((actor) => assignDefined<ChatEventOf<'participant.joined'>>(
    { ...env, type: 'participant.joined', conversationId, participant: actor }, { roleInConversation: w.roles.get(actor.id) }));
  const left = before.filter((actor) => !now.has(actor.id)).map((actor): ChatEvent => (
    { ...env, type: 'participant.left', conversationId, participantId: actor.id, isSelf: selfId !== undefined && actor.id === selfId }));
  return [...joined, ...left];
}

