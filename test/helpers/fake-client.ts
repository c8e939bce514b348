/**
 * A headless client on a fake protocol, with every clock, frame and network under the test's
 * control, and a store that records what it was given and who listens to it.
 */
import { createChatClient, type ChatClient, type ChatClientOptions } from '../../src/core/client.js';
import type { ParleyError } from '../../src/core/errors.js';
import type { ChatEvent } from '../../src/core/events.js';
import type { Message } from '../../src/core/model.js';
import { ChatStore, type ChatState } from '../../src/core/store.js';
import { FakeNetwork } from './fake-network.js';
import { registerFake, type FakeBackend } from './fake-protocol.js';
import { ManualClock, settle, syncFrame } from './fake-time.js';

/** A store that logs every event it is given (`origin:type:id`) and counts its listeners. */
export class RecordingStore extends ChatStore {
  readonly log: string[] = [];
  /** State subscribers attached now. */
  subscribers = 0;
  /** Message listeners attached now. */
  messageSubscribers = 0;

  override apply(events: readonly ChatEvent[]): void {
    this.record(events);
    super.apply(events);
  }

  /** Queued events are logged when handed over: they apply in that order (before anything applied later). */
  override queue(events: readonly ChatEvent[]): void {
    this.record(events);
    super.queue(events);
  }

  private record(events: readonly ChatEvent[]): void {
    for (const e of events) {
      const id = 'message' in e ? e.message.id : 'conversation' in e ? e.conversation.id : e.conversationId ?? '';
      this.log.push(`${e.origin ?? '-'}:${e.type}:${id}`);
    }
  }

  override subscribe(listener: (state: ChatState) => void): () => void {
    this.subscribers++;
    const off = super.subscribe(listener);
    let done = false;
    return () => { if (!done) { done = true; this.subscribers--; } off(); };
  }

  override onMessage(listener: (message: Message) => void): () => void {
    this.messageSubscribers++;
    const off = super.onMessage(listener);
    let done = false;
    return () => { if (!done) { done = true; this.messageSubscribers--; } off(); };
  }
}

export interface FakeClient {
  client: ChatClient;
  backend: FakeBackend;
  clock: ManualClock;
  network: FakeNetwork;
  store: RecordingStore;
  /** Every status change heard through onStatus, as `status` or `status:reason`. */
  statuses: string[];
  errors: ParleyError[];
}

/** Backoff used by these tests: base 1000, cap 8000; random 0.5 makes each delay ¾ of its ceiling. */
export const BACKOFF = { base: 1000, cap: 8000 };

/** A client on a fresh fake protocol (not connected yet). */
export function fakeClient(opts: Partial<ChatClientOptions> = {}): FakeClient {
  const { name, backend } = registerFake();
  const clock = new ManualClock();
  const network = new FakeNetwork();
  const store = opts.store instanceof RecordingStore ? opts.store : new RecordingStore({ frame: syncFrame, now: () => clock.now() });
  const client = createChatClient({
    protocol: name, url: 'http://fake.invalid', timers: clock, network, frame: syncFrame,
    random: () => 0.5, backoff: BACKOFF, ...opts, store,
  });
  const statuses: string[] = [];
  const errors: ParleyError[] = [];
  client.onStatus((s, r) => statuses.push(r ? `${s}:${r}` : s));
  client.onError((e) => errors.push(e));
  return { client, backend, clock, network, store, statuses, errors };
}

/** Connect and wait until open (the adapter answers at once). */
export async function connected(opts: Partial<ChatClientOptions> = {}, syncEvents: ChatEvent[] = []): Promise<FakeClient> {
  const f = fakeClient(opts);
  f.backend.syncEvents = syncEvents;
  f.client.connect();
  await settle();
  if (f.client.status !== 'open') throw new Error(`expected open, got ${f.client.status}`);
  return f;
}
