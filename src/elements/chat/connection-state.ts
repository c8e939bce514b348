/**
 * What `<parley-chat>` remembers about its connection beyond the store's status: whether this
 * configuration was ever open (a failure then is a lost connection, not a first connect failing),
 * and why the last connect failed, shown in the widget and written once to the console.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ParleyConnectionChangeEvent, ParleyErrorEvent } from '../../lit/events.js';
import { ConsoleOnce, isConnectFailure, plainReason } from './connection-notice.js';
import { CONSOLE_PREFIX } from './strings.js';

/** Listens to the host's `parley-connection-change` and `parley-error` events while it is connected. */
export class ConnectionStateController implements ReactiveController {
  /** Whether this configuration was ever open. */
  everOpen = false;
  /** Why the last connect failed (redacted by core, without its protocol prefix), until open again. */
  failure?: string;
  private readonly console = new ConsoleOnce(CONSOLE_PREFIX);
  private open = false;
  /**
   * A problem reported while open (a catch-up cut short, one space refused) explains a lost
   * connection only when the loss follows at once, in the same task, as core reports a drop's
   * detail just before the status changes; otherwise a later drop would show a stale reason.
   */
  private justReported?: string;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly protocol: () => string) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener(ParleyErrorEvent.eventName, this.handleError);
    this.host.addEventListener(ParleyConnectionChangeEvent.eventName, this.handleConnectionChange);
  }

  hostDisconnected(): void {
    this.host.removeEventListener(ParleyErrorEvent.eventName, this.handleError);
    this.host.removeEventListener(ParleyConnectionChangeEvent.eventName, this.handleConnectionChange);
  }

  /** Another configuration: nothing known about it yet. */
  reset(): void {
    this.everOpen = false;
    this.failure = undefined;
    this.open = false;
    this.justReported = undefined;
  }

  /** A problem the element found itself (a missing attribute), written to the console once. */
  reportConfigProblem(problem: string): void {
    this.console.error(`not connecting: ${problem}.`);
  }

  private readonly handleError = (e: ParleyErrorEvent): void => {
    const { code, message, protocol } = e.error;
    if (!isConnectFailure(code)) return;
    this.console.error(message);
    const reason = plainReason(message, protocol ?? this.protocol());
    if (this.open) {
      this.justReported = reason;
      queueMicrotask(() => { this.justReported = undefined; });
      return;
    }
    this.failure = reason;
    this.host.requestUpdate();
  };

  /**
   * No render is asked for here: each change of status also changes the store's status, whose
   * notice renders the host (in the same frame as the rest of what the change brought), and the
   * host reads what is remembered here then.
   */
  private readonly handleConnectionChange = (e: ParleyConnectionChangeEvent): void => {
    if (e.status === 'open') {
      this.open = true;
      this.everOpen = true;
      this.failure = undefined;
    } else {
      if (this.open && this.justReported) this.failure = this.justReported;
      this.open = false;
    }
  };
}
