/**
 * Chatwoot message objects (cable `message.created/updated` data, `messages[]` of conversations,
 * REST answers) to the normalized Message. Pure; throws DecodeError only.
 */
import type { MessagePatch } from '../../events.js';
import type { Actor, Attachment, DeliveryStatus, Message, MessageKind } from '../../model.js';
import {
  DecodeError, assignDefined, id, isRecord, optArray, optBool, optId, optNonEmpty, optNum, optStr, ownValue, record, checkedUrl, type WireRecord, withInvalidSink,
} from '../../wire.js';
import { actorOf, isSelf, roleOfType, timeMs, type DecodeContext } from './decode-shared.js';

/** Chatwoot's `message_type` enum. */
const MESSAGE_TYPES = ['incoming', 'outgoing', 'activity', 'template'] as const;
type MessageType = (typeof MESSAGE_TYPES)[number];

/** `content_type`s that are interactive cards rather than plain text. */
const TEMPLATE_CONTENT = new Set([
  'input_text', 'input_textarea', 'input_email', 'input_select', 'cards', 'form', 'article', 'input_csat', 'integrations',
]);

const STATUSES: Record<string, DeliveryStatus> = { sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed' };

/** A message as read off the wire, with which optional parts were actually present. */
export interface WireMessage {
  message: Message;
  /** `private: true`: an agent's internal note. */
  isPrivate: boolean;
  /** `content_attributes.deleted: true`: a soft deletion. */
  isDeleted: boolean;
  /** Which optional fields the wire object carried (patches only set those). */
  has: { sender: boolean; attachments: boolean; status: boolean; content: boolean; createdAt: boolean; type: boolean };
}

function messageType(v: unknown, what: string): MessageType | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') {
    const t = MESSAGE_TYPES[v];
    if (t === undefined) throw new DecodeError(`${what}: unknown message_type ${v}`);
    return t;
  }
  if (typeof v === 'string' && (MESSAGE_TYPES as readonly string[]).includes(v)) return v as MessageType;
  if (typeof v === 'string' && /^[0-3]$/.test(v)) return MESSAGE_TYPES[Number(v)];
  throw new DecodeError(`${what}: unknown message_type`);
}

function attachmentOf(v: unknown, what: string): Attachment {
  const a = record(v, what);
  const attachmentId = optId(a.id, what, 'id');
  const url = checkedUrl(optNonEmpty(a.data_url, what, 'data_url'), `${what}.data_url`);
  const thumbnailUrl = checkedUrl(optNonEmpty(a.thumb_url, what, 'thumb_url'), `${what}.thumb_url`);
  const size = optNum(a.file_size, what, 'file_size');
  const kind = optNonEmpty(a.file_type, what, 'file_type');
  const ext = (): string | undefined => optNonEmpty(a.extension, what, 'extension')?.replace(/^\./, '');
  const name = optNonEmpty(a.name, what, 'name') ?? optNonEmpty(a.file_name, what, 'file_name') ?? fileNameOf(url);
  const fallback = name === undefined ? ext() : undefined;
  return assignDefined<Attachment>({}, { id: attachmentId, url, thumbnailUrl, size, kind, name: name ?? (fallback === undefined ? undefined : `file.${fallback}`) });
}

/** The last path segment of a URL, decoded; undefined when there is none. */
function fileNameOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const path = url.split(/[?#]/)[0] ?? '';
  const last = path.slice(path.lastIndexOf('/') + 1);
  if (!last) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last; // not percent-encoded text: keep it as is
  }
}

function senderOf(m: WireRecord, type: MessageType | undefined, ctx: DecodeContext, what: string): Actor | undefined {
  if (type === 'activity') {
    return { id: optId(m.sender_id, what, 'sender_id') ?? 'system', role: 'system' };
  }
  const fromObject = actorOf(m.sender, ctx, `${what}.sender`);
  if (fromObject) {
    // An incoming message in a contact's own conversation is always the contact: self.
    if (ctx.role === 'contact' && type === 'incoming' && fromObject.role !== 'self') return { ...fromObject, role: 'self' };
    return fromObject;
  }
  const senderType = optStr(m.sender_type, what, 'sender_type');
  const senderId = optId(m.sender_id, what, 'sender_id');
  if (ctx.role === 'contact' && type === 'incoming') return { id: senderId ?? ctx.selfId ?? 'self', role: 'self' };
  if (senderId === undefined) return undefined;
  return { id: senderId, role: isSelf(ctx, senderType, senderId) ? 'self' : roleOfType(senderType) };
}

function kindOf(type: MessageType | undefined, contentType: string | undefined, text: string, attachments: Attachment[]): MessageKind {
  if (type === 'activity') return 'system';
  if (type === 'template' || (contentType !== undefined && TEMPLATE_CONTENT.has(contentType))) return 'template';
  if (!text && attachments.length > 0) return 'file';
  return 'text';
}

/** Read one Chatwoot message object. */
export function readMessage(v: unknown, ctx: DecodeContext, what = 'message'): WireMessage {
  return withInvalidSink(ctx.invalid, () => {
    const m = record(v, what);
    const type = messageType(m.message_type, `${what}.message_type`);
    const contentType = optStr(m.content_type, what, 'content_type') ?? undefined;
    const attrs = m.content_attributes === undefined || m.content_attributes === null ? undefined
      : isRecord(m.content_attributes) ? m.content_attributes : undefined; // Chatwoot sometimes sends a JSON string here
    const text = optStr(m.content, what, 'content') ?? '';
    const attachments = optArray(m.attachments, what, 'attachments').map((a, i) => attachmentOf(a, `${what}.attachments[${i}]`));
    const createdAt = timeMs(m.created_at, `${what}.created_at`);
    const updatedAt = timeMs(m.updated_at, `${what}.updated_at`);
    const statusText = optStr(m.status, what, 'status');
    const isPrivate = optBool(m.private, what, 'private') ?? false;
    const isDeleted = attrs?.deleted === true || attrs?.deleted === 'true';

    // A soft-deleted message is a tombstone, as the store makes one for a live deletion: no text
    // (Chatwoot's placeholder is not the author's) and no attachments.
    const message: Message = {
      id: id(m.id, what, 'id'),
      conversationId: id(m.conversation_id, what, 'conversation_id'),
      kind: kindOf(type, contentType, text, attachments),
      text: isDeleted ? '' : text,
      // Chatwoot's own widget and dashboard render every message's content as Markdown (marked
      // with `breaks` and `gfm`, then DOMPurify: app/javascript/shared/helpers/MessageFormatter.js,
      // used by widget/components/AgentMessageBubble.vue and UserMessageBubble.vue). Activity
      // lines are the server's own words.
      markup: type === 'activity' ? 'plain' : 'markdown',
      attachments: isDeleted ? [] : attachments,
      createdAt: createdAt ?? updatedAt ?? ctx.now,
      status: ownValue(STATUSES, statusText) ?? 'sent',
    };
    const sender = senderOf(m, type, ctx, what);
    const meta = assignDefined<Record<string, unknown>>({}, {
      messageType: type,
      contentType: contentType === 'text' ? undefined : contentType,
      contentAttributes: attrs && Object.keys(attrs).length > 0 ? attrs : undefined,
      private: isPrivate || undefined,
    });
    assignDefined(message, {
      sender, updatedAt, version: updatedAt, clientRef: optNonEmpty(m.echo_id, what, 'echo_id'),
      deleted: isDeleted || undefined, meta: Object.keys(meta).length > 0 ? meta : undefined,
    });

    return {
      message,
      isPrivate,
      isDeleted,
      has: {
        sender: sender !== undefined && (m.sender !== undefined || m.sender_id !== undefined || type === 'activity'),
        attachments: m.attachments !== undefined && m.attachments !== null,
        status: statusText !== undefined,
        content: m.content !== undefined,
        createdAt: createdAt !== undefined,
        type: type !== undefined || contentType !== undefined,
      },
    };
  });
}

/** A message to show, or undefined when this side must not see it (a private note for a contact). */
export function decodeMessage(v: unknown, ctx: DecodeContext, what = 'message'): Message | undefined {
  const w = readMessage(v, ctx, what);
  return w.isPrivate && ctx.role === 'contact' ? undefined : w.message;
}

/**
 * The patch a `message.updated` carries: only the fields the wire object had, so an update without
 * `sender` or `attachments` keeps the stored ones. The store raises `status` without downgrading
 * and marks a changed text as an edit.
 */
export function messagePatch(w: WireMessage): MessagePatch {
  const m = w.message;
  return assignDefined<MessagePatch>({ id: m.id, conversationId: m.conversationId }, {
    kind: w.has.type ? m.kind : undefined,
    text: w.has.content ? m.text : undefined,
    status: w.has.status ? m.status : undefined,
    attachments: w.has.attachments ? m.attachments : undefined,
    sender: w.has.sender ? m.sender : undefined,
    createdAt: w.has.createdAt ? m.createdAt : undefined,
    updatedAt: m.updatedAt,
    version: m.updatedAt === undefined ? undefined : m.version,
    clientRef: m.clientRef,
    meta: m.meta,
  });
}
