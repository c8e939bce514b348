/**
 * Locale-aware time and size formatting, with formatters cached per locale.
 */
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string | undefined, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    try { f = new Intl.DateTimeFormat(locale || undefined, opts); } catch { f = new Intl.DateTimeFormat(undefined, opts); }
    cache.set(key, f);
  }
  return f;
}

/** "14:05" */
export function formatTime(ms: number, locale?: string): string {
  return formatter(locale, { hour: 'numeric', minute: '2-digit' }).format(ms);
}

/** Start of the local day of `ms`. */
export function dayStart(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** "Today", "Yesterday" or a date. */
export function formatDay(ms: number, locale?: string, now = Date.now()): string {
  const day = dayStart(ms);
  const today = dayStart(now);
  if (day === today) return 'Today';
  if (day === dayStart(today - 1)) return 'Yesterday';
  return formatter(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(ms);
}

/** Time for a list: today → time, else short date. */
export function formatListTime(ms: number, locale?: string, now = Date.now()): string {
  return dayStart(ms) === dayStart(now) ? formatTime(ms, locale) : formatter(locale, { day: 'numeric', month: 'short' }).format(ms);
}

/** "1.2 MB" */
export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '';
  const units = ['B', 'KB', 'MB', 'GB'];
  let n = bytes;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${n < 10 && i > 0 ? n.toFixed(1) : Math.round(n)} ${units[i]}`;
}

/** Up to two initials of a name. */
export function initials(name: string | undefined): string {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  return (parts.slice(0, 2).map((p) => [...p][0]).join('') || '?').toUpperCase();
}
