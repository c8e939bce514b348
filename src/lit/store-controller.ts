/**
 * Subscribes a host to one slice of the store; the host re-renders only when that slice changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatState, ChatStore } from '../core/store.js';

/** A selector over the state. Return stable objects (slices of the state) so identity comparison works. */
export type Selector<T> = (state: ChatState) => T;

/** `new StoreController(this, () => this.session?.store, (s) => s.messages.get(id))`. */
export class StoreController<T> implements ReactiveController {
  /** The selected slice. */
  value: T;
  private store?: ChatStore;
  private unsubscribe?: () => void;
  /** The slice changed during the host's update, after its willUpdate had read it. */
  private changedInUpdate = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getStore: () => ChatStore | undefined,
    private readonly selector: Selector<T>,
    private readonly equals: (a: T, b: T) => boolean = Object.is,
    initial?: T,
  ) {
    this.value = initial as T;
    host.addController(this);
  }

  hostConnected(): void {
    this.resubscribe();
  }

  hostUpdate(): void {
    // The store may arrive later (context), and the selector may depend on host properties.
    // The host's willUpdate ran before this with the old value, and the store's own notice for
    // this change (due at the next frame) will now find nothing new: so a value that changed
    // here asks for one more update, once this one is done, for willUpdate to see it.
    const before = this.value;
    if (this.getStore() !== this.store) this.resubscribe();
    else if (this.store) this.value = this.selector(this.store.getState());
    this.changedInUpdate = this.store !== undefined && !this.equals(before, this.value);
  }

  hostUpdated(): void {
    if (!this.changedInUpdate) return;
    this.changedInUpdate = false;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.store = undefined;
  }

  private resubscribe(): void {
    this.unsubscribe?.();
    this.store = this.getStore();
    if (!this.store) return;
    this.value = this.selector(this.store.getState());
    this.unsubscribe = this.store.subscribe((state) => {
      const next = this.selector(state);
      if (!this.equals(this.value, next)) {
        this.value = next;
        this.host.requestUpdate();
      }
    });
  }
}
