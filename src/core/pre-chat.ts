/**
 * Whether a visitor is new to a backend that creates a contact from the visitor's details, so a
 * pre-chat form can ask for them first. Only Chatwoot's Client API does: a contact is created with
 * `POST /public/api/v1/inboxes/{inbox}/contacts {name, email}` (its web widget's pre-chat form is
 * an inbox setting, `pre_chat_form_enabled`, that API inboxes lack and the public inbox API does
 * not expose: the page turns the form on).
 */
import type { KeyValueStore } from './kv.js';
import { contactKey } from './protocols/chatwoot/contact-key.js';

/** What the check reads: the element's protocol, url and protocol options. */
export interface PreChatSource {
  protocol: string;
  url: string;
  options: Readonly<Record<string, unknown>>;
}

/** Whether these settings make a Chatwoot contact on connect (a contact, with no credentials given). */
export function createsContact({ protocol, options }: PreChatSource): boolean {
  if (protocol !== 'chatwoot' && protocol !== 'onechat') return false;
  const agent = options.role === 'agent' || (options.role === undefined && options.accountId !== undefined && options.accountId !== '');
  return !agent && !options.sourceId;
}

/** Whether a pre-chat form should ask: a contact would be created and none is kept in `storage`. */
export async function needsPreChat(source: PreChatSource, storage: KeyValueStore): Promise<boolean> {
  if (!createsContact(source)) return false;
  const inboxIdentifier = typeof source.options.inboxIdentifier === 'string' ? source.options.inboxIdentifier : undefined;
  // Storage that fails reads as empty (idbStorage reports it): identify would make a contact too.
  return (await storage.get(contactKey({ url: source.url, inboxIdentifier }))) === undefined;
}
