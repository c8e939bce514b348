/**
 * A NetworkMonitor the test switches on and off by hand, counting its listeners.
 */
import type { NetworkMonitor } from '../../src/core/network.js';

export class FakeNetwork implements NetworkMonitor {
  private listeners = new Set<(online: boolean) => void>();
  /** Subscriptions made over the monitor's life. */
  subscriptions = 0;

  constructor(private isOnline = true) {}

  online(): boolean {
    return this.isOnline;
  }

  subscribe(listener: (online: boolean) => void): () => void {
    this.subscriptions++;
    const own = (online: boolean) => listener(online);
    this.listeners.add(own);
    return () => { this.listeners.delete(own); };
  }

  /** Listeners still attached. */
  get listening(): number {
    return this.listeners.size;
  }

  /** Go online or offline, telling every listener. */
  set(online: boolean): void {
    this.isOnline = online;
    for (const l of [...this.listeners]) l(online);
  }
}
