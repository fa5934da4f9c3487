/**
 * Asia/Shanghai calendar keys for caps and expiry. China has a fixed UTC+8 offset with no daylight
 * saving, so plain offset arithmetic is exact (see also shared/domain/reminders/shanghai-time.ts).
 */
const OFFSET_MS = 8 * 3_600_000;

const local = (atMs: number): Date => new Date(atMs + OFFSET_MS);
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' in Shanghai. */
export function shanghaiDay(atMs: number): string {
  const d = local(atMs);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** 'YYYY-MM' in Shanghai. */
export function shanghaiMonth(atMs: number): string {
  const d = local(atMs);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** 'YYYY' in Shanghai. */
export function shanghaiYear(atMs: number): string {
  return String(local(atMs).getUTCFullYear());
}

/**
 * Points earned at `atMs` stay valid until the end of the `months`-th Shanghai month after the
 * month of earning. Returns the first millisecond they are no longer valid (exclusive bound),
 * i.e. 00:00 Shanghai on the 1st of the following month.
 */
export function expiryAfterMonths(atMs: number, months: number): number {
  const d = local(atMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months + 1, 1) - OFFSET_MS;
}

/** The last Shanghai day on which points with this exclusive expiry can still be spent. */
export function lastValidDay(expiresAtMs: number): string {
  return shanghaiDay(expiresAtMs - 1);
}
