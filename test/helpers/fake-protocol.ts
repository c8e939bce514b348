/**
 * A protocol registered from outside Parley, with the transport replaced by test controls:
 * the mock sits below the adapter contract, so store, connection and elements are all real.
 */
import type { ChatEvent } from '../../src/core/events.js';
import type { Command } from '../../src/core/commands.js';
import { ConnectError, type Adapter, type AdapterHost, type DisconnectReason, type ProtocolModule } from '../../src/core/protocol.js';
import { registerProtocol } from '../../src/core/registry.js';
import type { Message } from '../../src/core/model.js';

/** Test handle on a fake backend. */
export interface FakeBackend {
  readonly host?: AdapterHost;
  readonly commands: Command[];
  connects: number;
  closes: number;
  open: boolean;
  /** What `sync` returns next. */
  syncEvents: ChatEvent[];
  /** Make the next connects fail with this reason. */
  failWith?: DisconnectReason;
  /** What the adapter says it can do. */
  capabilities: Set<Command['type']>;
  /** What the adapter says most likely holds a connect that never completes. */
  timeoutHint?: string;
  /** The signal each `connect` got, in order. */
  readonly connectSignals: AbortSignal[];
  /** Runs at each connect before it succeeds (e.g. a promise that never settles: a socket that never opens). */
  onConnect?: () => Promise<void>;
  /** What `execute` does; default: echo a send as a confirmed message. */
  onExecute?: (c: Command) => Promise<ChatEvent[]>;
  /** The signal each `execute` got, in order. */
  readonly signals: AbortSignal[];
  /** Kinds of every `sync` call, in order. */
  readonly syncs: ('initial' | 'reconnect')[];
  /** What `sync` does instead of returning `syncEvents` (e.g. emit live events while it runs). */
  onSync?: (kind: 'initial' | 'reconnect') => Promise<ChatEvent[]>;
  emit(events: ChatEvent[]): void;
  drop(reason?: DisconnectReason): void;
}

let counter = 0;

/** Register a fresh fake protocol; returns its name and handle. */
export function registerFake(): { name: string; backend: FakeBackend } {
  const name = `fake-${++counter}`;
  const backend: FakeBackend = {
    commands: [], signals: [], connectSignals: [], connects: 0, closes: 0, open: false, syncEvents: [], syncs: [],
    capabilities: new Set<Command['type']>(['send', 'typing', 'markRead', 'loadOlder']),
    emit(events) { (this.host as AdapterHost).emit(events); },
    drop(reason = 'network-error') { this.open = false; (this.host as AdapterHost).closed(reason); },
  };
  const module: ProtocolModule = {
    createAdapter(host): Adapter {
      (backend as { host?: AdapterHost }).host = host;
      return {
        capabilities: backend.capabilities,
        get timeoutHint() { return backend.timeoutHint; },
        async connect(signal) {
          backend.connects++;
          backend.connectSignals.push(signal);
          if (backend.failWith) throw new ConnectError(backend.failWith, `refused: ${backend.failWith}`);
          if (backend.onConnect) await backend.onConnect();
          backend.open = true;
        },
        async sync(kind) {
          backend.syncs.push(kind);
          if (backend.onSync) return backend.onSync(kind);
          const e = backend.syncEvents; backend.syncEvents = []; return e;
        },
        async execute(c, signal) {
          backend.commands.push(c);
          backend.signals.push(signal);
          if (backend.onExecute) return backend.onExecute(c);
          if (c.type === 'send') {
            return [{ type: 'message.created', message: msg({ id: `srv-${backend.commands.length}`, conversationId: c.conversationId, text: c.text, clientRef: c.clientRef, self: true }) }];
          }
          return [];
        },
        close() { if (backend.open) backend.closes++; backend.open = false; },
      };
    },
  };
  registerProtocol(name, async () => module);
  return { name, backend };
}

/** A message with defaults. */
export function msg(p: Partial<Message> & { id: string; conversationId: string; self?: boolean; at?: number }): Message {
  const { self, at, ...rest } = p;
  return {
    kind: 'text', text: `message ${p.id}`, markup: 'plain', attachments: [], status: 'sent',
    createdAt: at ?? 1_700_000_000_000, sender: self ? { id: 'me', role: 'self', name: 'Me' } : { id: 'ada', role: 'agent', name: 'Ada' },
    ...rest,
  };
}

/** Wait until `check` is true (polling each frame), or fail after `ms`. */
export async function until(check: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  }
}

/** Poll an async check until it holds, or fail after `ms` (a wait, not a timed assertion). */
export async function eventually(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
