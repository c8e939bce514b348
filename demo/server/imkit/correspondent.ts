/**
 * Kit, the scripted correspondent, and Kit AI. Per room, one step at a time (a queue, so the
 * script is deterministic), for each text the demo client sends: Kit reads it, types, and
 * answers quoting it; a text that mentions "recall" gets a slip that Kit then recalls; a text
 * ending in "?" also gets an answer from Kit AI, streamed in chunks and settled by the final
 * `chat message`. Every timer is cancelled by `cancel()`.
 */
import type { ImkitActions, MessageListener } from './actions.js';
import { KIT, KIT_AI, type ImkitStore, type Room, type StoredMessage } from './store.js';
import { Timeline } from '../shared/timeline.js';

export const replyTo = (text: string): string => `You said: “${text}”`;
export const SLIP = 'Oops, that was meant for another chat.';
export const aiAnswer = (text: string): string[] => [
  'Kit AI here. ', 'You asked: ', `“${text}” `, '— a fine question. ', 'The short answer: it depends, ', 'and Kit will follow up.',
];

export class Correspondent extends Timeline<string> implements MessageListener {
  constructor(private readonly store: ImkitStore, private readonly actions: ImkitActions, delayMs: number) {
    super(delayMs, '[demo imkit] correspondent failed');
  }

  myMessage(room: Room, message: StoredMessage): void {
    if (!room.members.includes(KIT)) return;
    const text = message.message;
    this.enqueue(room._id, async (alive) => {
      if (!(await alive())) return;
      this.actions.read(room, KIT, message._id);
      this.actions.typing(room, KIT);
      if (!(await alive())) return;
      this.actions.say(room, KIT, replyTo(text));
      if (/recall/i.test(text)) {
        const slip = this.actions.say(room, KIT, SLIP);
        if (!(await alive())) return;
        this.actions.recall(room, slip);
      }
      if (text.trim().endsWith('?') && room.members.includes(KIT_AI)) {
        const stream = this.actions.startStream(room, KIT_AI, aiAnswer(text));
        while (await alive()) {
          if (this.actions.streamNext(stream)) break;
        }
      }
    });
  }

  protected exists(roomId: string): boolean {
    return this.store.rooms.has(roomId);
  }
}
