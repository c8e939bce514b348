/**
 * A virtual list for chat: only the rows near the view are in the DOM, however many there are.
 * Made for a thread, which `@lit-labs/virtualizer` serves poorly: it can follow the end (stay at
 * the newest row as rows arrive or grow, until the user scrolls up), and it never reads layout
 * after writing the DOM. Row heights come from a `ResizeObserver` (delivered after layout, free to
 * read); the scroll position is written only there, or in a frame callback, and read in scroll
 * events. Offsets are prefix sums kept across updates, so an update at the end of 100,000 rows
 * recomputes only what changed, and finding the rows in view is a binary search.
 *
 * The host renders the scroller and, inside it, one content element: `${ref(list.content)}`,
 * holding `${list.rows(items)}`. Each item renders as exactly one element.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { createRef, type Ref } from 'lit/directives/ref.js';

/** Where a row lands in the view: at its top, at its bottom, or wherever it needs the least scroll. */
export type RowAlign = 'start' | 'end' | 'nearest';

/** How a list reads its items and reports what it shows. */
export interface VirtualListOptions<T> {
  /** A key per item, stable across updates (the row's element and its measured height follow it). */
  key: (item: T) => string;
  /** One item's element (exactly one). */
  render: (item: T, index: number) => unknown;
  /** The element that scrolls (the content's ancestor). */
  scroller: () => HTMLElement | null | undefined;
  /** Follow the end from the start: stay at the last row as rows arrive, until the user scrolls up. */
  followEnd?: boolean;
  /** The rows in view changed (indexes, inclusive; -1 when empty). */
  onVisible?: (first: number, last: number) => void;
  /** Following the end started or stopped (the user scrolled up, or back down to the end). */
  onFollowChange?: (following: boolean) => void;
  /**
   * Whether a row may hold the view in place when rows are inserted above it (default: any). A
   * thread's day separator may not: older messages of the same day go in below it.
   */
  anchorable?: (item: T) => boolean;
}

/**
 * Height of a row not measured yet, until the first rows are: about a one-line chat row. Rendering
 * is what a first history waits for, so the first frame draws about the rows that show; when rows
 * are smaller, the frame after their measurement fills the rest of the view.
 */
const FIRST_ESTIMATE_PX = 48;
/** The smallest estimate the measured rows may set. */
const MIN_ESTIMATE_PX = 32;
/** The view's height before the scroller was measured. */
const FIRST_VIEW_PX = 900;
/** How far an end may be and still count as reached, px. */
const END_SLACK_PX = 4;
/** Measured heights kept beyond twice the rows listed before those of rows gone are forgotten. */
const PRUNE_SLACK = 1000;
/** Frames a scroll to a row is kept up while the rows around it get measured. */
const TARGET_FRAMES = 8;

interface Target { index: number; align: RowAlign; offset?: number; frames: number }

/** Index of the first offset greater than `px` in the sorted `offsets[0..n]`. */
function upperBound(offsets: Float64Array, n: number, px: number): number {
  let lo = 0;
  let hi = n + 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid]! <= px) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The row at `px` in `offsets[0..n]` (n > 0): the last whose top is at or above it, clamped to the rows. */
function rowAt(offsets: Float64Array, n: number, px: number): number {
  return Math.min(n - 1, Math.max(0, upperBound(offsets, n, px) - 1));
}

/** Where the view's top goes to show a row at `rowTop` of `height` as `target` asks, the view now at `current`. */
function alignedTop(target: Target, rowTop: number, height: number, view: number, current: number): number {
  if (target.offset !== undefined) return rowTop + target.offset;
  if (target.align === 'end') return rowTop + height - view;
  if (target.align === 'nearest') return rowTop < current ? rowTop : rowTop + height > current + view ? rowTop + height - view : current;
  return rowTop;
}

/** A virtual list inside a Lit element (see the module's comment). */
export class VirtualList<T> implements ReactiveController {
  /** The content element, between the scroller and the rows: `${ref(list.content)}`. */
  readonly content: Ref<HTMLElement> = createRef();

  private items: readonly T[] = [];
  /** The rendered range, inclusive. */
  private first = 0;
  private last = -1;
  /** The rows in view last reported. */
  private seen = { first: -1, last: -1 };
  private heights = new Map<string, number>();
  private estimate = FIRST_ESTIMATE_PX;
  private measured = false;
  /** `offsets[i]`: the top of row i; `offsets[n]`: the height of all rows. Valid below `validTo`. */
  private offsets = new Float64Array(1);
  private validTo = 0;
  private offsetsFor: readonly T[] = [];
  /** The padding above the rendered rows, as last written. */
  private paddedTop = 0;
  /** The padding below the rendered rows, as last written. */
  private paddedBottom = 0;
  private view = 0;
  private top = 0;
  /** The scroll position this list last wrote, so its own scroll is not taken for the user's. */
  private wrote?: number;
  private following: boolean;
  private target?: Target;
  /** The first row in view (its index and key) and how far the view's top is below its top, to keep it there when rows are inserted above it. */
  private anchor?: { index: number; key: string; offset: number };
  private readonly keyOf = new WeakMap<Element, string>();
  private observed = new Set<Element>();
  private observer?: ResizeObserver;
  private boundScroller?: HTMLElement;
  private frame = 0;

  constructor(private readonly host: ReactiveControllerHost, private readonly options: VirtualListOptions<T>) {
    this.following = !!options.followEnd;
    host.addController(this);
  }

  /** Whether the list follows the end. */
  get followingEnd(): boolean {
    return this.following;
  }

  /** The rows in view, inclusive (-1 when none), as of the last frame, moved with rows inserted above them since. */
  get visible(): { first: number; last: number } {
    return this.seen;
  }

  /** The rendered range, inclusive (`last` is -1 when nothing is rendered). */
  get rendered(): { first: number; last: number } {
    return { first: this.first, last: this.last };
  }

  /** The rows, as the host renders them into the content element. */
  rows(items: readonly T[]): unknown {
    this.setItems(items);
    this.placeRange();
    const { key, render } = this.options;
    const first = this.first;
    return repeat(this.items.slice(first, this.last + 1), key, (item, i) => render(item, first + i));
  }

  /** Follow the end: scroll to the last row and stay there as rows arrive. */
  scrollToEnd(): void {
    this.target = undefined;
    this.setFollowing(true);
    this.host.requestUpdate();
  }

  /** Scroll row `index` into view (`start`: to the top; `end`: to the bottom; `nearest`: the least scroll). Stops following the end. */
  scrollToIndex(index: number, align: RowAlign = 'start'): void {
    if (index < 0) return;
    this.setFollowing(false);
    this.target = { index, align, frames: TARGET_FRAMES };
    this.host.requestUpdate();
  }

  hostConnected(): void {
    if (this.content.value) this.bind();
  }

  hostUpdated(): void {
    this.bind();
    const content = this.content.value;
    if (!content) return;
    this.paddedTop = this.offsets[this.first]!;
    this.paddedBottom = this.offsets[this.items.length]! - this.offsets[this.last + 1]!;
    content.style.paddingTop = `${this.paddedTop}px`;
    content.style.paddingBottom = `${this.paddedBottom}px`;
    this.observeRows(content);
    this.schedule();
  }

  hostDisconnected(): void {
    this.unbind();
  }

  private bind(): void {
    const scroller = this.options.scroller() ?? undefined;
    if (scroller === this.boundScroller && this.observer) return;
    this.unbind();
    this.boundScroller = scroller;
    if (!scroller || !this.content.value) return;
    this.observer = new ResizeObserver(this.measure);
    this.observer.observe(scroller);
    this.observer.observe(this.content.value);
    this.observed = new Set();
    // The list keeps what the user reads in place itself; the browser's own scroll anchoring would
    // move the scroller too, unannounced, and pass for the user's scroll.
    scroller.style.overflowAnchor = 'none';
    this.top = scroller.scrollTop;
    scroller.addEventListener('scroll', this.handleScroll, { passive: true });
  }

  private unbind(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.observed.clear();
    this.boundScroller?.removeEventListener('scroll', this.handleScroll);
    this.boundScroller = undefined;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** Observe the rendered rows' sizes (each once), and stop observing those that left. */
  private observeRows(content: HTMLElement): void {
    const observer = this.observer;
    if (!observer) return;
    const now = new Set<Element>();
    let i = this.first;
    for (const el of content.children) {
      const item = this.items[i++];
      if (item === undefined) break;
      now.add(el);
      if (!this.observed.has(el)) {
        this.keyOf.set(el, this.options.key(item));
        observer.observe(el);
      }
    }
    for (const el of this.observed) if (!now.has(el)) observer.unobserve(el);
    this.observed = now;
  }

  private setItems(items: readonly T[]): void {
    if (items === this.items) return;
    const previous = this.items;
    const firstKey = previous[this.first];
    this.items = items;
    if (this.heights.size > 2 * items.length + PRUNE_SLACK) this.pruneHeights();
    // Rows before the first that changed keep their offsets (an append at the end recomputes only the end).
    const same = Math.min(previous.length, items.length);
    let from = 0;
    while (from < same && previous[from] === items[from]) from++;
    this.validTo = Math.min(this.validTo, from);
    const anchor = this.anchor;
    if (!this.following && !this.target && anchor && anchor.index >= from) {
      // Rows changed above what the user reads (older ones loaded): keep it where it was on screen.
      const index = this.indexOfKey(anchor.key, from);
      if (index >= 0 && index !== anchor.index) {
        this.target = { index, align: 'start', offset: anchor.offset, frames: TARGET_FRAMES };
        const shift = index - anchor.index;
        this.anchor = { ...anchor, index };
        this.seen = { first: this.seen.first + shift, last: this.seen.last + shift };
      }
    }
    if (firstKey !== undefined && items[this.first] !== firstKey) {
      const index = this.indexOfKey(this.options.key(firstKey), from);
      const length = this.last - this.first;
      if (index >= 0) {
        this.first = index;
        this.last = index + length;
      }
    }
  }

  /**
   * Forget the heights of rows no longer listed (another conversation's, deleted ones'). Only when
   * they outnumber the rows by far, so the walk over the rows is paid once per many changes.
   */
  private pruneHeights(): void {
    const { key } = this.options;
    const kept = new Map<string, number>();
    for (const item of this.items) {
      const k = key(item);
      const height = this.heights.get(k);
      if (height !== undefined) kept.set(k, height);
    }
    this.heights = kept;
  }

  /** Index of the row with `key`, searched from `from` (rows before it are unchanged). */
  private indexOfKey(key: string, from: number): number {
    for (let i = Math.min(from, this.items.length - 1); i >= 0 && i < this.items.length; i++) {
      if (this.options.key(this.items[i]!) === key) return i;
    }
    for (let i = Math.min(from, this.items.length) - 1; i >= 0; i--) {
      if (this.options.key(this.items[i]!) === key) return i;
    }
    return -1;
  }

  /** Offsets of every row, recomputed from the first row whose height or place changed. */
  private offsetsNow(): Float64Array {
    const n = this.items.length;
    if (this.offsetsFor !== this.items || this.validTo < n + 1 || this.offsets.length < n + 1) {
      if (this.offsets.length < n + 1) {
        const grown = new Float64Array(Math.max(n + 1, this.offsets.length * 2));
        grown.set(this.offsets.subarray(0, Math.min(this.validTo, n) + 1));
        this.offsets = grown;
      }
      const { key } = this.options;
      let at = Math.min(this.validTo, n);
      let sum = this.offsets[at] ?? 0;
      if (at === 0) sum = 0;
      if (this.heights.size === 0) {
        // Nothing measured yet (a first history): every row is the estimate, no lookup per row.
        for (; at < n; at++, sum += this.estimate) this.offsets[at] = sum;
      }
      for (; at < n; at++) {
        this.offsets[at] = sum;
        sum += this.heights.get(key(this.items[at]!)) ?? this.estimate;
      }
      this.offsets[n] = sum;
      this.validTo = n + 1;
      this.offsetsFor = this.items;
    }
    return this.offsets;
  }

  private viewHeight(): number {
    return this.view || Math.min(globalThis.screen?.height || FIRST_VIEW_PX, 2 * FIRST_VIEW_PX);
  }

  /** The rows to render: around the target, at the end when following, else around the scroll position. */
  private placeRange(): void {
    const n = this.items.length;
    if (n === 0) {
      this.first = 0;
      this.last = -1;
      return;
    }
    const offsets = this.offsetsNow();
    const view = this.viewHeight();
    const overscan = Math.max(200, view * 0.75);
    const top = this.target ? this.targetTop(this.target) : this.following ? offsets[n]! - view : this.top;
    this.first = rowAt(offsets, n, top - overscan);
    this.last = Math.max(this.first, rowAt(offsets, n, top + view + overscan));
  }

  /** Where the scroller's top goes for `target`, by the offsets (exact for measured rows). */
  private targetTop(target: Target): number {
    const n = this.items.length;
    const offsets = this.offsetsNow();
    const index = Math.min(target.index, n - 1);
    return alignedTop(target, offsets[index]!, offsets[index + 1]! - offsets[index]!, this.viewHeight(), this.top);
  }

  /** Row heights arrived (after layout, so reading the scroller is free here): record them, and scroll where the list should be. */
  private readonly measure = (entries: ResizeObserverEntry[]): void => {
    const scroller = this.boundScroller;
    let sum = 0;
    let count = 0;
    for (const entry of entries) {
      if (entry.target === scroller) {
        this.view = scroller.clientHeight;
        continue;
      }
      const key = this.keyOf.get(entry.target);
      if (key === undefined || !this.observed.has(entry.target)) continue;
      const height = entry.borderBoxSize?.[0]?.blockSize ?? entry.contentRect.height;
      if (this.heights.get(key) === height) continue;
      this.heights.set(key, height);
      sum += height;
      count++;
    }
    if (count > 0) {
      this.validTo = Math.min(this.validTo, this.first);
      if (!this.measured) this.setEstimate(sum / count);
    }
    this.settleScroll();
    this.schedule();
  };

  /**
   * The first rows measured set the estimate for the rest, once: a changing estimate would move
   * every row. It moves them this once, so the row at the view's top is kept there.
   */
  private setEstimate(estimate: number): void {
    const scroller = this.boundScroller;
    const n = this.items.length;
    let anchor: Target | undefined;
    if (scroller && !this.following && !this.target && n > 0) {
      const offsets = this.offsetsNow();
      const top = scroller.scrollTop;
      const index = rowAt(offsets, n, top);
      anchor = { index, align: 'start', offset: top - offsets[index]!, frames: TARGET_FRAMES };
    }
    this.measured = true;
    this.estimate = Math.max(MIN_ESTIMATE_PX, estimate);
    this.validTo = 0;
    this.target ??= anchor;
  }

  /** Put the scroller where the list should be: at the end when following, at the target while one is kept up. */
  private settleScroll(): void {
    const scroller = this.boundScroller;
    if (!scroller) return;
    if (this.following) {
      const end = scroller.scrollHeight - scroller.clientHeight;
      if (Math.abs(scroller.scrollTop - end) > 0.5) this.write(scroller, end);
      return;
    }
    const target = this.target;
    if (!target) return;
    const current = scroller.scrollTop;
    const view = scroller.clientHeight;
    const moved = Math.abs(current - this.top) > 0.5;
    const atBottom = current >= scroller.scrollHeight - view - 0.5;
    if (moved && !atBottom) {
      // The scroller moved since the list last wrote or heard of it, and not by the browser clamping
      // it to a shorter end: the user scrolled, and their scroll event is still on its way. Their
      // scroll wins over the row being kept in place.
      this.target = undefined;
      return;
    }
    const index = Math.min(target.index, this.items.length - 1);
    if (index < this.first || index > this.last) return;
    // The row's place in the DOM: the padding as written, then the measured rows above it.
    let rowTop = this.paddedTop;
    for (let i = this.first; i < index; i++) rowTop += this.heights.get(this.options.key(this.items[i]!)) ?? this.estimate;
    const height = this.heights.get(this.options.key(this.items[index]!)) ?? this.estimate;
    const top = alignedTop(target, rowTop, height, view, current);
    const clamped = Math.max(0, Math.min(top, scroller.scrollHeight - view));
    if (Math.abs(current - clamped) > 0.5) this.write(scroller, clamped);
  }

  private write(scroller: HTMLElement, top: number): void {
    scroller.scrollTop = top;
    this.top = scroller.scrollTop;
    this.wrote = this.top;
  }

  private readonly handleScroll = (): void => {
    const scroller = this.boundScroller;
    if (!scroller) return;
    const top = scroller.scrollTop;
    const ours = this.wrote !== undefined && Math.abs(top - this.wrote) < 1;
    this.wrote = undefined;
    const up = top < this.top - 0.5;
    this.top = top;
    if (!ours) {
      this.target = undefined;
      const atEnd = scroller.scrollHeight - top - scroller.clientHeight <= END_SLACK_PX;
      // Only a scroll up leaves the end: a scroll down short of it (the browser keeping a row in
      // place) or a clamp of a scroller that shrank keeps the list following.
      if (this.options.followEnd && atEnd) this.setFollowing(true);
      else if (up && !atEnd) this.setFollowing(false);
    }
    this.schedule();
  };

  private setFollowing(following: boolean): void {
    if (following === this.following) return;
    this.following = following;
    if (following) this.target = undefined;
    this.options.onFollowChange?.(following);
  }

  /** Next frame: keep a target up, report the rows in view, and render again if the view moved past the rows rendered. */
  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.check();
    });
  }

  private check(): void {
    const n = this.items.length;
    const offsets = this.offsetsNow();
    const view = this.viewHeight();
    if (this.target && --this.target.frames <= 0) this.target = undefined;
    if (this.target) this.settleScroll();
    const top = this.following ? offsets[n]! - view : this.top;
    if (n === 0) {
      this.anchor = undefined;
      if (this.seen.last !== -1) this.report(-1, -1);
      return;
    }
    const firstSeen = rowAt(offsets, n, top);
    const lastSeen = Math.max(firstSeen, rowAt(offsets, n, top + view - 1));
    const { anchorable } = this.options;
    let anchor = firstSeen;
    while (anchorable && anchor < lastSeen && !anchorable(this.items[anchor]!)) anchor++;
    this.anchor = { index: anchor, key: this.options.key(this.items[anchor]!), offset: top - offsets[anchor]! };
    if (firstSeen !== this.seen.first || lastSeen !== this.seen.last) this.report(firstSeen, lastSeen);
    // The rendered rows must cover the view (or the target's) with some margin, and not lie far from it.
    const want = this.target ? this.targetTop(this.target) : top;
    const margin = Math.min(200, view / 4);
    const coveredTop = offsets[this.first]!;
    const coveredBottom = offsets[this.last + 1]!;
    const short = (this.first > 0 && coveredTop > want - margin) || (this.last < n - 1 && coveredBottom < want + view + margin);
    const far = coveredBottom < want - view || coveredTop > want + 2 * view;
    // Rows measured since the paddings were written (the first ones set the estimate for all the others) move them.
    const stale = coveredTop !== this.paddedTop || offsets[n]! - coveredBottom !== this.paddedBottom;
    if (short || far || stale) this.host.requestUpdate();
  }

  private report(first: number, last: number): void {
    this.seen = { first, last };
    this.options.onVisible?.(first, last);
  }
}
