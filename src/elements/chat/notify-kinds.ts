/**
 * The kinds of notice a `<parley-chat notify="…">` asks for. Small and read by the chat itself
 * (whether to load the notifier, whether to offer the desktop bell); the notifier loads lazily.
 */

/** What a chat can ask for. */
export type NotifyKind = 'sound' | 'title' | 'desktop';
const KINDS: readonly NotifyKind[] = ['sound', 'title', 'desktop'];

/** The kinds named in a `notify` attribute (space-separated, any case, unknown words ignored). */
export function notifyKinds(value: string | undefined): Set<NotifyKind> {
  const words = new Set((value ?? '').toLowerCase().split(/\s+/));
  return new Set(KINDS.filter((k) => words.has(k)));
}
