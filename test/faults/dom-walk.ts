/**
 * Reads the whole rendered thread, as a person scrolling it would see it. `<parley-thread>` is
 * virtualized (only rows near the view are in the DOM), so the walk scrolls its scroller from the
 * top to the bottom in steps, each step leaving the last row it saw still in view, and collects
 * every rendered message row by `data-message-id`: its visible text, the deleted placeholder, the
 * "edited" mark and, on my messages, the delivery state the status mark shows (its label: the
 * tick a reader sees). Each step's rows must continue the ones before it in the same order,
 * overlapping them, or the walk fails: a row that appears between rows already walked, or a step
 * that lost its place, is a thread that does not show one stable order.
 */
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { Message } from '../../src/core/model.js';
import type { ParleyThread } from '../../src/elements/thread/thread.js';
import { describeThread } from '../helpers/thread-probe.js';
import type { View } from './rows.js';

/** The status mark's label (src/elements/thread/message-view.ts) back to the state it shows. */
const STATUS_OF_LABEL: Record<string, Message['status']> = {
  Sending: 'pending', Sent: 'sent', Delivered: 'delivered', Read: 'read', 'Not sent': 'failed',
};

/** One rendered row, placed in the scroller's content (px from its top). */
interface Placed {
  top: number;
  bottom: number;
  view: View;
}

/** Frames a step may take to settle before its rows are read as they are. */
const SETTLE_FRAMES = 60;

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** What one rendered message row shows. */
export function renderedView(el: Element): View {
  const part = el.getAttribute('part') ?? '';
  const deleted = !!el.querySelector('.deleted-text');
  const body = part.includes('system-message') ? el : el.querySelector('.text');
  const label = el.querySelector('[part="status"]')?.getAttribute('aria-label');
  const mine = part.includes('message-mine');
  return {
    id: el.getAttribute('data-message-id') ?? '',
    mine,
    text: deleted ? '' : body?.textContent ?? '',
    deleted,
    edited: !!el.querySelector('.edited'),
    ...(mine && label !== null && label !== undefined ? { status: STATUS_OF_LABEL[label] } : {}),
  };
}

function threadOf(chat: ParleyChat): ParleyThread {
  const thread = chat.shadowRoot?.querySelector<ParleyThread>('parley-thread');
  if (!thread) throw new Error('the widget renders no thread');
  return thread;
}

function scrollerOf(thread: ParleyThread): HTMLElement {
  const scroller = thread.shadowRoot?.querySelector<HTMLElement>('[role="log"]');
  if (!scroller) throw new Error('the thread renders no scroller');
  return scroller;
}

/** The message rows in the DOM now, top to bottom. */
function placedRows(scroller: HTMLElement): Placed[] {
  const origin = scroller.getBoundingClientRect().top - scroller.scrollTop;
  return [...scroller.querySelectorAll('[part~="message"]')].map((el) => {
    const box = el.getBoundingClientRect();
    return { top: box.top - origin, bottom: box.bottom - origin, view: renderedView(el) };
  }).sort((a, b) => a.top - b.top);
}

const fingerprint = (rows: readonly Placed[]) => rows.map((r) => `${r.view.id}@${Math.round(r.top)}:${JSON.stringify(r.view)}`).join('|');

/**
 * The rows once the virtual list has laid out this scroll position: the same rows at the same
 * places two frames running, covering the view (or reaching an end of the list).
 */
async function settledRows(scroller: HTMLElement): Promise<Placed[]> {
  let before = '';
  let rows: Placed[] = [];
  for (let i = 0; i < SETTLE_FRAMES; i++) {
    await frame();
    rows = placedRows(scroller);
    const now = fingerprint(rows);
    const top = scroller.scrollTop;
    const covered = rows.length === 0 || ((rows[0]!.top <= top + 1 || top <= 1)
      && (rows.at(-1)!.bottom >= top + scroller.clientHeight - 1 || top + scroller.clientHeight >= scroller.scrollHeight - 1));
    if (now === before && covered) return rows;
    before = now;
  }
  return rows;
}

/** Keeps the walk's order: each step's rows must extend it, overlapping what was seen. */
class WalkOrder {
  readonly ids: string[] = [];
  readonly views = new Map<string, View>();
  private readonly index = new Map<string, number>();

  /** Add one step's rows (top to bottom); throws where they do not continue the order. */
  add(rows: readonly Placed[], where: () => string): void {
    let last = -1;
    let overlapped = this.ids.length === 0;
    for (const { view } of rows) {
      const at = this.index.get(view.id);
      if (at !== undefined) {
        if (at < last) throw new Error(`the thread shows ${view.id} above a row it showed after it; ${where()}`);
        last = at;
        overlapped = true;
      } else {
        if (!overlapped || last !== this.ids.length - 1) {
          throw new Error(`${view.id} appeared ${overlapped ? 'between rows already walked' : 'with no row of the step before in view'}; ${where()}`);
        }
        this.ids.push(view.id);
        last = this.ids.length - 1;
        this.index.set(view.id, last);
      }
      this.views.set(view.id, view);
    }
  }
}

/**
 * Every message row the thread renders, top to bottom, read by scrolling through all of it.
 * The history should be loaded to its start first (the walk loads nothing itself); the thread is
 * left scrolled to the bottom.
 */
export async function walkThread(chat: ParleyChat): Promise<View[]> {
  const thread = threadOf(chat);
  await thread.updateComplete;
  const scroller = scrollerOf(thread);
  const order = new WalkOrder();
  thread.scrollToTop();
  const steps = { count: 0 };
  const where = () => `step ${steps.count} at scrollTop ${Math.round(scroller.scrollTop)}; ${describeThread(chat)}`;
  try {
    for (;;) {
      const rows = await settledRows(scroller);
      order.add(rows, where);
      const top = scroller.scrollTop;
      if (top + scroller.clientHeight >= scroller.scrollHeight - 1 || rows.length === 0) break;
      if (++steps.count > 20_000) throw new Error(`the walk did not reach the bottom; ${where()}`);
      // Leave the lowest row seen in view (so the next step overlaps this one), at least half a view on.
      scroller.scrollTop = Math.max(top + scroller.clientHeight / 2, rows.at(-1)!.bottom - scroller.clientHeight);
    }
  } finally {
    thread.scrollToBottom();
  }
  return order.ids.map((id) => order.views.get(id)!);
}
