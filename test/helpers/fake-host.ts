/**
 * A ReactiveControllerHost without Lit or the DOM: the test drives the lifecycle by hand and
 * counts the updates the controllers ask for. It is an EventTarget, as an element would be.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class FakeHost extends EventTarget implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  /** How many times a controller called requestUpdate(). */
  updateRequests = 0;

  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }

  removeController(controller: ReactiveController): void {
    const i = this.controllers.indexOf(controller);
    if (i >= 0) this.controllers.splice(i, 1);
  }

  requestUpdate(): void {
    this.updateRequests++;
  }

  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }

  /** As when the element is attached. */
  connect(): void {
    for (const c of this.controllers) c.hostConnected?.();
  }

  /** As in an update cycle. */
  update(): void {
    for (const c of this.controllers) c.hostUpdate?.();
    for (const c of this.controllers) c.hostUpdated?.();
  }

  /** As when the element is removed. */
  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}
