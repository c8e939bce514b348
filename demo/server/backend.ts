/**
 * What every emulated backend in demo/server offers the launcher (index.ts).
 */

/** Options every backend accepts. */
export interface DemoBackendOptions {
  /** Delay between the scripted correspondent's steps, ms. */
  agentDelayMs?: number;
  /** No logs. */
  quiet?: boolean;
}

/** A running backend. */
export interface DemoBackend {
  /** Resolves with the `http://host:port` base once listening. */
  listen(host: string, port: number): Promise<string>;
  close(): Promise<void>;
}
