/**
 * Whether the browser is online, and when that changes. Feature-detected so the core also runs
 * where there is no `navigator` (Node, workers without it): there it is always online.
 */

/** Online/offline source. */
export interface NetworkMonitor {
  online(): boolean;
  /** Listen for changes; returns the function that removes the listeners. */
  subscribe(listener: (online: boolean) => void): () => void;
}

interface EventTargetLike {
  addEventListener(type: string, fn: () => void): void;
  removeEventListener(type: string, fn: () => void): void;
}

/** The platform's monitor: `navigator.onLine` and the global `online` / `offline` events. */
export function platformNetwork(): NetworkMonitor {
  const g = globalThis as unknown as Partial<EventTargetLike> & { navigator?: { onLine?: boolean } };
  return {
    online: () => g.navigator?.onLine !== false,
    subscribe(listener) {
      if (typeof g.addEventListener !== 'function' || typeof g.removeEventListener !== 'function') return () => {};
      const target = g as EventTargetLike;
      const on = () => listener(true);
      const off = () => listener(false);
      target.addEventListener('online', on);
      target.addEventListener('offline', off);
      return () => {
        target.removeEventListener('online', on);
        target.removeEventListener('offline', off);
      };
    },
  };
}

/** What core reads of a WebSocket's close event (the browser's `CloseEvent`, Node's alike). */
export interface SocketClose {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
}
