/**
 * Opt-in notices of messages that arrive while the chat is not seen (`<parley-chat notify="…">`):
 * `title` prefixes the tab's title with how many arrived, `sound` plays a short chime (made with
 * WebAudio, no audio file; only once the page had a user gesture, as autoplay rules require),
 * `desktop` shows a system notification (once the person allowed them; asked only from a click).
 * Loaded only by chats that opt in.
 */
import type { ChatStore } from '../../core/store.js';
import type { Message } from '../../core/model.js';
import { displayName } from '../shared/format.js';
import { previewText } from '../shared/preview.js';
import type { ParleyMessages } from '../../i18n/index.js';
import type { NotifyKind } from './notify-kinds.js';


/** What the notifier needs of its chat. */
export interface NotifierHost {
  readonly store: ChatStore;
  /** Whether the chat is seen now: nothing notifies then. */
  seen(): boolean;
  /** The kinds asked for now. */
  kinds(): ReadonlySet<NotifyKind>;
  /** The words the chat speaks in now. */
  words(): ParleyMessages;
  /** Bring the chat into view (a click on a desktop notification). */
  reveal(conversationId: string): void;
}

/** Longest body a desktop notification shows. */
const BODY_CHARS = 140;
/** Shortest time between two chimes: a flood of messages is one chime, not one a message. */
export const CHIME_GAP_MS = 2000;

/** Listens for messages from others and notifies of those that arrive unseen. */
export class Notifier {
  /** Messages that arrived unseen since the chat was last seen. */
  private unseen = 0;
  /** The page's own title, while the tab title carries a count. */
  private baseTitle?: string;
  private audio?: AudioContext;
  /** When the last chime played (performance.now()). */
  private chimedAt = -Infinity;
  /** Messages arrived unseen in the store update going on, noticed together once it is done. */
  private arriving: Message[] = [];
  private readonly stop: () => void;

  constructor(private readonly host: NotifierHost) {
    this.stop = host.store.onMessage((m) => this.arrived(m));
  }

  /** The chat is seen: the count goes, the title is the page's again. */
  seen(): void {
    this.unseen = 0;
    this.restoreTitle();
  }

  /** Stop listening and leave the title as the page had it. */
  dispose(): void {
    this.arriving = []; // what a pending notice would have noticed: nothing, once disposed
    this.stop();
    this.restoreTitle();
    void this.audio?.close();
  }

  private arrived(m: Message): void {
    const role = m.sender?.role;
    if (role === 'self' || role === 'system' || m.kind === 'system' || m.deleted || this.host.seen()) return;
    // A store update announces its messages one by one, synchronously: a page of 10,000 catching up
    // is noticed once, when the update is done (one title, one chime, one notification a conversation).
    if (this.arriving.push(m) === 1) queueMicrotask(() => this.notice());
  }

  private notice(): void {
    const batch = this.arriving;
    this.arriving = [];
    if (batch.length === 0) return;
    const kinds = this.host.kinds();
    this.unseen += batch.length;
    if (kinds.has('title')) this.showCount();
    if (kinds.has('sound') && performance.now() - this.chimedAt >= CHIME_GAP_MS) this.chime();
    if (kinds.has('desktop')) for (const m of newestPerConversation(batch)) this.desktop(m);
  }

  private showCount(): void {
    this.baseTitle ??= document.title;
    const words = this.host.words();
    document.title = this.baseTitle
      ? words.t('chat.notify.title', { count: this.unseen, title: this.baseTitle })
      : words.t('chat.notify.titleAlone', { count: this.unseen });
  }

  private restoreTitle(): void {
    if (this.baseTitle === undefined) return;
    document.title = this.baseTitle;
    this.baseTitle = undefined;
  }

  /** Two short soft tones; nothing before the page had a user gesture (the browser would refuse). */
  private chime(): void {
    if (navigator.userActivation && !navigator.userActivation.hasBeenActive) return;
    this.chimedAt = performance.now();
    const ctx = (this.audio ??= new AudioContext());
    const start = ctx.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      const at = start + i * 0.12;
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.15, at + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.2);
    }
  }

  private desktop(m: Message): void {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const words = this.host.words();
    const name = displayName(m.sender?.name, words.t('chat.notify.someone'));
    const notification = new Notification(words.t('chat.notify.from', { name }), {
      body: previewText(m, words).slice(0, BODY_CHARS), tag: `parley:${m.conversationId}`, lang: words.textLocale,
    });
    notification.onclick = () => {
      window.focus();
      this.host.reveal(m.conversationId);
      notification.close();
    };
  }
}

/** The last message of each conversation among `batch`, in the order they arrived. */
function newestPerConversation(batch: readonly Message[]): Message[] {
  const newest = new Map<string, Message>();
  for (const m of batch) {
    newest.delete(m.conversationId);
    newest.set(m.conversationId, m);
  }
  return [...newest.values()];
}
