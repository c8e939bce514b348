/**
 * The demo backends on loopback, for `npm start` and the integration tests:
 * - `chatwoot`: an emulation of Chatwoot's Client API, Application API and ActionCable `/cable`,
 *   with a scripted agent (Ada) and test control endpoints under `/__control`;
 * - `rails` (opt-in): a real Rails ActionCable server under puma, with `POST /broadcast`.
 */
import { createChatwootServer } from './chatwoot/server.js';
import type { DemoBackend } from './backend.js';
import { createSpacesServer } from './spaces/server.js';
import { createImkitServer } from './imkit/server.js';
import { createComapiServer } from './comapi/server.js';
import { createVirolaServer } from './virola/server.js';
import { assertPumaAvailable, startRails, type RailsServer } from './rails.js';

/** The emulated backends besides Chatwoot, by protocol name. */
const BACKENDS = {
  spaces: createSpacesServer,
  imkit: createImkitServer,
  comapi: createComapiServer,
  virola: createVirolaServer,
} as const;

type BackendName = keyof typeof BACKENDS;

export interface DemoServers {
  urls: { chatwoot: string; rails: string | null } & Record<BackendName, string>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Port of the Chatwoot emulation; 0 (the default) picks a free one. */
  port?: number;
  /** Ports of the other backends; 0 or absent picks a free one. */
  ports?: Partial<Record<BackendName, number>>;
  /** Also start the real ActionCable server (needs puma and ruby-actioncable). */
  rails?: boolean;
  /** No logs from puma or ActionCable. */
  quiet?: boolean;
  /** Delay between the scripted agent's steps, ms (default 400). */
  agentDelayMs?: number;
}

export async function startServers(opts: StartOptions = {}): Promise<DemoServers> {
  if (opts.rails) assertPumaAvailable(); // fail before anything is listening
  const host = opts.host ?? '127.0.0.1';
  const backendOpts = { agentDelayMs: opts.agentDelayMs, quiet: opts.quiet };
  const chatwoot = createChatwootServer(backendOpts);
  const others = Object.entries(BACKENDS).map(([name, create]) => [name as BackendName, create(backendOpts)] as const);
  const started: DemoBackend[] = [];
  let rails: RailsServer | null = null;
  const closeAll = () => Promise.all([...started.map((b) => b.close()), rails?.close()]).then(() => undefined);
  try {
    const chatwootUrl = await chatwoot.listen(host, opts.port ?? 0);
    started.push(chatwoot);
    const urls = { chatwoot: chatwootUrl, rails: null as string | null } as DemoServers['urls'];
    for (const [name, backend] of others) {
      urls[name] = await backend.listen(host, opts.ports?.[name] ?? 0);
      started.push(backend);
    }
    if (opts.rails) {
      rails = await startRails({ quiet: opts.quiet });
      urls.rails = rails.url;
    }
    let closing: Promise<void> | null = null;
    return { urls, close: () => (closing ??= closeAll()) };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
