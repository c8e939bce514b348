/**
 * One message as the fault storm compares it, from either side: what the widget holds (its store)
 * or shows (the rendered thread) is first read into a `View`, which each backend's target turns
 * into a `Row`; the server's record gives rows directly. Two row lists are then compared field
 * by field, in order.
 */
import type { Message } from '../../src/core/model.js';

/** One message as both sides are compared. */
export interface Row {
  id: string;
  text: string;
  deleted: boolean;
  edited?: boolean;
  /** My messages only: whether the correspondent has read them (where the record says). */
  read?: boolean;
}

/** What one message is on the widget's side, whether read from the store or from the rendered row. */
export interface View {
  id: string;
  /** Shown as mine (`message-mine`), or sent by me (`sender.role` `self`). */
  mine: boolean;
  /** The text: the store's as kept, the row's as shown (empty for a deleted one). */
  text: string;
  deleted: boolean;
  edited: boolean;
  /** Delivery state: the store's `status`, or the one the row's status mark shows (mine only). */
  status?: Message['status'];
}

/** A stored message as a view. */
export function storedView(m: Message): View {
  return { id: m.id, mine: m.sender?.role === 'self', text: m.text, deleted: !!m.deleted, edited: !!m.edited, status: m.status };
}

/** The first difference between two row lists, said plainly. */
export function firstDifference(got: readonly Row[], want: readonly Row[]): string | undefined {
  const n = Math.max(got.length, want.length);
  for (let i = 0; i < n; i++) {
    const a = JSON.stringify(got[i]);
    const b = JSON.stringify(want[i]);
    if (a !== b) return `at ${i} of ${want.length} (widget has ${got.length}): widget ${a ?? 'nothing'}, server ${b ?? 'nothing'}`;
  }
  return undefined;
}

/** What differs in all: ids missing from the widget, ids it has that the record lacks, and fields that differ on shared ids. */
export function differenceSummary(got: readonly Row[], want: readonly Row[]): string {
  const byId = (rows: readonly Row[]) => new Map(rows.map((r) => [r.id, r]));
  const have = byId(got);
  const should = byId(want);
  const missing = [...should.keys()].filter((id) => !have.has(id));
  const extra = [...have.keys()].filter((id) => !should.has(id));
  const fields = new Map<string, number>();
  const examples: string[] = [];
  for (const [id, w] of should) {
    const g = have.get(id);
    if (!g) continue;
    for (const k of new Set([...Object.keys(w), ...Object.keys(g)]) as Set<keyof Row>) {
      if (JSON.stringify(g[k]) === JSON.stringify(w[k])) continue;
      fields.set(k, (fields.get(k) ?? 0) + 1);
      if (examples.length < 3) examples.push(`${id}.${k}: widget ${JSON.stringify(g[k])}, server ${JSON.stringify(w[k])}`);
    }
  }
  const ids = (list: string[]) => (list.length > 10 ? `${list.slice(0, 5).join(', ')} … ${list.slice(-5).join(', ')}` : list.join(', '));
  const missingDeleted = missing.filter((id) => should.get(id)?.deleted).length;
  return `${missing.length} missing (${missingDeleted} of them deleted at the server; ${ids(missing)}; as runs of the record's positions: ${missingRuns(got, want)}), `
    + `${extra.length} extra (${ids(extra)}), `
    + `differing fields ${JSON.stringify(Object.fromEntries(fields))}${examples.length ? ` (${examples.join('; ')})` : ''}`;
}

/** Where the widget's missing rows sit in the record: runs of positions, `from–to (count)`, at most eight. */
function missingRuns(got: readonly Row[], want: readonly Row[]): string {
  const have = new Set(got.map((r) => r.id));
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i <= want.length; i++) {
    const absent = i < want.length && !have.has(want[i]!.id);
    if (absent && start < 0) start = i;
    if (!absent && start >= 0) {
      runs.push(`${start}–${i - 1} (${i - start})`);
      start = -1;
    }
  }
  return runs.length > 8 ? `${runs.slice(0, 8).join(', ')} and ${runs.length - 8} more` : runs.join(', ') || 'none';
}
