/**
 * A Chatwoot visitor made the way a widget makes one, through the demo server's Client API: a
 * contact in the demo inbox (its `source_id` and `pubsub_token`), with a conversation of its own.
 */
import { servers } from './servers.js';

/** Create a contact named `name` and open a conversation for it. */
export async function newContact(name: string): Promise<{ source_id: string; pubsub_token: string; conversationId: string }> {
  const base = `${servers.chatwoot}/public/api/v1/inboxes/demo-inbox`;
  const post = async (url: string, body: unknown) => (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
  const contact = await post(`${base}/contacts`, { name }) as { source_id: string; pubsub_token: string };
  const conversation = await post(`${base}/contacts/${contact.source_id}/conversations`, {}) as { id: number };
  return { ...contact, conversationId: String(conversation.id) };
}
