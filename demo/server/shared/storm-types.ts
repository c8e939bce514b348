/**
 * What a fault storm takes (`POST /__control/storm`) and reports (`GET /__control/storm`), apart
 * from faults.ts so the test page can read the types without the server's Node imports.
 */

/** A storm's settings (the control endpoint's body). */
export interface StormOptions {
  events: number;
  seed: number;
  /** Events per second. */
  rate: number;
  /** Random connection cuts during the storm (one more always falls among its last events). */
  drops: number;
  /** How long the restart refuses connections, ms (0: no restart). */
  restartMs: number;
  duplicate: number;
  reorder: number;
  /** Share of created messages sent from the user's other device. */
  selfShare: number;
}

/** Counts of what a storm did. */
export interface StormReport {
  running: boolean;
  error?: string;
  /** Events done so far, the finale's (typing off, the last read) included. */
  events: number;
  created: number;
  edited: number;
  deleted: number;
  typing: number;
  receipts: number;
  drops: number;
  restarts: number;
  duplicated: number;
  reordered: number;
  elapsedMs: number;
  /** Edits and deletes of a message changed in the event just before (their frames may swap). */
  backToBack: number;
  /** Events done when the last cut fell (the widget must catch up after it). */
  lastCutAfter: number;
  /** When the storm last sent a typing frame (`Date.now()` on the server, same machine as the page). */
  lastTypingAt?: number;
}
