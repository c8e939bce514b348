/**
 * Sam, the scripted correspondent. Per space, one step at a time (a queue, so the script is
 * deterministic): greet a guest who joins; answer each chat quoting it; then, by turns, post an
 * idea (with an image) and comment on it, create a task and complete it, edit the answer, or post
 * a message and remove it. Every timer is cancelled by `cancel()`.
 */
import type { ChatListener, SpacesActions } from './actions.js';
import { SAM, type FileItem, type Item, type Space, type SpacesStore, type User } from './store.js';
import { htmlBody, plainText } from './wire.js';
import { Timeline } from '../shared/timeline.js';

export const greeting = (name: string): string => `Hi ${name}! I'm Sam. Ask me anything.`;
export const replyTo = (text: string): string => `You said: “${text}”`;
export const IDEA_TITLE = 'Idea: a picture for the space';
export const IDEA_COMMENT = 'First comment on the idea';
export const taskTitle = (text: string): string => `Follow up on “${text}”`;
export const EDITED_SUFFIX = ' (edited)';
export const OOPS = 'Oops, wrong space.';

export class Correspondent extends Timeline<string> implements ChatListener {
  /** Base URL of the server, for attachment links. */
  baseUrl = '';
  private readonly counts = new Map<string, number>();

  constructor(private readonly store: SpacesStore, private readonly actions: SpacesActions, delayMs: number) {
    super(delayMs, '[demo] spaces correspondent failed');
  }

  joined(space: Space, user: User): void {
    if (user.type !== 'anonymous') return;
    this.enqueue(space.id, async (alive) => {
      if (await alive()) this.say(space, greeting(user.displayname));
    });
  }

  chat(space: Space, item: Item, from: User): void {
    const text = plainText(item.bodyText);
    const n = (this.counts.get(space.id) ?? 0) + 1;
    this.counts.set(space.id, n);
    this.enqueue(space.id, async (alive) => {
      if (!(await alive())) return;
      const reply = this.say(space, replyTo(text));
      if (!(await alive())) return;
      switch (n % 4) {
        case 1: {
          const idea = this.actions.post(this.sam(), space, { category: 'idea', bodyText: IDEA_TITLE, description: '<p>What about <b>this</b> one?</p>', data: [this.picture()] });
          if (await alive()) this.actions.post(this.sam(), space, { category: 'chat', bodyText: htmlBody(IDEA_COMMENT), parentId: idea.id });
          return;
        }
        case 2: {
          const due = new Date(Date.now() + 24 * 3600_000).toISOString();
          const task = this.actions.post(this.sam(), space, { category: 'task', bodyText: taskTitle(text), description: '<p>Due tomorrow.</p>', assignees: [from.id], dueDate: due });
          if (await alive()) this.actions.update(task, { taskStatus: 'complete' });
          return;
        }
        case 3:
          this.actions.update(reply, { bodyText: htmlBody(replyTo(text) + EDITED_SUFFIX) });
          return;
        default: {
          const oops = this.say(space, OOPS);
          if (await alive()) this.actions.remove(oops);
        }
      }
    });
  }

  /** Sam writes a chat now. */
  say(space: Space, text: string, html?: string): Item {
    return this.actions.post(this.sam(), space, { category: 'chat', bodyText: html ?? htmlBody(text) });
  }

  override reset(): void {
    super.reset();
    this.counts.clear();
  }

  private sam(): User {
    return this.store.users.get(SAM.id)!;
  }

  /** The demo image as a Spaces file. */
  picture(): FileItem {
    const url = `${this.baseUrl}/files/sunrise.png`;
    return {
      fileId: 'sunrise-png', fileSize: 2048, fileType: 'image', name: 'sunrise.png', providerFileType: 'image/png',
      path: url, previewUrl: url, thumbnailUrl: url,
    };
  }

  protected exists(spaceId: string): boolean {
    return this.store.spaces.has(spaceId);
  }
}
