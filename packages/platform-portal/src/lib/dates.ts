const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** `3 Mar 2026`: one unambiguous form everywhere on the site. */
export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });

/** `3 Mar 2026, 22:00 UTC`: a moment, in UTC, as incidents and maintenance windows are written. */
export function formatDateTime(date: Date): string {
  return `${dateFormat.format(date)}, ${timeFormat.format(date)} UTC`;
}

/** `3 Mar 2026` from `2026-03-03`. */
export function formatIsoDay(isoDay: string): string {
  return formatDate(new Date(`${isoDay}T00:00:00Z`));
}

/** `2026-03-03`, for `datetime` attributes and feeds. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** ISO 8601 week of a date, e.g. `2026-W48` (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** `2026-11`, the month of a date in UTC. */
export function isoMonth(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/** `2026-Q4`, the calendar quarter of a date in UTC. */
export function isoQuarter(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}
