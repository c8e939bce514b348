/**
 * Virola message objects (event `messages[]`, REST message lists) to the normalized Message.
 * Pure; throws DecodeError only.
 *
 * Wire fields [V1 doc/messages.md]: `messageId, userId, roomId, parentMessageId (0 = top level),
 * text, markupType, messageType, priority, createdUtc, lastEditedUtc, lastModifiedUtc,
 * attachments[], commentCount, readTimestamps[{userId, readUtc}], issueProperties?,
 * meetingProperties?`. Times are epoch milliseconds already.
 */
import type { MessagePatch } from '../../events.js';
import type { Actor, Attachment, Markup, Message, MessageKind } from '../../model.js';
import { DecodeError, assignDefined, id, isRecord, optArray, optBool, optId, optNum, optStr, optTimeMs, ownValue, record, type WireRecord, withInvalidSink } from '../../wire.js';
import type { BaseDecodeContext } from '../../runtime/decode-context.js';

/** Who is decoding, and what the decoder needs to know besides the frame. */
export interface DecodeContext extends BaseDecodeContext {
  /** Display names by user id (from `GET /api/v1/users`). */
  names: ReadonlyMap<string, string>;
  /** http(s) base of the server, for attachment URLs. */
  baseUrl: string;
}

/** Someone who read a message, and when. */
export interface Reader {
  userId: string;
  at: number;
}

/** The fields a wire message carried, normalized; absent ones stay absent. */
export interface MessageFields {
  patch: MessagePatch;
  /** `readTimestamps`, when present. */
  readers?: Reader[];
}

const MARKUP: Record<string, Markup> = {
  TextPlain: 'plain', TextHtml: 'html', TextMarkdown: 'markdown', TextCode: 'code', TextLatex: 'latex',
};
const KIND: Record<string, MessageKind> = { Regular: 'text', Issue: 'task', Meeting: 'post' };
const IMAGE = /\.(png|jpe?g|gif|webp|bmp|avif)$/i;
const READY = 'ReadyForDownloadFromServerToClient';

/** An actor for a Virola user id. */
export function actorOf(userId: string, ctx: DecodeContext): Actor {
  return assignDefined<Actor>({ id: userId, role: userId === ctx.selfId ? 'self' : 'member' }, { name: ctx.names.get(userId) || undefined });
}

function readers(v: unknown, what: string): Reader[] {
  const list = optArray(v, what);
  const out = new Array<Reader>(list.length);
  for (let i = 0; i < list.length; i++) {
    const item = `${what}[${i}]`;
    const r = record(list[i], item);
    out[i] = { userId: id(r.userId, item, 'userId'), at: optTimeMs(r.readUtc, item, 'readUtc') ?? 0 };
  }
  return out;
}

function attachmentOf(v: unknown, what: string, ctx: DecodeContext): Attachment {
  const a = record(v, what);
  const attachmentId = optId(a.attachmentId, what, 'attachmentId');
  const name = optStr(a.fileName, what, 'fileName') || undefined;
  const out = assignDefined<Attachment>({}, { id: attachmentId, name, size: optNum(a.fileSize, what, 'fileSize') });
  const state = optStr(a.attachmentState, what, 'attachmentState');
  if (attachmentId !== undefined && name && (state === undefined || state === READY)) {
    out.url = `${ctx.baseUrl}/api/v1/attachments/${encodeURIComponent(attachmentId)}/${encodeURIComponent(name)}`;
  }
  out.kind = name && IMAGE.test(name) && optBool(a.hasThumbnail, what, 'hasThumbnail') !== false ? 'image' : 'file';
  return out;
}

function enumValue<T>(map: Record<string, T>, v: unknown, what: string, field: string): T | undefined {
  const s = optStr(v, what, field);
  if (s === undefined) return undefined;
  const out = ownValue(map, s);
  if (out === undefined) throw new DecodeError(`${what}.${field}: unknown value "${s.slice(0, 40)}"`);
  return out;
}

/** Protocol extras kept in `meta`, only those present. */
function metaOf(m: WireRecord, list: Reader[] | undefined): Record<string, unknown> | undefined {
  const meta = assignDefined<Record<string, unknown>>({}, {
    messageType: optStr(m.messageType, 'message', 'messageType'),
    priority: optStr(m.priority, 'message', 'priority'),
    commentCount: optNum(m.commentCount, 'message', 'commentCount'),
    readBy: list,
    issue: isRecord(m.issueProperties) ? JSON.parse(JSON.stringify(m.issueProperties)) as unknown : undefined,
    meeting: isRecord(m.meetingProperties) ? JSON.parse(JSON.stringify(m.meetingProperties)) as unknown : undefined,
  });
  return Object.keys(meta).length ? meta : undefined;
}

/**
 * Read the fields a wire message carries. `messageId` and `roomId` are required; everything else
 * is taken when present. My message counts as read once someone besides its author has a read
 * timestamp on it.
 */
export function readMessageFields(v: unknown, ctx: DecodeContext, what = 'message'): MessageFields {
  return withInvalidSink(ctx.invalid, () => {
    const m = record(v, what);
    const patch: MessagePatch = { id: id(m.messageId, what, 'messageId'), conversationId: id(m.roomId, what, 'roomId') };
    const author = optId(m.userId, what, 'userId');
    const parent = optId(m.parentMessageId, what, 'parentMessageId');
    const created = optTimeMs(m.createdUtc, what, 'createdUtc');
    const modified = optTimeMs(m.lastModifiedUtc, what, 'lastModifiedUtc');
    const edited = optTimeMs(m.lastEditedUtc, what, 'lastEditedUtc');
    assignDefined(patch, {
      sender: author === undefined ? undefined : actorOf(author, ctx),
      text: optStr(m.text, what, 'text'),
      markup: enumValue(MARKUP, m.markupType, what, 'markupType'),
      kind: enumValue(KIND, m.messageType, what, 'messageType'),
      threadParentId: parent === '0' ? undefined : parent,
      createdAt: created,
      updatedAt: modified,
      version: modified,
      edited: edited !== undefined && created !== undefined && edited > created ? true : undefined,
    });
    if (m.attachments !== undefined && m.attachments !== null) {
      patch.attachments = optArray(m.attachments, what, 'attachments').map((a, i) => attachmentOf(a, `${what}.attachments[${i}]`, ctx));
    }
    const list = m.readTimestamps === undefined || m.readTimestamps === null ? undefined : readers(m.readTimestamps, `${what}.readTimestamps`);
    if (author !== undefined && author === ctx.selfId) {
      patch.status = list?.some((r) => r.userId !== author) ? 'read' : 'sent';
    }
    assignDefined(patch, { meta: metaOf(m, list) });
    return list ? { patch, readers: list } : { patch };
  });
}

/** A complete Message from a wire message: absent fields get defaults (`createdUtc` → now). */
export function readMessage(v: unknown, ctx: DecodeContext, what = 'message'): Message {
  const { patch } = readMessageFields(v, ctx, what);
  if (patch.text === undefined) throw new DecodeError(`${what}.text: a message needs its text`);
  // The patch is this call's own object: completing it in place saves a copy per message.
  patch.kind ??= 'text';
  patch.markup ??= 'plain';
  patch.attachments ??= [];
  patch.status ??= 'sent';
  patch.createdAt ??= ctx.now;
  return patch as Message;
}

/** Whether `userId` has a read timestamp on a decoded message (its `meta.readBy`). */
export function readBy(m: Pick<Message, 'meta'>, userId: string): boolean {
  const list = m.meta?.readBy;
  return Array.isArray(list) && list.some((r) => isRecord(r) && r.userId === userId);
}
