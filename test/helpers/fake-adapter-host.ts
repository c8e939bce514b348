/**
 * An AdapterHost over a real store for the protocol adapter tests: emitted events are applied to
 * the store and recorded, as are reports and closes; time is a ManualScheduler.
 * (fake-host.ts is the Lit ReactiveControllerHost, a different thing.)
 */
import type { ParleyError } from '../../src/core/errors.js';
import type { ChatEvent } from '../../src/core/events.js';
import { memoryStore, type KeyValueStore } from '../../src/core/kv.js';
import type { AdapterHost, ConnectOptions, DisconnectReason } from '../../src/core/protocol.js';
import { ChatStore } from '../../src/core/store.js';
import { storeView, type StoreView } from '../../src/core/store-view.js';
import { ManualScheduler } from './fake-scheduler.js';

/** A host that applies emitted events to a real store and records everything else. */
export interface TestHost {
  host: AdapterHost;
  store: ChatStore;
  scheduler: ManualScheduler;
  storage: KeyValueStore;
  emitted: ChatEvent[];
  reports: ParleyError[];
  closed: { reason: DisconnectReason; detail?: string }[];
}

export interface TestHostSetup {
  protocol: string;
  options: ConnectOptions;
  fetch: typeof fetch;
  storage?: KeyValueStore;
  scheduler?: ManualScheduler;
  /** What the store is given for emitted events (they are recorded as emitted); the events themselves by default. */
  toStore?: (events: ChatEvent[]) => ChatEvent[];
}

export function adapterTestHost(setup: TestHostSetup): TestHost {
  const { protocol, options, fetch: fetchFn, storage = memoryStore(), scheduler = new ManualScheduler(), toStore } = setup;
  const store = new ChatStore({ frame: (cb) => cb(), now: () => scheduler.now() });
  const t: TestHost = { store, scheduler, storage, emitted: [], reports: [], closed: [], host: undefined as unknown as AdapterHost };
  t.host = {
    protocol,
    options,
    scheduler,
    storage,
    fetch: fetchFn,
    view: viewOf(store),
    emit: (events) => { t.emitted.push(...events); store.apply(toStore ? toStore(events) : events); },
    report: (e) => { t.reports.push(e); },
    closed: (reason, detail) => { t.closed.push({ reason, detail }); },
  };
  return t;
}

/** Wait (real time, polling each millisecond) until `check` holds, or fail after `ms`. */
export async function until(check: () => boolean, what = 'condition', ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** The view core gives a protocol over `store` (as the connection builds it). */
export function viewOf(store: ChatStore): StoreView {
  return storeView(store);
}
