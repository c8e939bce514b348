/**
 * Turns a sorted message list into the rows a thread shows: day separators, and messages
 * grouped by sender (a new group after a sender change, a day change or a 5-minute pause).
 * `RowBuilder` rebuilds only what changed: a live message at the end of 100,000 costs a few
 * rows and one copy of the row list, not 100,000 new rows.
 */
import type { Message } from '../../core/model.js';
import { dayStart } from '../shared/format.js';

/** A day separator row. */
export interface DayRow { kind: 'day'; key: string; at: number }
/** A message row. */
export interface MessageRow { kind: 'message'; key: string; message: Message; groupStart: boolean; groupEnd: boolean }
/** One row of the thread. */
export type Row = DayRow | MessageRow;

const GROUP_GAP_MS = 5 * 60_000;

function senderKey(m: Message): string {
  return m.kind === 'system' ? '\u0000system' : m.sender?.role === 'self' ? '\u0000self' : m.sender?.id ?? '\u0000unknown';
}

/** The start of the day after the one starting at `day` (23 to 25 hours later across a DST change). */
function nextDayStart(day: number): number {
  const d = new Date(day);
  d.setDate(d.getDate() + 1);
  return d.getTime();
}

/** Appends rows message by message, carrying what the next row depends on (the day, the previous message and its row). */
class RowWriter {
  private day = Number.NaN;
  private dayEnd = Number.NaN;

  constructor(
    readonly rows: Row[],
    /** Index in `rows` of each message's row, by message index. */
    readonly at: number[],
    private prev?: Message,
    private prevRow?: MessageRow,
  ) {
    if (prev) this.enterDay(prev.createdAt);
  }

  /** Append the rows of one message (a day separator first when it starts a day); returns its row. */
  write(m: Message): MessageRow {
    const newDay = !(m.createdAt >= this.day && m.createdAt < this.dayEnd);
    if (newDay) {
      this.enterDay(m.createdAt);
      this.rows.push({ kind: 'day', key: `day:${this.day}`, at: this.day });
    }
    const prev = this.prev;
    const groupStart = newDay || !prev || senderKey(prev) !== senderKey(m) || m.createdAt - prev.createdAt > GROUP_GAP_MS;
    if (groupStart && this.prevRow) this.prevRow.groupEnd = true;
    // A pending message keeps its key when confirmed, so its element is reused, not recreated.
    const row: MessageRow = { kind: 'message', key: `m:${m.clientRef ?? m.id}`, message: m, groupStart, groupEnd: false };
    this.at.push(this.rows.length);
    this.rows.push(row);
    this.prev = m;
    this.prevRow = row;
    return row;
  }

  /** No message follows: the last row ends its group. */
  end(): void {
    if (this.prevRow) this.prevRow.groupEnd = true;
  }

  private enterDay(ms: number): void {
    this.day = dayStart(ms);
    this.dayEnd = nextDayStart(this.day);
  }
}

/** Build every row of a list. */
export function buildRows(messages: readonly Message[]): Row[] {
  const w = new RowWriter([], []);
  for (const m of messages) w.write(m);
  w.end();
  return w.rows;
}

/** How many leading items two lists share (by identity). */
function sharedPrefix(a: readonly Message[], b: readonly Message[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** How many trailing items two lists share (by identity), not reaching into the first `floor` of either. */
function sharedSuffix(a: readonly Message[], b: readonly Message[], floor: number): number {
  const n = Math.min(a.length, b.length) - floor;
  let i = 0;
  while (i < n && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}

/**
 * The rows of one thread, kept across updates. Rows for the unchanged start and end of the list
 * are reused; only those of the messages between (and their neighbours, whose grouping may change)
 * are built again.
 */
export class RowBuilder {
  private messages: readonly Message[] = [];
  private rows: Row[] = [];
  /** Index in `rows` of each message's row. */
  private at: number[] = [];

  /** The rows for `next`; the previous rows array is left as it was. */
  update(next: readonly Message[]): Row[] {
    const prev = this.messages;
    if (next === prev) return this.rows;
    const p = sharedPrefix(prev, next);
    const s = sharedSuffix(prev, next, p);
    // The last shared message is built again (its group may now end differently); so is the first
    // of the shared end (its group and day separator depend on the message before it).
    const from = Math.max(0, p - 1);
    const cut = from < prev.length ? this.rowStart(from) : this.rows.length;
    const w = new RowWriter(this.rows.slice(0, cut), this.at.slice(0, from), next[from - 1], undefined);
    const changedEnd = next.length - s;
    for (let i = from; i < changedEnd; i++) w.write(next[i]!);
    if (s > 0) this.reuseEnd(w, next, changedEnd, prev.length - s);
    else w.end();
    this.messages = next;
    this.rows = w.rows;
    this.at = w.at;
    return this.rows;
  }

  /** Index of the first row belonging to message `i`: its day separator, if it has one, else its own row. */
  private rowStart(i: number): number {
    const own = this.at[i]!;
    return own > 0 && this.rows[own - 1]!.kind === 'day' ? own - 1 : own;
  }

  /**
   * The shared end: its first message is written again; when that came out as before (the same
   * grouping, a day separator where there was one), the old rows of the rest are reused as they are.
   */
  private reuseEnd(w: RowWriter, next: readonly Message[], first: number, firstInPrev: number): void {
    const rowsBefore = w.rows.length;
    const row = w.write(next[first]!);
    const oldAt = this.at[firstInPrev]!;
    const old = this.rows[oldAt] as MessageRow;
    const hadDay = this.rowStart(firstInPrev) !== oldAt;
    const hasDay = w.rows.length - rowsBefore === 2;
    const rest = next.length - first - 1;
    if (row.groupStart !== old.groupStart || hadDay !== hasDay || rest === 0) {
      for (let i = first + 1; i < next.length; i++) w.write(next[i]!);
      w.end();
      return;
    }
    // Everything after `old` stays; so does its group's end, which depends on the unchanged next message.
    row.groupEnd = old.groupEnd;
    const shift = w.rows.length - 1 - oldAt;
    for (let r = oldAt + 1; r < this.rows.length; r++) w.rows.push(this.rows[r]!);
    for (let i = firstInPrev + 1; i < this.at.length; i++) w.at.push(this.at[i]! + shift);
  }
}

/**
 * How many messages from others (not mine, not activity lines) `rows` holds after the row keyed
 * `lastKey`: what arrived at the end since then. 0 when that row is gone.
 */
export function arrivedFromOthers(rows: readonly Row[], lastKey: string | undefined): number {
  let n = 0;
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (row.key === lastKey) return n;
    if (row.kind === 'message' && row.message.sender?.role !== 'self' && row.message.kind !== 'system') n++;
  }
  return 0;
}
