/**
 * IMKIT message objects (socket `chat message`, REST answers and lists) → Message, with what the
 * system types (`joinRoom`, `addMember` ...) say about members.
 */
import type { Actor, Attachment, Message, MessageKind } from '../../model.js';
import {
  assignDefined, checkedUrl, DecodeError, isRecord, optArray, optMsOrIso, optNonEmpty, optNum, optStr, record, type WireRecord, withInvalidSink,
} from '../../wire.js';
import { actorOf, actorsOf, objectOrJson, refId, scrub, type DecodeContext } from './decode-shared.js';

/** Message types IMKIT sends as system notices in the `chat message` stream. */
export const SYSTEM_TYPES = new Set(['joinRoom', 'leaveRoom', 'addMember', 'addMembers', 'deleteMember', 'cancelInvitations', 'announcement']);

const FILE_TYPES = new Set(['image', 'audio', 'video', 'file']);

/** Kinds whose later change is an edit (a recall is a deletion, a system notice is not edited). */
const EDITABLE_KINDS: ReadonlySet<MessageKind> = new Set(['text', 'file', 'template']);

/** What a decoded message object says. */
export interface WireMessage {
  message: Message;
  /** `messageType` as sent (`text` when absent). */
  type: string;
  /** Members a system message is about (`member`, `extra.invitees`, `extra.members`). */
  subjects: Actor[];
}

function kindOf(type: string): MessageKind {
  if (type === 'recall') return 'recalled';
  if (SYSTEM_TYPES.has(type)) return 'system';
  if (FILE_TYPES.has(type)) return 'file';
  if (type === 'template' || type === 'flex') return 'template';
  return 'text';
}

function attachmentOf(v: WireRecord, kind: string, what: string): Attachment | undefined {
  const url = checkedUrl(optNonEmpty(v.originalUrl, what, 'originalUrl') ?? optNonEmpty(v.url, what, 'url'), `${what}.url`);
  const thumb = checkedUrl(optNonEmpty(v.thumbnailUrl, what, 'thumbnailUrl'), `${what}.thumbnailUrl`);
  if (!url && !thumb) return undefined;
  return assignDefined<Attachment>({ kind }, { url, thumbnailUrl: thumb });
}

function attachments(m: WireRecord, type: string, extra: WireRecord | undefined, what: string): Attachment[] {
  if (!FILE_TYPES.has(type)) return [];
  if (type === 'image') {
    const out = optArray(m.images, what, 'images').flatMap((img, i) => {
      const a = attachmentOf(record(img, `${what}.images[${i}]`), 'image', `${what}.images[${i}]`);
      return a ? [a] : [];
    });
    const single = out.length ? undefined : attachmentOf(m, 'image', what);
    return single ? [single] : out;
  }
  const file = isRecord(m.file) ? m.file : undefined;
  const a = attachmentOf(m, type, what) ?? (file ? attachmentOf(file, type, `${what}.file`) : undefined);
  if (!a) return [];
  return [assignDefined(a, {
    name: optNonEmpty(extra?.fileName, `${what}.extra.fileName`) ?? optNonEmpty(m.message, what, 'message'),
    mime: optNonEmpty(extra?.mimeType, `${what}.extra.mimeType`),
    size: optNum(extra?.bytes, `${what}.extra.bytes`),
  })];
}

function subjectsOf(m: WireRecord, type: string, extra: WireRecord | undefined, ctx: DecodeContext, what: string): Actor[] {
  switch (type) {
    case 'addMember':
    case 'deleteMember': {
      const a = actorOf(m.member, ctx, `${what}.member`);
      return a ? [a] : actorsOf(extra?.members, ctx, `${what}.extra.members`);
    }
    case 'addMembers':
    case 'cancelInvitations': return actorsOf(extra?.invitees, ctx, `${what}.extra.invitees`);
    default: return [];
  }
}

const nameOf = (a: Actor | undefined): string => (a?.role === 'self' ? 'You' : a?.name ?? 'Someone');
const names = (list: readonly Actor[]): string => (list.length ? list.map(nameOf).join(', ') : 'someone');

/** The line a system message shows, in English (IMKIT sends data, not text, for most of them). */
export function systemText(type: string, sender: Actor | undefined, subjects: readonly Actor[], text: string): string {
  switch (type) {
    case 'joinRoom': return `${nameOf(sender)} joined`;
    case 'leaveRoom': return `${nameOf(sender)} left`;
    case 'addMember':
    case 'addMembers': return `${nameOf(sender)} added ${names(subjects)}`;
    case 'deleteMember': return `${nameOf(sender)} removed ${names(subjects)}`;
    case 'cancelInvitations': return `${nameOf(sender)} cancelled the invitation of ${names(subjects)}`;
    default: return text;
  }
}

/**
 * Decode one message object. `room` falls back to `roomId` when the object leaves it out (some
 * REST lists). A message without any time gets `ctx.now`. Throws a DecodeError when malformed.
 */
export function readMessage(v: unknown, ctx: DecodeContext, what = 'message', roomId?: string): WireMessage {
  return withInvalidSink(ctx.invalid, () => {
    const m = record(v, what);
    const id = refId(m._id, `${what}._id`) ?? refId(m.id, `${what}.id`);
    if (id === undefined) throw new DecodeError(`${what}._id: a message needs an id`);
    const conversationId = refId(m.room, `${what}.room`) ?? roomId;
    if (conversationId === undefined) throw new DecodeError(`${what}.room: a message needs a room`);
    const type = optNonEmpty(m.messageType, what, 'messageType') ?? 'text';
    const extra = objectOrJson(m.extra, `${what}.extra`);
    const sender = actorOf(m.sender, ctx, `${what}.sender`);
    const subjects = subjectsOf(m, type, extra, ctx, what);
    const body = typeof m.message === 'string' ? m.message : typeof m.message === 'number' ? String(m.message) : '';
    const createdAt = optMsOrIso(m.messageTimeMS, what, 'messageTimeMS') ?? optMsOrIso(m.createdAtMS, what, 'createdAtMS')
      ?? optMsOrIso(m.messageTime, what, 'messageTime') ?? optMsOrIso(m.createdAt, what, 'createdAt') ?? ctx.now;
    const updatedAt = optMsOrIso(m.updatedAtMS, what, 'updatedAtMS') ?? optMsOrIso(m.updatedAt, what, 'updatedAt');
    const kind = kindOf(type);
    const message: Message = {
      id, conversationId, kind,
      text: kind === 'recalled' ? '' : kind === 'system' ? systemText(type, sender, subjects, body) : body,
      // IMKIT's `message` is plain text (no markup field; its UI kits only autolink URLs in it, with
      // their fork of Autolinker.js): the thread links its bare URLs.
      markup: 'plain',
      attachments: attachments(m, type, extra, what),
      createdAt,
      status: 'sent',
    };
    assignDefined(message, { sender });
    if (updatedAt !== undefined) {
      message.updatedAt = updatedAt;
      message.version = updatedAt;
      // IMKIT carries no "edited" flag: a content message changed after its creation was edited. Compared
      // with the record's own creation time (same clock as updatedAt) when sent, else the message time.
      const recordCreatedAt = optMsOrIso(m.createdAtMS, what, 'createdAtMS') ?? optMsOrIso(m.createdAt, what, 'createdAt') ?? createdAt;
      if (updatedAt > recordCreatedAt && EDITABLE_KINDS.has(kind)) message.edited = true;
    }
    if (kind === 'recalled') message.deleted = true;
    assignDefined(message, {
      threadParentId: refId(m.reply, `${what}.reply`) ?? (isRecord(m.responseObject) ? refId(m.responseObject, `${what}.responseObject`) : undefined),
    });
    const meta: Record<string, unknown> = { messageType: type };
    const mentions = optArray(m.mentions, what, 'mentions').map((x, i) => refId(x, `${what}.mentions[${i}]`)).filter((x): x is string => !!x);
    if (mentions.length) meta.mentions = mentions;
    if (body === '' && m.message !== undefined && m.message !== null && m.message !== '') meta.content = scrub(m.message);
    if (extra) meta.extra = scrub(extra);
    message.meta = assignDefined(meta, { appId: optStr(m.appID, what, 'appID') });
    return { message, type, subjects };
  });
}
