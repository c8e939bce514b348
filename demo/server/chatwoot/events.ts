/**
 * Who hears what, after Chatwoot's ActionCableListener (app/listeners/action_cable_listener.rb):
 * the agent's stream gets every event; a contact's stream gets its own conversation's creation,
 * public messages (created and updated), status changes, the other side's typing and its presence.
 * `conversation.read` (the contact read) goes to agents only. A typist never hears their own
 * typing. Nothing is announced when an agent reads: `update_last_seen` writes columns only.
 */
import type { CableServer, CableSubscription } from './cable.js';
import { agentJson, contactJson, conversationJson, messageJson, type EchoId } from './serialize.js';
import { ACCOUNT_ID, AGENT, type ChatwootStore, type Contact, type Conversation, type Message } from './store.js';

const PRESENCE_FRESH_MS = 60_000;

export class ChatwootEvents {
  /** Contact id → last `update_presence` (or subscribe), ms. */
  private readonly contactPresence = new Map<number, number>();

  constructor(
    private readonly store: ChatwootStore,
    private readonly cable: CableServer,
    private readonly agentOnline: () => boolean,
  ) {}

  reset(): void {
    this.contactPresence.clear();
  }

  messageCreated(message: Message, echoId?: EchoId): void {
    this.toMessageAudience(message, 'message.created', messageJson(this.store, message, { echoId, agentOnline: this.agentOnline() }));
  }

  messageUpdated(message: Message): void {
    this.toMessageAudience(message, 'message.updated', messageJson(this.store, message, { agentOnline: this.agentOnline() }));
  }

  /** `conversation_created`: the inbox's agents and the contact inbox's token. */
  conversationCreated(conversation: Conversation): void {
    this.toAgent('conversation.created', this.conversationData(conversation));
    this.toContact(conversation, 'conversation.created', this.conversationData(conversation));
  }

  /** `conversation_read` (the contact's `contact_last_seen_at` changed): agents only. */
  conversationRead(conversation: Conversation): void {
    this.toAgent('conversation.read', this.conversationData(conversation));
  }

  statusChanged(conversation: Conversation): void {
    this.toAgent('conversation.status_changed', this.conversationData(conversation));
    this.toContact(conversation, 'conversation.status_changed', this.conversationData(conversation));
  }

  typing(conversation: Conversation, typist: 'agent' | 'contact', on: boolean, isPrivate = false): void {
    const event = on ? 'conversation.typing_on' : 'conversation.typing_off';
    const contact = this.store.contactOf(conversation);
    const user = typist === 'agent' ? agentJson(this.agentOnline(), this.store.agentAvatarUrl) : contactJson(contact);
    // The conversation's push_event_data, read when the typing request came: it carries
    // `agent_last_seen_at`, the one live sign a contact gets that an agent has read.
    const data = { conversation: this.conversationData(conversation), user, is_private: isPrivate, account_id: ACCOUNT_ID };
    // typing_event_listener_tokens: the inbox's agents plus the contact, minus the typist. A
    // private typing (a note) still goes to the contact's stream; the widget ignores it.
    if (typist === 'agent') this.toContact(conversation, event, data);
    else this.toAgent(event, data);
  }

  contactCreated(contact: Contact): void {
    this.toAgent('contact.created', { ...contactJson(contact), account_id: ACCOUNT_ID });
  }

  /** Chatwoot's RoomChannel#broadcast_presence, on subscribe and on every `update_presence`. */
  presence(subscription: CableSubscription): void {
    if (subscription.kind === 'contact') {
      const contact = this.store.contactsByToken.get(subscription.stream);
      if (contact) this.contactPresence.set(contact.id, Date.now());
    }
    const data: Record<string, unknown> = {
      account_id: ACCOUNT_ID,
      users: this.agentOnline() ? { [String(AGENT.id)]: 'online' } : {},
    };
    if (subscription.kind === 'agent') data.contacts = this.onlineContacts();
    this.cable.broadcast(subscription.stream, { event: 'presence.update', data });
  }

  presenceSnapshot(): Record<string, string> {
    return this.onlineContacts();
  }

  private onlineContacts(): Record<string, string> {
    const fresh = Date.now() - PRESENCE_FRESH_MS;
    const contacts: Record<string, string> = {};
    for (const [id, at] of this.contactPresence) if (at >= fresh) contacts[String(id)] = 'online';
    return contacts;
  }

  private toMessageAudience(message: Message, event: string, data: Record<string, unknown>): void {
    this.toAgent(event, data);
    if (message.private || message.messageType === 2) return;
    const conversation = this.store.conversations.get(message.conversationId);
    if (conversation) this.toContact(conversation, event, data);
  }

  private conversationData(conversation: Conversation): Record<string, unknown> {
    return conversationJson(this.store, conversation, { agentOnline: this.agentOnline() });
  }

  private toAgent(event: string, data: Record<string, unknown>): void {
    this.cable.broadcast(AGENT.pubsubToken, { event, data });
  }

  private toContact(conversation: Conversation, event: string, data: Record<string, unknown>): void {
    const contact = this.store.contactsById.get(conversation.contactId);
    if (contact) this.cable.broadcast(contact.pubsubToken, { event, data });
  }
}
