/**
 * Ada, the scripted agent. Per conversation, one step at a time (a queue, so the script is
 * deterministic): greet new conversations; for each contact message read it, type, reply quoting
 * it, stop typing, and after every third reply edit that reply. Every timer is cancelled by
 * `cancel()`.
 */
import type { ChatwootActions, ContactActivityListener } from './actions.js';
import type { ChatwootStore, Conversation, Message } from './store.js';
import { Timeline } from '../shared/timeline.js';

export const GREETING = "Hi! I'm Ada. How can I help?";
export const replyTo = (text: string): string => `You said: “${text}”`;
export const editedReply = (text: string): string => `${replyTo(text)} (edited: thanks for your patience!)`;

export class ScriptedAgent extends Timeline<number> implements ContactActivityListener {
  private readonly replyCounts = new Map<number, number>();

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
      const reply = this.actions.agentSays(conversation, replyTo(text));
      this.actions.typing(conversation, 'agent', false);
      const count = (this.replyCounts.get(conversation.id) ?? 0) + 1;
      this.replyCounts.set(conversation.id, count);
      if (count % 3 !== 0) return;
      if (!(await alive())) return;
      this.actions.editMessage(reply, editedReply(text));
    });
  }

  override reset(): void {
    super.reset();
    this.replyCounts.clear();
  }

  protected exists(conversationId: number): boolean {
    return this.store.conversations.has(conversationId);
  }
}
