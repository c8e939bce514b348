/**
 * The protocol runtime: turns a declaration into the core's `Adapter`. It owns what every
 * protocol needs alike: config errors (a bad option fails every connect with `config-error`,
 * never a retry), one connection at a time with abort, redaction of every message and report,
 * decode reports, capability checks, timers and background tasks on signals it aborts when the
 * connection ends, and the end of a transport reported once to the core.
 */
import type { Command } from '../commands.js';
import { ParleyError, messageOf, redactError, redactText } from '../errors.js';
import type { ChatEvent } from '../events.js';
import { ConnectError, type Adapter, type AdapterHost, type DisconnectReason, type ProtocolModule } from '../protocol.js';
import type { Transport, TransportEvents } from '../transport/transport.js';
import type { CommandHandler, ProtocolDeclaration, ProtocolRun } from './declaration.js';
import { fetchUpload } from '../uploads.js';
import { connectErrorOf, decodeReport, hidden, invalidValueReport } from './failures.js';

/** One connection's owned work. */
interface Live {
  readonly abort: AbortController;
  readonly timers: number[];
  transport?: Transport;
  connecting: boolean;
  /** Fails the connect in progress (the transport ended during the handshake). */
  fail?: (err: ConnectError) => void;
}

/** Read the options once; a failure becomes the config error every connect reports. */
function configOf<C>(decl: ProtocolDeclaration<C, unknown>, host: AdapterHost): { config?: C; error?: ConnectError } {
  try {
    return { config: decl.readConfig(host.options) };
  } catch (err) {
    const error = err instanceof ConnectError ? err : new ConnectError('config-error', messageOf(err));
    return { error: error.message.startsWith(`${decl.name}:`) ? error : new ConnectError(error.reason, `${decl.name}: ${error.message}`) };
  }
}

/** A protocol module for the registry, from its declaration. */
export function defineProtocol<C, S>(decl: ProtocolDeclaration<C, S>): ProtocolModule & { readonly declaration: ProtocolDeclaration<C, S> } {
  return { declaration: decl, createAdapter: (host) => runProtocol(decl, host) };
}

/** Run a declaration as an adapter. */
export function runProtocol<C, S>(decl: ProtocolDeclaration<C, S>, host: AdapterHost): Adapter {
  const { config, error: configError } = configOf(decl as ProtocolDeclaration<C, unknown>, host);
  const state = config === undefined ? undefined : decl.state(config, host);
  const commands = config === undefined ? {} : decl.commands(config);
  const capabilities: ReadonlySet<Command['type']> = new Set(Object.keys(commands) as Command['type'][]);
  const secrets = (): readonly (string | undefined)[] => (config === undefined || state === undefined ? [host.options.token] : [host.options.token, ...decl.secrets(config, state)]);
  const redact = (text: string): string => redactText(text, secrets());
  const report = (error: ParleyError): void => {
    const text = redact(error.message);
    host.report(text === error.message ? error : new ParleyError(error.code, text, { protocol: error.protocol ?? decl.name, ...(error.cause !== undefined ? { cause: error.cause } : {}), ...(error.frame !== undefined ? { frame: error.frame } : {}) }));
  };
  const settle = (events: ChatEvent[]): ChatEvent[] => (decl.settle && run ? decl.settle(events, run) : events);
  let live: Live | undefined;
  let run: ProtocolRun<C, S> | undefined;

  function endLive(l: Live | undefined): void {
    if (!l) return;
    if (live === l) live = undefined;
    for (const t of l.timers) host.scheduler.clearInterval(t);
    l.timers.length = 0;
    l.abort.abort();
    l.transport?.close();
  }

  function runFor(l: Live, c: C, s: S): ProtocolRun<C, S> {
    const current = (): boolean => live === l;
    return {
      protocol: decl.name, config: c, state: s, options: host.options, view: host.view, scheduler: host.scheduler,
      storage: host.storage, fetch: host.fetch, upload: host.upload ?? fetchUpload(host.fetch),
      get transport() { return current() ? l.transport : undefined; },
      signal: l.abort.signal,
      emit: (events) => { if (current() && events.length) host.emit(settle(events)); },
      report,
      dropped: (err, frame) => host.report(decodeReport(decl.name, err, frame, secrets())),
      invalid: (problem) => host.report(invalidValueReport(decl.name, problem, secrets())),
      every(ms, fn) { if (current()) l.timers.push(host.scheduler.setInterval(fn, ms)); },
      background(what, task) {
        if (!current()) return;
        task(l.abort.signal).then(
          (events) => { if (current() && events.length) host.emit(settle(events).map((e) => ({ ...e, origin: 'backfill' as const }))); },
          (err: unknown) => { if (current()) report(new ParleyError('command', `${decl.name}: ${what} failed: ${messageOf(err)}`, { protocol: decl.name, cause: err })); },
        );
      },
      end(reason, detail) { ended(l, reason, detail); },
      redact,
    };
  }

  function ended(l: Live, reason: DisconnectReason, detail: string): void {
    if (live !== l) return;
    if (l.connecting) {
      l.fail?.(decl.endedWhileConnecting?.(reason, detail) ?? new ConnectError(reason, `${decl.name}: ${detail}`));
      return;
    }
    endLive(l);
    host.closed(reason, redact(detail));
  }

  function receive(l: Live, frame: Parameters<ProtocolDeclaration<C, S>['decode']>[0]): void {
    if (live !== l || !run) return;
    let events: ChatEvent[];
    try {
      events = decl.decode(frame, run);
    } catch (err) {
      run.dropped(err, frame.data);
      return;
    }
    try {
      run.emit(events);
    } catch (err) {
      report(new ParleyError('transport', `${decl.name}: ${messageOf(err)}`, { protocol: decl.name, cause: err }));
    }
  }

  async function connect(signal: AbortSignal): Promise<void> {
    if (config === undefined || state === undefined) throw configError ?? new ConnectError('config-error', `${decl.name}: bad options`);
    endLive(live);
    const l: Live = { abort: new AbortController(), timers: [], connecting: true };
    live = l;
    run = runFor(l, config, state);
    const r = run;
    const onAbort = (): void => endLive(l);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await attempts(l, r, signal);
      if (live !== l) throw new ConnectError('client-closed', `${decl.name}: closed while connecting`);
      l.connecting = false;
      decl.opened?.(r);
    } catch (err) {
      endLive(l);
      throw hidden(connectErrorOf(decl.name, err, 'connecting', decl.status), secrets());
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** The steps, again while the declaration's `retry` says another attempt can succeed. */
  async function attempts(l: Live, r: ProtocolRun<C, S>, signal: AbortSignal): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const failed = new Promise<never>((_, reject) => { l.fail = reject; });
      failed.catch(() => undefined);
      try {
        await Promise.race([failed, steps(l, r, signal)]);
        return;
      } catch (err) {
        l.transport?.close();
        l.transport = undefined;
        if (signal.aborted || live !== l || !decl.retry || !(await decl.retry(r, err, attempt, signal))) throw err;
        if (signal.aborted || live !== l) throw new ConnectError('client-closed', `${decl.name}: connect aborted`);
      }
    }
  }

  async function steps(l: Live, r: ProtocolRun<C, S>, signal: AbortSignal): Promise<void> {
    await decl.identify?.(r, signal);
    if (signal.aborted || live !== l) throw new ConnectError('client-closed', `${decl.name}: connect aborted`);
    const request = decl.connectRequest(r);
    const events: TransportEvents = {
      frame: (frame) => receive(l, frame),
      unreadable: (detail, raw) => { if (live === l) r.dropped(new ParleyError('decode', detail), raw); },
      ended: (reason, detail) => ended(l, reason, detail),
    };
    // A protocol's own source (a page's SDK) is made by its request; every socket may be replaced (tests).
    const transport = request.kind === 'custom' ? request.create(events, host.scheduler) : (host.transport ?? decl.transport)(request, events, host.scheduler);
    l.transport = transport;
    await transport.open(signal);
    if (live !== l) throw new ConnectError('client-closed', `${decl.name}: closed while connecting`);
    await decl.handshake?.(r, transport, signal);
  }

  return {
    capabilities,
    ...(config !== undefined && decl.attachments?.(config) ? { attachments: decl.attachments(config) } : {}),
    ...(decl.sendMarkup ? { sendMarkup: decl.sendMarkup } : {}),
    ...(decl.timeoutHint ? { timeoutHint: typeof decl.timeoutHint === 'string' ? decl.timeoutHint : config === undefined ? '' : decl.timeoutHint(config) } : {}),
    connect,
    async sync(kind, signal) {
      if (!run) throw new ConnectError('client-closed', `${decl.name}: not connected`);
      try {
        return settle(kind === 'initial' ? await decl.initialSync(run, signal) : await decl.catchUp(run, signal));
      } catch (err) {
        throw hidden(connectErrorOf(decl.name, err, `${kind} sync`, decl.status), secrets());
      }
    },
    async execute(command, signal) {
      const handler = commands[command.type] as CommandHandler<C, S, typeof command.type> | undefined;
      if (!handler || !run) throw new Error(`${decl.name}: "${command.type}" is not supported`);
      try {
        return settle(await handler(command, run, signal));
      } catch (err) {
        throw err instanceof Error ? redactError(err, secrets()) : err;
      }
    },
    close() {
      endLive(live);
    },
  };
}
