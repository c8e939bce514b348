/**
 * Small numeric helpers for the bench's report: medians, percentiles and the units it prints.
 */

/** The median of some numbers (the lower middle one for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The p-th percentile (0..100, nearest rank); NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Milliseconds as the report prints them: `12.3 ms`, `456 ms`, `7.89 s`. */
export function ms(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

/** Bytes in KiB with one decimal. */
export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** Bytes in MB (10^6) with one decimal. */
export const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** `a / b` as a ratio with two digits, e.g. `1.43×`; `–` when either is missing. */
export function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || Number.isNaN(a) || Number.isNaN(b) || b === 0) return '–';
  return `${(a / b).toFixed(2)}×`;
}
