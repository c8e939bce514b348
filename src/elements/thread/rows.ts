/**
 * Turns a sorted message list into the rows a thread shows: day separators, and messages
 * grouped by sender (a new group after a sender change, a day change or a 5-minute pause).
 */
import type { Message } from '../../core/model.js';
import { dayStart } from '../shared/format.js';

/** One row of the thread. */
export type Row =
  | { kind: 'day'; key: string; at: number }
  | { kind: 'message'; key: string; message: Message; groupStart: boolean; groupEnd: boolean };

const GROUP_GAP_MS = 5 * 60_000;

function senderKey(m: Message): string {
  return m.kind === 'system' ? '\u0000system' : m.sender?.role === 'self' ? '\u0000self' : m.sender?.id ?? '\u0000unknown';
}

/** Build rows. */
export function buildRows(messages: readonly Message[]): Row[] {
  const rows: Row[] = [];
  let lastDay = Number.NaN;
  let prev: Message | undefined;
  let prevRow: Extract<Row, { kind: 'message' }> | undefined;
  for (const m of messages) {
    const day = dayStart(m.createdAt);
    const newDay = day !== lastDay;
    if (newDay) {
      rows.push({ kind: 'day', key: `day:${day}`, at: day });
      lastDay = day;
    }
    const groupStart = newDay || !prev || senderKey(prev) !== senderKey(m) || m.createdAt - prev.createdAt > GROUP_GAP_MS;
    if (groupStart && prevRow) prevRow.groupEnd = true;
    // A pending message keeps its key when confirmed, so its element is reused, not recreated.
    prevRow = { kind: 'message', key: `m:${m.clientRef ?? m.id}`, message: m, groupStart, groupEnd: false };
    rows.push(prevRow);
    prev = m;
  }
  if (prevRow) prevRow.groupEnd = true;
  return rows;
}
