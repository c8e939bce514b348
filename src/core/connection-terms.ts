/**
 * The words every layer of core uses about a connection, in a module that imports nothing: why
 * one ended, the error that ends a connect attempt, and the owned timers an adapter may use.
 * (`protocol.ts` re-exports them; transports, the store and the runtime import them from here,
 * so no import cycle runs through the protocol contract.)
 */

/** Why a connection ended. Closed list, so the UI can explain it. */
export type DisconnectReason =
  | 'server-closed'          // the server closed the socket
  | 'network-error'          // the socket failed
  | 'offline'                // the browser went offline
  | 'stale'                  // no ping/heartbeat in time
  | 'timeout'                // connect, handshake or subscription not done within the deadline
  | 'auth-failed'            // credentials refused: no automatic retry
  | 'subscription-rejected'  // the subscribe was refused: no automatic retry
  | 'client-closed'          // we closed it (dispose, config change)
  | 'config-error';          // missing or invalid options: no automatic retry

/** Reasons after which retrying cannot help. */
export const FATAL_REASONS: ReadonlySet<DisconnectReason> = new Set(['auth-failed', 'subscription-rejected', 'config-error']);

/** An error that ends a connect attempt, with its reason. */
export class ConnectError extends Error {
  constructor(readonly reason: DisconnectReason, message: string) {
    super(message);
    this.name = 'ConnectError';
  }
}

/** Timers and listeners the adapter may use; all owned (and cleared) by the connection. */
export interface Scheduler {
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(handle: number): void;
  setInterval(fn: () => void, ms: number): number;
  clearInterval(handle: number): void;
  now(): number;
}
