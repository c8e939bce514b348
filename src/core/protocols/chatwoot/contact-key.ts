/**
 * Where a contact created on a first visit is kept: its own module, with no dependency, so the
 * pre-chat check (`core/pre-chat.ts`) can ask whether a visitor has one without loading the protocol.
 */

/** Storage key of a created contact. */
export function contactKey(cfg: { url: string; inboxIdentifier?: string }): string {
  return `chatwoot:${cfg.url}:${cfg.inboxIdentifier ?? ''}:contact`;
}
