/**
 * The demo backends on loopback, for `npm start` and the integration tests:
 * - `chatwoot`: an emulation of Chatwoot's Client API, Application API and ActionCable `/cable`,
 *   with a scripted agent (Ada) and test control endpoints under `/__control`;
 * - `rails` (opt-in): a real Rails ActionCable server under puma, with `POST /broadcast`.
 */
import { createChatwootServer } from './chatwoot/server.js';
import { assertPumaAvailable, startRails, type RailsServer } from './rails.js';

export interface DemoServers {
  urls: { chatwoot: string; rails: string | null };
  close(): Promise<void>;
}

export interface StartOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Port of the Chatwoot emulation; 0 (the default) picks a free one. */
  port?: number;
  /** Also start the real ActionCable server (needs puma and ruby-actioncable). */
  rails?: boolean;
  /** No logs from puma or ActionCable. */
  quiet?: boolean;
  /** Delay between the scripted agent's steps, ms (default 400). */
  agentDelayMs?: number;
}

export async function startServers(opts: StartOptions = {}): Promise<DemoServers> {
  if (opts.rails) assertPumaAvailable(); // fail before anything is listening
  const chatwoot = createChatwootServer({ agentDelayMs: opts.agentDelayMs, quiet: opts.quiet });
  const chatwootUrl = await chatwoot.listen(opts.host ?? '127.0.0.1', opts.port ?? 0);
  let rails: RailsServer | null = null;
  if (opts.rails) {
    try {
      rails = await startRails({ quiet: opts.quiet });
    } catch (error) {
      await chatwoot.close();
      throw error;
    }
  }
  let closing: Promise<void> | null = null;
  return {
    urls: { chatwoot: chatwootUrl, rails: rails?.url ?? null },
    close: () => {
      closing ??= Promise.all([chatwoot.close(), rails?.close()]).then(() => undefined);
      return closing;
    },
  };
}
