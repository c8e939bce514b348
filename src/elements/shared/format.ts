/**
 * Locale-aware time and size formatting, with formatters cached per locale.
 */
import { isDateMs } from '../../core/wire.js';

/** The formats shown, by name (a cache key each, so no key is built from the options per call). */
const FORMATS = {
  time: { hour: 'numeric', minute: '2-digit' },
  day: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  shortDate: { day: 'numeric', month: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string | undefined, format: keyof typeof FORMATS): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${format}`;
  let f = cache.get(key);
  if (!f) {
    const opts = FORMATS[format];
    try { f = new Intl.DateTimeFormat(locale || undefined, opts); } catch { f = new Intl.DateTimeFormat(undefined, opts); }
    cache.set(key, f);
  }
  return f;
}

/**
 * Create the formatters a thread shows before its messages arrive: the browser's first
 * `Intl.DateTimeFormat` costs 15-30 ms (it loads locale data), which would otherwise land on the
 * first paint of a history.
 */
export function prepareFormats(locale?: string): void {
  for (const format of Object.keys(FORMATS) as (keyof typeof FORMATS)[]) formatter(locale, format);
}

/** Whether `ms` is a time a `Date` can hold (core's `isDateMs`); outside it, formatting throws. */
export function isValidTime(ms: number | undefined): ms is number {
  return typeof ms === 'number' && isDateMs(ms);
}

/** `ms` as an ISO string for `<time datetime>`, or '' for a time no `Date` can hold. */
export function isoTime(ms: number | undefined): string {
  return isValidTime(ms) ? new Date(ms).toISOString() : '';
}

/** "14:05"; '' for an impossible time. */
export function formatTime(ms: number, locale?: string): string {
  if (!isValidTime(ms)) return '';
  return formatter(locale, 'time').format(ms);
}

/** Start of the local day of `ms`. */
export function dayStart(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

const relative = new Map<string, Intl.RelativeTimeFormat>();

/** "Today" or "Yesterday" in `words` (a locale), capitalized as a label starts. */
function relativeDay(days: 0 | -1, words: string): string {
  let f = relative.get(words);
  if (!f) {
    try { f = new Intl.RelativeTimeFormat(words, { numeric: 'auto' }); } catch { f = new Intl.RelativeTimeFormat('en', { numeric: 'auto' }); }
    relative.set(words, f);
  }
  const text = f.format(days, 'day');
  return text.charAt(0).toLocaleUpperCase(words) + text.slice(1);
}

/**
 * "Today", "Yesterday" (in `words`, the locale of the widget's text, through
 * `Intl.RelativeTimeFormat`) or a date (in `locale`).
 */
export function formatDay(ms: number, locale?: string, now = Date.now(), words = locale || 'en'): string {
  if (!isValidTime(ms)) return '';
  const day = dayStart(ms);
  const today = dayStart(now);
  if (day === today) return relativeDay(0, words);
  if (day === dayStart(today - 1)) return relativeDay(-1, words);
  return formatter(locale, 'day').format(ms);
}

/** Time for a list: today → time, else short date. */
export function formatListTime(ms: number, locale?: string, now = Date.now()): string {
  if (!isValidTime(ms)) return '';
  return dayStart(ms) === dayStart(now) ? formatTime(ms, locale) : formatter(locale, 'shortDate').format(ms);
}

const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
const sizes = new Map<string, Intl.NumberFormat>();

/** "1.2 MB" ("1,2 Mo" in French, "500 bytes"): the number and the unit in `locale`'s words; '' for no size. */
export function formatSize(bytes: number | undefined, locale = 'en'): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '';
  let n = bytes;
  let i = 0;
  while (n >= 1024 && i < SIZE_UNITS.length - 1) { n /= 1024; i++; }
  const digits = n < 10 && i > 0 ? 1 : 0;
  const key = `${locale}|${i}|${digits}`;
  let f = sizes.get(key);
  if (!f) {
    // "500 bytes" in words; "1.2 kB" abbreviated (a short byte reads "500 byte" in English).
    const opts = { style: 'unit', unit: SIZE_UNITS[i], unitDisplay: i ? 'short' : 'long', minimumFractionDigits: digits, maximumFractionDigits: digits } as const;
    try { f = new Intl.NumberFormat(locale, opts); } catch { f = new Intl.NumberFormat('en', opts); }
    sizes.set(key, f);
  }
  return f.format(n);
}

/** Up to two initials of a name. */
export function initials(name: string | undefined): string {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  return (parts.slice(0, 2).map((p) => [...p][0]).join('') || '?').toUpperCase();
}

/**
 * Characters that let a name pass for another or turn the text around it: C0/C1 controls,
 * zero-width characters, bidi embeddings, overrides and isolates, the BOM.
 */
const DECEPTIVE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;
/** Longest name shown; a longer one is cut with an ellipsis. */
export const MAX_NAME_CHARS = 80;

/** A name as it may be shown: deceptive characters removed, trimmed, at most MAX_NAME_CHARS. Show it in `<bdi>`. */
export function displayName(name: string | undefined, fallback = ''): string {
  const clean = (name ?? '').replace(DECEPTIVE, '').trim();
  if (!clean) return fallback;
  const chars = [...clean];
  return chars.length > MAX_NAME_CHARS ? `${chars.slice(0, MAX_NAME_CHARS - 1).join('')}…` : clean;
}

/** `decodeURIComponent`, or the text as it is when its escapes are malformed. */
export function safeDecode(text: string): string {
  try { return decodeURIComponent(text); } catch { return text; }
}
