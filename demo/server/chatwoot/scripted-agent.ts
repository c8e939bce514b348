/**
 * Ada, the scripted agent. Per conversation, one step at a time (a queue, so the script is
 * deterministic): greet new conversations; for each contact message read it (`update_last_seen`,
 * which Chatwoot announces to nobody), type (the typing frames carry the conversation with its
 * new `agent_last_seen_at`: how the visitor learns she read), reply quoting it, stop typing. She
 * never edits a reply: Chatwoot has no route that changes a message's text. Every timer is
 * cancelled by `cancel()`.
 */
import type { ChatwootActions, ContactActivityListener } from './actions.js';
import type { ChatwootStore, Conversation, Message } from './store.js';
import { Timeline } from '../shared/timeline.js';

export const GREETING = "Hi! I'm Ada. How can I help?";
export const replyTo = (text: string): string => `You said: “${text}”`;

export class ScriptedAgent extends Timeline<number> implements ContactActivityListener {
  constructor(
    private readonly store: ChatwootStore,
    private readonly actions: ChatwootActions,
    delayMs: number,
  ) {
    super(delayMs, '[demo] scripted agent failed');
  }

  conversationCreated(conversation: Conversation): void {
    this.enqueue(conversation.id, async (alive) => {
      if (!(await alive())) return;
      this.actions.typing(conversation, 'agent', true);
      if (!(await alive())) return;
      this.actions.agentSays(conversation, GREETING);
      this.actions.typing(conversation, 'agent', false);
    });
  }

  contactMessage(conversation: Conversation, message: Message): void {
    const text = message.content;
    this.enqueue(conversation.id, async (alive) => {
      if (!(await alive())) return;
      this.actions.agentSeen(conversation);
      this.actions.typing(conversation, 'agent', true);
      if (!(await alive())) return;
      this.actions.agentSays(conversation, replyTo(text));
      this.actions.typing(conversation, 'agent', false);
    });
  }

  protected exists(conversationId: number): boolean {
    return this.store.conversations.has(conversationId);
  }
}
