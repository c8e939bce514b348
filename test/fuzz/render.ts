/**
 * The fuzz suite's screen: a real `ChatStore` (through a `ChatSession`) bound to a real
 * `<parley-thread>` and `<parley-conversation-list>`, and the checks made on what they render:
 * no message shown as the render-error notice, no `parley-error` from an element, nothing thrown
 * on the page, and no wire markup outside the sanitizer's allow-list (no `<script>`, `<iframe>`,
 * `on*` attributes, `javascript:` URLs ...). The thread is virtualized, so the suite scrolls it
 * to different places and remembers which messages were rendered.
 */
import { fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ChatEvent } from '../../src/core/events.js';
import type { ParleyConversationList } from '../../src/elements/conversation-list/conversation-list.js';
import type { ParleyThread } from '../../src/elements/thread/thread.js';
import { ParleyErrorEvent } from '../../src/lit/events.js';
import { ChatSession } from '../../src/lit/session.js';
import { until } from '../helpers/fake-protocol.js';

/** The tags DOMPurify may leave in a message body (src/lit/sanitize.ts's allow-list). */
const RICH_TAGS = new Set(['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'del', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'a', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'sub', 'sup']);
/** The attributes a sanitized body may carry: the allow-list's, plus what the link hook adds. */
const RICH_ATTRS = new Set(['href', 'title', 'target', 'rel']);
/** Elements that must never be rendered anywhere in the widget's shadow DOM. */
const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'base',
  'meta', 'link', 'style', 'template', 'noscript', 'math', 'foreignobject', 'animate', 'set', 'portal', 'input', 'textarea']);
/** Attributes that load or navigate: they may hold only http(s) URLs. */
const URL_ATTRS = ['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'ping'];

/** One thing a render check found, said plainly. */
export type Finding = string;

/** A page-level error (an exception or a rejected promise no one handled). */
function describeError(e: ErrorEvent | PromiseRejectionEvent): string {
  if (e instanceof ErrorEvent) return `uncaught ${e.message} at ${e.filename}:${e.lineno}`;
  const r: unknown = e.reason;
  return `unhandled rejection: ${r instanceof Error ? `${r.name}: ${r.message}\n${r.stack ?? ''}` : String(r)}`;
}

function isHttp(value: string): boolean {
  const url = URL.parse(value.trim(), document.baseURI);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:');
}

/** What is wrong with one element: a forbidden tag, an `on*` attribute, a non-http(s) URL. */
function elementFindings(el: Element, where: string): Finding[] {
  const out: Finding[] = [];
  const tag = el.localName.toLowerCase();
  if (FORBIDDEN_TAGS.has(tag)) out.push(`${where}: a <${tag}> element`);
  for (const attr of [...el.attributes]) {
    const name = attr.name.toLowerCase();
    if (name.startsWith('on')) out.push(`${where}: <${tag} ${name}="${attr.value.slice(0, 60)}">`);
    if (name === 'srcdoc') out.push(`${where}: <${tag} srcdoc>`);
    if (URL_ATTRS.includes(name) && !isHttp(attr.value)) out.push(`${where}: <${tag} ${name}="${attr.value.slice(0, 60)}">`);
  }
  return out;
}

/** What is wrong in a sanitized message body: anything outside the allow-list. */
function richFindings(body: Element, where: string): Finding[] {
  const out: Finding[] = [];
  for (const el of body.querySelectorAll('*')) {
    const tag = el.localName.toLowerCase();
    if (!RICH_TAGS.has(tag)) out.push(`${where}: <${tag}> in a message body`);
    for (const attr of [...el.attributes]) {
      if (!RICH_ATTRS.has(attr.name.toLowerCase())) out.push(`${where}: <${tag} ${attr.name}> in a message body`);
    }
  }
  return out;
}

/** Every finding in one element's shadow DOM. */
export function markupFindings(root: ShadowRoot | null, where: string): Finding[] {
  if (!root) return [`${where}: no shadow root`];
  const out: Finding[] = [];
  for (const el of root.querySelectorAll('*')) {
    const id = el.closest('[data-message-id]')?.getAttribute('data-message-id') ?? el.closest('[data-conversation-id]')?.getAttribute('data-conversation-id');
    out.push(...elementFindings(el, id ? `${where} ${id}` : where));
  }
  for (const body of root.querySelectorAll('.text.rich')) {
    out.push(...richFindings(body, `${where} ${body.closest('[data-message-id]')?.getAttribute('data-message-id') ?? '?'}`));
  }
  return out;
}

const nextFrame = (): Promise<void> => new Promise((r) => { requestAnimationFrame(() => r()); });
/** One task and one frame later: resolves only while the page still runs its event loop. */
const pageTurn = (): Promise<void> => new Promise((r) => { setTimeout(() => { requestAnimationFrame(() => r()); }, 0); });

/** Where the thread is scrolled to after each batch, in turn: top, middle, bottom, quarters. */
const SCROLL_STOPS = [0, 0.5, 1, 0.25, 0.75];

/** The screen under fuzz. */
export class FuzzScreen {
  readonly session = new ChatSession();
  thread!: ParleyThread;
  list!: ParleyConversationList;
  /** Page errors and element `parley-error`s since the last check. */
  private readonly problems: Finding[] = [];
  /** What applying emitted events threw (the transport may turn it into a report and go on). */
  readonly applyErrors: unknown[] = [];
  /** Every message id the thread rendered at some point, and every conversation id the list did. */
  readonly renderedMessages = new Set<string>();
  readonly renderedConversations = new Set<string>();
  /** For each scroll stop, the lowest and highest thread positions (0..1) rendered there. */
  readonly reached: { stop: number; from: number; to: number; of: number }[] = [];
  private checks = 0;
  private readonly onError = (e: ErrorEvent | PromiseRejectionEvent): void => {
    if (e instanceof ErrorEvent && e.message?.startsWith('ResizeObserver loop')) return; // see benign-errors.ts
    this.problems.push(describeError(e));
  };
  private readonly onParleyError = (e: Event): void => {
    if (e instanceof ParleyErrorEvent) this.problems.push(`parley-error from <${(e.composedPath()[0] as Element).localName}>: ${e.error.message}`);
  };

  /** Mount both elements on a fresh session, with `conversationId` open in the thread. */
  async mount(conversationId: string): Promise<void> {
    window.addEventListener('error', this.onError);
    window.addEventListener('unhandledrejection', this.onError);
    this.session.store.setActive(conversationId, true);
    this.session.store.flush();
    const wrapper = await fixture<HTMLDivElement>(html`<div style="display: flex; height: 420px; width: 760px;"
        @parley-error=${this.onParleyError}>
      <parley-conversation-list style="width: 260px; height: 420px;" .session=${this.session}></parley-conversation-list>
      <div style="flex: 1; display: flex; flex-direction: column; height: 420px;"><parley-thread .session=${this.session}></parley-thread></div>
    </div>`);
    this.thread = wrapper.querySelector('parley-thread')!;
    this.list = wrapper.querySelector('parley-conversation-list')!;
    await this.list.updateComplete;
    await this.settle();
  }

  /** Stop listening for page errors. */
  unmount(): void {
    window.removeEventListener('error', this.onError);
    window.removeEventListener('unhandledrejection', this.onError);
  }

  /** Apply what an adapter emitted, as the connection applies live events. */
  apply(events: ChatEvent[]): void {
    this.session.store.apply(events.map((e) => ({ ...e, origin: e.origin ?? 'live' as const })));
  }

  /** The open conversation's messages, oldest first. */
  messages(): readonly { id: string }[] {
    const s = this.session.store.getState();
    return (s.activeConversation && s.messages.get(s.activeConversation)) || [];
  }

  private scroller(): HTMLElement | null {
    return this.thread.shadowRoot?.querySelector<HTMLElement>('[role="log"]') ?? null;
  }

  /** Message ids the thread renders now, in order. */
  threadIds(): string[] {
    return [...this.thread.shadowRoot?.querySelectorAll('[part~="message"]') ?? []].map((el) => el.getAttribute('data-message-id') ?? '');
  }

  private listIds(): string[] {
    return [...this.list.shadowRoot?.querySelectorAll('[part="conversation"]') ?? []].map((el) => el.getAttribute('data-conversation-id') ?? '');
  }

  /** Let the store notify, the thread update and its virtual list lay out (two frames). */
  async settle(): Promise<void> {
    this.session.store.flush();
    await this.thread.updateComplete;
    await nextFrame();
    await nextFrame();
    await this.thread.updateComplete;
  }

  /** Scroll the thread to this check's stop, and the list to its top or end. */
  private async scrollTo(stop: number): Promise<void> {
    this.list.scrollTop = this.checks % 2 ? this.list.scrollHeight : 0;
    if (stop === 1) this.thread.scrollToBottom();
    else if (stop === 0) this.thread.scrollToTop();
    else await this.scrollThreadTo(stop);
    await this.settle();
  }

  /**
   * Scroll the thread as a user would, to `stop` of its height. While the virtual list corrects its
   * own scroll position (for two frames after each correction, as rows get measured) it takes a
   * scroll for its own, so the scroll is made again until the rows rendered are about there (at
   * most 6 times).
   */
  private async scrollThreadTo(stop: number): Promise<void> {
    const scroller = this.scroller();
    if (!scroller) return;
    for (let i = 0; i < 6; i++) {
      scroller.scrollTop = stop * Math.max(0, scroller.scrollHeight - scroller.clientHeight);
      await nextFrame();
      await nextFrame();
      const at = this.renderedRange();
      if (at && at.from <= stop + 0.1 && at.to >= stop - 0.1) return;
    }
  }

  /** Where the thread's rendered rows sit in the conversation (0 oldest, 1 newest). */
  private renderedRange(): { from: number; to: number; of: number } | undefined {
    const all = this.messages();
    const index = new Map(all.map((m, i) => [m.id, i]));
    const at = this.threadIds().map((id) => index.get(id)).filter((i): i is number => i !== undefined);
    if (all.length < 2 || !at.length) return undefined;
    return { from: Math.min(...at) / (all.length - 1), to: Math.max(...at) / (all.length - 1), of: all.length };
  }

  private noteReached(stop: number): void {
    const at = this.renderedRange();
    if (at) this.reached.push({ stop, ...at });
  }

  /**
   * The list renders the first conversation of the store's order when scrolled to the top, the
   * last when scrolled to the end. Waits (each frame) until it does; false if it never does.
   */
  private async listShowsItsEnd(): Promise<boolean> {
    const order = this.session.store.getState().conversationOrder;
    if (order.length === 0) return true;
    const toEnd = this.checks % 2 === 1;
    const want = (toEnd ? order.at(-1) : order[0])!.id;
    try {
      // Scrolled again each frame: the list's height grows as the virtual list measures its rows.
      await until(() => {
        this.list.scrollTop = toEnd ? this.list.scrollHeight : 0;
        return this.listIds().includes(want);
      }, 5000, 'the list row');
      return true;
    } catch {
      return false;
    }
  }

  /**
   * After a batch: settle, scroll the thread and the list, and return everything wrong on screen
   * (empty when all is well). Also records which rows were rendered. Each step waits on the page
   * (frames, tasks), so a frozen page fails the test by its timeout.
   */
  async check(): Promise<Finding[]> {
    const stop = SCROLL_STOPS[this.checks % SCROLL_STOPS.length]!;
    this.session.store.flush();
    await this.thread.updateComplete;
    await nextFrame(); // the virtual list lays the new rows out
    await this.scrollTo(stop);
    await pageTurn();
    const found: Finding[] = [];
    this.noteReached(stop);
    if (!(await this.listShowsItsEnd())) found.push(`list: scrolled to its ${this.checks % 2 ? 'end' : 'top'}, it does not render that conversation`);
    this.checks++;
    for (const id of this.threadIds()) this.renderedMessages.add(id);
    for (const id of this.listIds()) this.renderedConversations.add(id);
    for (const el of this.thread.shadowRoot?.querySelectorAll('.message.broken') ?? []) {
      found.push(`thread: message ${el.getAttribute('data-message-id')} rendered as the render-error notice`);
    }
    found.push(...markupFindings(this.thread.shadowRoot, 'thread'), ...markupFindings(this.list.shadowRoot, 'list'));
    if ((window as { __parleyPwned?: unknown }).__parleyPwned !== undefined) found.push('wire markup ran script (window.__parleyPwned is set)');
    return [...this.problems.splice(0), ...found];
  }
}
