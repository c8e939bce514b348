/**
 * What a fault storm reports (`GET /__control/storm`), apart from faults.ts so the test page can
 * read the type without the server's Node imports.
 */

/** Counts of what a storm did. */
export interface StormReport {
  running: boolean;
  error?: string;
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
}
