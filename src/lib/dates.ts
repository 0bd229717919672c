const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** `3 Mar 2026`: one unambiguous form everywhere on the site. */
export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

/** `2026-03-03`, for `datetime` attributes and feeds. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
