/**
 * The fault storm's typing checks, read from what the typing indicator shows. Both can fail:
 *
 * - At the end of the storm nobody may be shown typing, by a deadline the backend's wire
 *   justifies: where typing notices carry their order (Comapi), soon after the widget is caught
 *   up; where they do not (Chatwoot: a swapped on/off pair leaves the "on" last) or where nothing
 *   says "stopped" (IMKIT), once the notice has had its time to live after the storm's last
 *   typing frame, and no later. A widget that never expires a notice fails it.
 * - Then a probe, with faults off: the correspondent types once, and the indicator must name
 *   them; where the backend has a "stopped" frame, they stop and the indicator must clear well
 *   inside the notice's time to live (only the frame can have cleared it); where it has none,
 *   the indicator must clear within that time to live (plus a margin) of the frame. A widget
 *   that ignores typing, ignores "stopped", or never expires typing fails it.
 */
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { until } from '../helpers/fake-protocol.js';
import { backendControl } from '../helpers/servers.js';

/** How a backend's typing ends, and who types there. */
export interface Typist {
  /** The correspondent's name, as the indicator says it. */
  name: string;
  /** How long the widget shows one notice without a refresh, ms. */
  ttlMs: number;
  /** Whether the backend sends "stopped typing". */
  stopFrame: boolean;
  /**
   * Whether its notices carry their order, so that a "stopped" overtaken by an older "typing"
   * still wins (the end state is then the frames', not the expiry's).
   */
  ordered: boolean;
}

/** Slack for timers and rendering on a loaded 2-core machine, ms. */
export const TYPING_MARGIN_MS = 3000;

/** What the typing indicator shows now ('' when nobody is typing). */
export function indicatorText(chat: ParleyChat): string {
  const root = chat.shadowRoot?.querySelector('parley-typing-indicator')?.shadowRoot;
  return root?.querySelector('[part="indicator"]')?.textContent?.trim() ?? '';
}

/**
 * Nobody shown typing by the deadline the wire justifies (see above), counted from when the
 * widget was caught up (`settledAt`) and the storm's last typing frame (`lastTypingAt`, the
 * server's clock: the same machine as the page).
 */
export async function nobodyTypingAtEnd(chat: ParleyChat, typist: Typist, lastTypingAt: number | undefined, settledAt: number, what: string): Promise<string> {
  const expiryBound = typist.ordered && typist.stopFrame ? 0 : typist.ttlMs;
  const deadline = Math.max(settledAt, (lastTypingAt ?? 0) + expiryBound) + TYPING_MARGIN_MS;
  await until(() => indicatorText(chat) === '', Math.max(0, deadline - Date.now()),
    `${what}: nobody shown typing by ${expiryBound ? `the notice's ${typist.ttlMs} ms time to live after the last typing frame` : 'the frames\' own end state'} `
    + `(+${TYPING_MARGIN_MS} ms); the indicator still says "${indicatorText(chat)}"`);
  return expiryBound ? `cleared within ${typist.ttlMs} ms + margin of the last frame` : 'cleared by the frames';
}

/** Ask the correspondent to type (or stop) once; the server's time of the frame. */
async function correspondentTypes(backend: string, extras: Record<string, unknown>, on: boolean): Promise<number> {
  return (await backendControl<{ at: number }>(backend, 'storm/typing', { ...extras, on })).at;
}

/** The probe (see above); resolves with what it showed, for the summary. */
export async function probeTyping(chat: ParleyChat, typist: Typist, backend: string, extras: Record<string, unknown>): Promise<string> {
  const sentAt = await correspondentTypes(backend, extras, true);
  const named = () => indicatorText(chat).includes(typist.name);
  await until(named, 10_000, `${backend}: the indicator names ${typist.name} after a typing frame (it says "${indicatorText(chat)}")`);
  const shownAfter = Date.now() - sentAt;
  if (typist.stopFrame) {
    // Well inside the time to live: only the "stopped" frame can clear it this soon.
    const stoppedAt = await correspondentTypes(backend, extras, false);
    const within = Math.min(TYPING_MARGIN_MS, typist.ttlMs / 2);
    await until(() => indicatorText(chat) === '', within - (Date.now() - stoppedAt),
      `${backend}: the indicator clears within ${within} ms of "stopped typing" (its notice lives ${typist.ttlMs} ms); it says "${indicatorText(chat)}"`);
    return `typing shown ${shownAfter} ms after the frame, cleared ${Date.now() - stoppedAt} ms after "stopped"`;
  }
  await until(() => indicatorText(chat) === '', sentAt + typist.ttlMs + TYPING_MARGIN_MS - Date.now(),
    `${backend}: the indicator clears within the notice's ${typist.ttlMs} ms (+${TYPING_MARGIN_MS} ms) of the typing frame; it says "${indicatorText(chat)}"`);
  return `typing shown ${shownAfter} ms after the frame, expired ${Date.now() - sentAt} ms after it (time to live ${typist.ttlMs} ms)`;
}
