/**
 * Spaces message items (chat, post = `idea`, task, and comments on posts and tasks) → Message.
 * Used for `MESSAGE_SENT` payloads and for REST message lists, which share one shape.
 */
import type { MessagePatch } from '../../events.js';
import type { Actor, Message, MessageKind } from '../../model.js';
import { assignDefined, DecodeError, optNum, optRecord, optStr, ownValue, record, type WireRecord, withInvalidSink } from '../../wire.js';
import {
  actorOf, attachmentsOf, nonEmpty, optIdText, stableHash, timeMs, type DecodeContext,
} from './decode-shared.js';

/** Categories that carry a message item, and the kind of message each is. */
const KIND_OF: Record<string, MessageKind> = {
  chat: 'text',
  idea: 'post',
  task: 'task',
  'app.event.message.updated': 'text',
  'app.event.idea.updated': 'post',
  'app.event.task.updated': 'task',
};

/** Kind of a message category, or undefined when the category is not a message. */
export function kindOfCategory(category: string): MessageKind | undefined {
  return ownValue(KIND_OF, category);
}

/** A decoded message item. */
export interface WireMessage {
  message: Message;
  /** Whether the creation time came from the payload (`created` or `content.startTime`). */
  createdKnown: boolean;
  /** The newest server time the item carries (`modified`, else `created`), for backfill cursors. */
  serverTime?: number;
}

function assignees(content: WireRecord, spaceId: string, ctx: DecodeContext): { id: string; name?: string }[] | undefined {
  if (content.assignees === undefined || content.assignees === null) return undefined;
  if (!Array.isArray(content.assignees)) throw new DecodeError('content.assignees: expected an array');
  const known = ctx.members?.(spaceId) ?? [];
  return content.assignees.map((item, i) => {
    const a = typeof item === 'string' ? { _id: item } : record(item, `content.assignees[${i}]`);
    const aid = optIdText(a._id, `content.assignees[${i}]._id`);
    if (aid === undefined) throw new DecodeError(`content.assignees[${i}]: no _id`);
    const name = nonEmpty(a.displayname, `content.assignees[${i}].displayname`) ?? known.find((m: Actor) => m.id === aid)?.name;
    return name === undefined ? { id: aid } : { id: aid, name };
  });
}

/** Extras shown with posts and tasks and kept for comments; JSON-safe. */
function metaOf(p: WireRecord, content: WireRecord, category: string, kind: MessageKind, spaceId: string, ctx: DecodeContext): Record<string, unknown> {
  const parent = optRecord(p.parentMsg, 'parentMsg');
  const task = kind === 'task';
  return assignDefined<Record<string, unknown>>({ category }, {
    title: kind === 'post' || task ? nonEmpty(content.bodyText, 'content.bodyText') : undefined,
    status: task ? nonEmpty(content.status, 'content.status') : undefined,
    assignees: task ? assignees(content, spaceId, ctx) : undefined,
    dueDate: task ? timeMs(content.dueDate, 'content.dueDate') : undefined,
    commentCount: optNum(p.chatCount, 'chatCount'),
    spaceTitle: nonEmpty(p.topicTitle, 'topicTitle'),
    parentCategory: parent ? nonEmpty(parent.category, 'parentMsg.category') : undefined,
    parentText: parent ? nonEmpty(parent.bodyText, 'parentMsg.bodyText') : undefined,
  });
}

/** Categories of a chat item as created or as changed (`app.event.message.updated`): the ones `arrivesEdited` reads. */
const CHAT_CATEGORIES: ReadonlySet<string> = new Set(['chat', 'app.event.message.updated']);

/**
 * Whether a chat item was edited before it reached the widget: `modified` is the "timestamp of
 * when message item was last editted" [seed 002], equal to `created` in every freshly created item
 * there, so a later one means an edit. Only chats: a post's or task's `modified` may also move with
 * its comments (`chatCount`), which is no edit of its text. `created` itself, not
 * `content.startTime` (which the seed shows a few ms after `created`).
 */
export function arrivesEdited(category: string, created: number | undefined, modified: number | undefined): boolean {
  return CHAT_CATEGORIES.has(category) && created !== undefined && modified !== undefined && modified > created;
}

/**
 * Decode one message item. `category` is the payload's (or the REST item's) category;
 * `allowDerivedId` lets an item without `_id`/`messageId` (the seed's `task` sample) take an id
 * derived from its space, category and content, so it can still be shown and deduplicated.
 */
export function readMessage(v: unknown, category: string, ctx: DecodeContext, allowDerivedId: boolean): WireMessage {
  return withInvalidSink(ctx.invalid, () => {
    const p = record(v, 'payload');
    const kind = kindOfCategory(category) ?? 'text';
    const conversationId = optIdText(p.topicId, 'topicId');
    if (conversationId === undefined) throw new DecodeError('topicId: a message needs the space it belongs to');
    const content = optRecord(p.content, 'content') ?? {};
    const wireId = optIdText(p._id, '_id') ?? optIdText(p.messageId, 'messageId');
    if (wireId === undefined && !allowDerivedId) throw new DecodeError('_id: an update or removal needs the message id');
    const msgId = wireId ?? `${conversationId}:${category}:${stableHash(JSON.stringify(content))}`;
    const parent = optRecord(p.parentMsg, 'parentMsg');
    const created = timeMs(p.created, 'created') ?? timeMs(content.startTime, 'content.startTime');
    const modified = timeMs(p.modified, 'modified');
    const attachments = attachmentsOf(content.data, 'content.data');
    // A post or task shows its title (`bodyText`) as an extra and its description as the body.
    const text = kind === 'text'
      ? optStr(content.bodyText, 'content.bodyText') ?? ''
      : optStr(content.description, 'content.description') ?? '';
    const message = assignDefined<Message>({
      id: msgId,
      conversationId,
      kind: kind === 'text' && text.trim() === '' && attachments.length > 0 ? 'file' : kind,
      text,
      markup: 'html',
      attachments,
      createdAt: created ?? modified ?? ctx.now,
      status: 'sent',
      meta: metaOf(p, content, category, kind, conversationId, ctx),
    }, {
      sender: actorOf(p.sender, ctx, 'sender'),
      updatedAt: modified,
      version: modified,
      edited: arrivesEdited(category, timeMs(p.created, 'created'), modified) || undefined,
      threadParentId: parent ? optIdText(parent._id, 'parentMsg._id') : undefined,
      clientRef: nonEmpty(p.loopbackMetadata, 'loopbackMetadata'),
    });
    return assignDefined<WireMessage>({ message, createdKnown: created !== undefined }, { serverTime: modified ?? created });
  });
}

/**
 * The patch an update applies: everything but the delivery state, and the creation time only when
 * the payload carried one (a patch with `createdAt` and `text` may insert a message the store lacks).
 */
export function messagePatch(w: WireMessage): MessagePatch {
  const { status: _status, createdAt, ...rest } = w.message;
  return w.createdKnown ? { ...rest, createdAt } : rest;
}
