/**
 * Pieces shared by the Avaya Spaces decoders (socket payloads and REST answers): the decode
 * context, actors, times and attachments.
 */
import type { Actor, ActorRole, Attachment } from '../../model.js';
import {
  assignDefined, DecodeError, optArray, optMsOrIso, optNum, optStr, ownValue, record, str, checkedUrl, type WireRecord,
} from '../../wire.js';
import type { BaseDecodeContext } from '../../runtime/decode-context.js';

/** What the decoders need to know besides the payload (`selfId`: the `_id` of `/api/users/me`). */
export interface DecodeContext extends BaseDecodeContext {
  /** Members the store already has for a space: `topic.updated` diffs against them, tasks name assignees. */
  members?: (spaceId: string) => readonly Actor[] | undefined;
}

/** The URL Spaces gives users who never chose a picture: no avatar, so initials show instead. */
const NO_PICTURE = /\/norevimages\/noimage\.jpg$/;

/** A non-empty string, or undefined. */
export function nonEmpty(v: unknown, what: string): string | undefined {
  const s = optStr(v, what);
  return s === undefined || s.trim() === '' ? undefined : s;
}

/** An id that must be a string or a number (a Spaces `_id` may also be a whole object: refused). */
export function optIdText(v: unknown, what: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return str(v, what);
}

/** Epoch ms from an ISO-8601 text, a ms number or a numeric string; empty, absent or beyond what a `Date` holds (noted) → undefined. */
export function timeMs(v: unknown, what: string): number | undefined {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new DecodeError(`${what}: not a finite time`);
  return optMsOrIso(v, what);
}

/** The role of a Spaces sender: me, a guest (`anonymous`), or a member (`user`). */
export function roleOf(ctx: DecodeContext, actorId: string, type: string | undefined): ActorRole {
  if (ctx.selfId !== undefined && actorId === ctx.selfId) return 'self';
  if (type === 'anonymous') return 'guest';
  return type === 'user' || type === undefined ? 'member' : 'unknown';
}

/** A usable picture URL (not the "no image" placeholder). */
export function pictureOf(v: unknown, what: string): string | undefined {
  const url = nonEmpty(v, what);
  return url && !NO_PICTURE.test(url) ? checkedUrl(url, what) : undefined;
}

/** `actor` with the name (`displayname`, else `username`) and picture of a Spaces user record `s`. */
export function withProfile(actor: Actor, s: WireRecord, what: string): Actor {
  return assignDefined(actor, {
    name: nonEmpty(s.displayname, `${what}.displayname`) ?? nonEmpty(s.username, `${what}.username`),
    avatarUrl: pictureOf(s.picture_url, `${what}.picture_url`),
  });
}

/**
 * An Actor from a Spaces `sender {_id, type, displayname, username, picture_url}`.
 * Absent/null senders and senders without an id give undefined.
 */
export function actorOf(v: unknown, ctx: DecodeContext, what: string): Actor | undefined {
  if (v === undefined || v === null) return undefined;
  const s = record(v, what);
  const actorId = optIdText(s._id, `${what}._id`);
  if (actorId === undefined) return undefined;
  return withProfile({ id: actorId, role: roleOf(ctx, actorId, optStr(s.type, what, 'type')) }, s, what);
}

const FILE_KINDS: Record<string, string> = { image: 'image', video: 'video', audio: 'audio', document: 'file' };

/** `content.data[]` files → attachments (name, size, MIME, link, thumbnail for images). */
export function attachmentsOf(v: unknown, what: string): Attachment[] {
  return optArray(v, what).map((item, i) => {
    const f = record(item, `${what}[${i}]`);
    const w = `${what}[${i}]`;
    const fileType = nonEmpty(f.fileType, `${w}.fileType`);
    return assignDefined<Attachment>({}, {
      id: nonEmpty(f.fileId, `${w}.fileId`),
      name: nonEmpty(f.name, `${w}.name`),
      mime: nonEmpty(f.providerFileType, `${w}.providerFileType`),
      size: optNum(f.fileSize, `${w}.fileSize`),
      kind: ownValue(FILE_KINDS, fileType ?? 'document') ?? 'file',
      url: checkedUrl(nonEmpty(f.path, `${w}.path`) ?? nonEmpty(f.previewUrl, `${w}.previewUrl`), `${w}.path`),
      thumbnailUrl: checkedUrl(nonEmpty(f.thumbnailUrl, `${w}.thumbnailUrl`) ?? (fileType === 'image' ? nonEmpty(f.previewUrl, `${w}.previewUrl`) : undefined), `${w}.thumbnailUrl`),
    });
  });
}

/** A short, stable hash (FNV-1a, base 36) for ids of payloads that carry none. */
export function stableHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
