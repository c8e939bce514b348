/**
 * Strings more than one element shows (a message's preview in the list and in notifications), in
 * English: a section of the message catalog (src/i18n/en.ts; how to add one: src/i18n/i18n.ts).
 */

/** The shared English strings. */
export const SHARED_TEXT = {
  /** The preview of a deleted message. */
  messageDeleted: 'Message deleted',
  /** The preview of a message that is only attachments. */
  attachment: 'Attachment',
} as const;
