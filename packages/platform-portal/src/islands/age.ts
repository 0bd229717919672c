/** "3 days ago" and "2 h 5 min": when a request moved, and how long a step took. */

const relative = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export function age(then: Date, now: Date): string {
  const ms = then.getTime() - now.getTime();
  for (const [unit, size] of UNITS) {
    if (Math.abs(ms) >= size) return relative.format(Math.round(ms / size), unit);
  }
  return 'just now';
}

const PARTS: [string, number][] = [
  ['d', 86_400],
  ['h', 3_600],
  ['min', 60],
  ['s', 1],
];

/** "1 d 4 h", "2 h 5 min", "40 s": a duration in seconds, in its largest unit and the next. */
export function duration(seconds: number): string {
  let rest = Math.max(0, Math.round(seconds));
  const found = PARTS.findIndex(([, size]) => rest >= size);
  const first = found === -1 ? PARTS.length - 1 : found;
  const parts: string[] = [];
  for (const [unit, size] of PARTS.slice(first, first + 2)) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length === 0) parts.push(`${count} ${unit}`);
  }
  return parts.join(' ');
}
