/**
 * Tells its host whether an element of its shadow root is narrow: the chat lays itself out by its
 * own width (a 380 px launcher panel, a sidebar), which a media query on the viewport cannot see.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Watches the element `find` returns (it may come and go with the host's renders). */
export class WidthController implements ReactiveController {
  /** Whether the watched element is narrower than the threshold; false until one is measured. */
  narrow = false;
  /** Whether any element was measured yet (until then `narrow` is only a default). */
  measured = false;
  private observer?: ResizeObserver;
  private watched?: Element;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly find: () => Element | null | undefined,
    private readonly thresholdPx: number,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const target = this.find() ?? undefined;
    if (target === this.watched) return;
    this.observer?.disconnect();
    this.watched = target;
    if (!target) return;
    // Measured at once, so the host renders again in the right layout before the first paint;
    // the observer then follows every resize (its notices also come after layout, before paint).
    this.apply(target.getBoundingClientRect().width);
    this.observer ??= new ResizeObserver((entries) => this.handleResize(entries));
    this.observer.observe(target);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.watched = undefined;
  }

  private handleResize(entries: readonly ResizeObserverEntry[]): void {
    const entry = entries.at(-1);
    if (!entry || entry.target !== this.watched) return;
    this.apply(entry.borderBoxSize[0]?.inlineSize ?? entry.contentRect.width);
  }

  /** A width of 0 is an element not laid out (hidden): it says nothing, until it is measured for real. */
  private apply(widthPx: number): void {
    if (!(widthPx > 0)) return;
    const narrow = widthPx < this.thresholdPx;
    const first = !this.measured;
    this.measured = true;
    if (narrow === this.narrow && !first) return;
    this.narrow = narrow;
    this.host.requestUpdate();
  }
}
