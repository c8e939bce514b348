/**
 * Whether a person can see the chat: the page is visible (not a background tab, not minimised)
 * and the chat is on screen (not scrolled out of view). Only what is seen is marked read, and what
 * arrives unseen may notify.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Follows `visibilitychange` and the host's intersection with the viewport, and updates the host on change. */
export class SeenController implements ReactiveController {
  /** Whether the document is visible. */
  pageVisible = true;
  /** Whether any of the host is in the viewport; true until the first intersection notice says otherwise. */
  onScreen = true;
  private observer?: IntersectionObserver;

  constructor(private readonly host: ReactiveControllerHost & Element) {
    host.addController(this);
  }

  hostConnected(): void {
    this.pageVisible = document.visibilityState === 'visible';
    document.addEventListener('visibilitychange', this.handleVisibility);
    this.observer = new IntersectionObserver((entries) => {
      const onScreen = entries.at(-1)?.isIntersecting ?? this.onScreen;
      if (onScreen === this.onScreen) return;
      this.onScreen = onScreen;
      this.host.requestUpdate();
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.handleVisibility);
    this.observer?.disconnect();
    this.observer = undefined;
  }

  private readonly handleVisibility = (): void => {
    const visible = document.visibilityState === 'visible';
    if (visible === this.pageVisible) return;
    this.pageVisible = visible;
    this.host.requestUpdate();
  };
}
