/**
 * Comapi messages: the `conversationMessage.sent` payload (socket, SDK, events API) and the
 * message objects of `GET …/messages`. Parts render by type: text parts become the text, image
 * parts image attachments, anything else a file attachment.
 */
import type { Attachment, DeliveryStatus, Markup, Message } from '../../model.js';
import { maxStatus } from '../../order.js';
import { optSequence } from '../../runtime/sequencer.js';
import { assignDefined, DecodeError, isRecord, optArray, optNum, optRecord, optStr, ownValue, record, checkedUrl, type WireRecord } from '../../wire.js';
import { actorFor, idOf, optIdOf, scrub, timeOf, type DecodeContext } from './decode-shared.js';

/** Where Parley keeps its client reference in a message's `metadata`, to match an optimistic send. */
export const CLIENT_REF_KEY = 'parleyRef';

/** The renderable part of a message. */
export type MessageBody = Pick<Message, 'kind' | 'text' | 'markup' | 'attachments'>;

function markupOf(type: string | undefined): Markup {
  const t = type?.split(';')[0]?.trim().toLowerCase();
  if (t === 'text/html') return 'html';
  if (t === 'text/markdown') return 'markdown';
  return 'plain';
}

/** Text, markup and attachments from `parts[] {name?, type?, data?, url?, size?}`. */
export function readParts(v: unknown, what: string): MessageBody {
  const texts: { data: string; markup: Markup }[] = [];
  const attachments: Attachment[] = [];
  optArray(v, what).forEach((item, i) => {
    const w = `${what}[${i}]`;
    const p = record(item, w);
    const type = optStr(p.type, `${w}.type`);
    const data = optStr(p.data, `${w}.data`);
    const url = optStr(p.url, `${w}.url`); // present decides the part's shape; only a web URL is kept
    const name = optStr(p.name, `${w}.name`);
    const size = optNum(p.size, `${w}.size`);
    const lower = type?.toLowerCase();
    if ((lower === undefined || lower.startsWith('text/')) && data !== undefined && !url) {
      texts.push({ data, markup: markupOf(lower) });
      return;
    }
    if (!url && data === undefined) return; // an empty part carries nothing to show
    attachments.push(assignDefined<Attachment>({ kind: lower?.startsWith('image/') ? 'image' : 'file' }, {
      url: (url && checkedUrl(url, `${w}.url`)) || undefined, mime: type || undefined, name: name || undefined, size,
    }));
  });
  const markup: Markup = new Set(texts.map((t) => t.markup)).size === 1 ? texts[0]!.markup : 'plain';
  const text = texts.map((t) => t.data).join('\n');
  return { kind: text === '' && attachments.length ? 'file' : 'text', text, markup, attachments };
}

/** The fields every message form shares. */
interface MessageFields {
  id: string;
  conversationId: string;
  seq: number | undefined;
  context: WireRecord | undefined;
  parts: unknown;
  metadata: unknown;
  /** When `context.sentOn` is missing (e.g. the frame's `publishedOn`). */
  fallbackTime?: number;
}

function buildMessage(f: MessageFields, ctx: DecodeContext, what: string): Message {
  const c = f.context;
  const from = optRecord(c?.from, `${what}.context.from`);
  const senderId = optIdOf(from?.id, `${what}.context.from.id`) ?? optIdOf(c?.sentBy, `${what}.context.sentBy`);
  const senderName = optStr(from?.name, `${what}.context.from.name`);
  const createdAt = timeOf(c?.sentOn, `${what}.context.sentOn`) ?? f.fallbackTime ?? ctx.now;
  const body = readParts(f.parts, `${what}.parts`);
  const m = assignDefined<Message>({ id: f.id, conversationId: f.conversationId, ...body, createdAt, status: 'sent' }, {
    sender: senderId === undefined ? undefined : actorFor(senderId, ctx, senderName || undefined), seq: f.seq,
  });
  if (isRecord(f.metadata)) {
    const ref = f.metadata[CLIENT_REF_KEY];
    if (typeof ref === 'string' && ref !== '' && m.sender?.role === 'self') m.clientRef = ref;
    if (Object.keys(f.metadata).length) m.meta = { metadata: scrub(f.metadata) };
  }
  return m;
}

/**
 * A message from a `conversationMessage.sent` frame: the conversation id sits in
 * `payload.context.conversationId` (socket), or at the top level (events API, SDK event).
 */
export function readSentMessage(frame: WireRecord, ctx: DecodeContext, seq: number | undefined, what = 'frame'): Message {
  const payload = record(frame.payload, what, 'payload');
  const context = optRecord(payload.context, `${what}.payload.context`);
  const conversationId = optIdOf(context?.conversationId, `${what}.payload.context.conversationId`)
    ?? optIdOf(frame.conversationId, `${what}.conversationId`);
  if (conversationId === undefined) throw new DecodeError(`${what}: a sent message needs a conversation id`);
  return buildMessage({
    id: idOf(payload.messageId, `${what}.payload.messageId`), conversationId, seq, context, parts: payload.parts,
    metadata: payload.metadata, fallbackTime: timeOf(frame.publishedOn, `${what}.publishedOn`),
  }, ctx, `${what}.payload`);
}

const STATUS: Record<string, DeliveryStatus> = { delivered: 'delivered', read: 'read' };

/** The best status others gave one of my messages: `statusUpdates {profileId: {status, on}}`. */
function statusFrom(v: unknown, ctx: DecodeContext, what: string): DeliveryStatus {
  let status: DeliveryStatus = 'sent';
  for (const [profileId, entry] of Object.entries(optRecord(v, what) ?? {})) {
    if (profileId === ctx.selfId) continue;
    const s = ownValue(STATUS, optStr(record(entry, `${what}.${profileId}`).status, `${what}.${profileId}.status`));
    if (s) status = maxStatus(status, s);
  }
  return status;
}

/** Whether a REST message already carries my own delivered/read status. */
export function statusByMe(v: WireRecord, ctx: DecodeContext): DeliveryStatus | undefined {
  if (ctx.selfId === undefined || !isRecord(v.statusUpdates)) return undefined;
  const mine = v.statusUpdates[ctx.selfId];
  return isRecord(mine) && typeof mine.status === 'string' ? ownValue(STATUS, mine.status) : undefined;
}

/** A message of `GET …/messages`: `{id, sentEventId, metadata, context, parts, statusUpdates}`. */
export function readRestMessage(v: unknown, conversationId: string, ctx: DecodeContext, what = 'message'): Message {
  const r = record(v, what);
  const context = optRecord(r.context, what, 'context');
  const m = buildMessage({
    id: idOf(r.id, `${what}.id`),
    conversationId: optIdOf(context?.conversationId, `${what}.context.conversationId`) ?? conversationId,
    context, parts: r.parts, metadata: r.metadata, seq: optSequence(r.sentEventId, `${what}.sentEventId`),
  }, ctx, what);
  if (m.sender?.role === 'self') m.status = statusFrom(r.statusUpdates, ctx, `${what}.statusUpdates`);
  return m;
}
