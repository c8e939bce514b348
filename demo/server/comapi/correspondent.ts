/**
 * Cleo, the scripted correspondent. Per conversation, one step at a time (a queue, so the script
 * is deterministic): greet a new conversation; for each message of someone else mark it
 * delivered, then read, type, answer quoting it (with an image when asked for a photo, a file when
 * asked for a file), stop typing. Every timer is cancelled by `cancel()`.
 */
import type { ActivityListener, ComapiActions } from './actions.js';
import { CLEO, type ComapiStore, type Conversation, type Message, type Part } from './store.js';
import { Timeline } from '../shared/timeline.js';

export const GREETING = "Hi! I'm Cleo. How can I help?";
export const replyTo = (text: string): string => `You said: “${text}”`;

export class Correspondent extends Timeline<string> implements ActivityListener {
  /** Where the demo server serves its sample files (set once listening). */
  filesBase = '';

  constructor(private readonly store: ComapiStore, private readonly actions: ComapiActions, delayMs: number) {
    super(delayMs, '[demo] comapi correspondent failed');
  }

  conversationCreated(c: Conversation): void {
    if (!c.participants.has(CLEO.id)) return;
    this.enqueue(c.id, async (alive) => {
      if (!(await alive())) return;
      this.actions.typing(c, CLEO.id, true);
      if (!(await alive())) return;
      this.actions.say(c, CLEO.id, GREETING);
      this.actions.typing(c, CLEO.id, false);
    });
  }

  messageSent(c: Conversation, m: Message): void {
    if (!c.participants.has(CLEO.id)) return;
    const text = m.parts.filter((p) => p.type?.startsWith('text/') && p.data).map((p) => p.data).join(' ');
    this.enqueue(c.id, async (alive) => {
      if (!(await alive())) return;
      this.actions.status(c, CLEO.id, [m.id], 'delivered', this.store.now());
      if (!(await alive())) return;
      this.actions.status(c, CLEO.id, [m.id], 'read', this.store.now());
      this.actions.typing(c, CLEO.id, true);
      if (!(await alive())) return;
      this.actions.send(c, CLEO.id, this.answer(text));
      this.actions.typing(c, CLEO.id, false);
    });
  }

  private answer(text: string): Part[] {
    const reply = replyTo(text);
    const parts: Part[] = [{ name: 'body', type: 'text/plain', data: reply, size: Buffer.byteLength(reply) }];
    if (/\b(photo|picture|image)\b/i.test(text)) parts.push({ name: 'parley.svg', type: 'image/svg+xml', url: `${this.filesBase}/files/parley.svg`, size: 402 });
    if (/\bfile\b/i.test(text)) parts.push({ name: 'notes.txt', type: 'text/plain', url: `${this.filesBase}/files/notes.txt`, size: 46 });
    return parts;
  }

  /** The conversation is still there (not deleted). */
  protected exists(conversationId: string): boolean {
    const c = this.store.conversations.get(conversationId);
    return !!c && !c.deleted;
  }
}
