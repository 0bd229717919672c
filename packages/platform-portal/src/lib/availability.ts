/**
 * A service's state and its availability over the last days, computed from the incident files
 * alone: minutes of outage (the service did not work) and of degradation (it worked worse), with
 * overlapping incidents counted once and an outage taking precedence over a degradation at the same
 * minute. Availability counts outage minutes as unavailable; maintenance windows are planned and
 * count for nothing. Pure: the status page, its JSON and the banners take their figures from here.
 */
import type { Impact } from '../schemas/operations.ts';
import { isoDay } from './dates.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export type ServiceState = 'operational' | 'degraded' | 'outage' | 'maintenance';

/** What the computation reads of an incident: its impact and when it held. */
export interface ImpactSpan {
  id: string;
  impact: Impact;
  started: Date;
  /** Undefined while the incident is open: it lasts up to `now`. */
  resolved?: Date | undefined;
}

export interface WindowSpan {
  starts: Date;
  ends: Date;
}

export interface Minutes {
  outage: number;
  degraded: number;
}

export interface StatusDay extends Minutes {
  /** YYYY-MM-DD, UTC. */
  date: string;
  /** Ids of the incidents that had impact that day. */
  incidents: string[];
}

export interface Availability extends Minutes {
  /** First day of the window, YYYY-MM-DD (UTC); the window ends at `now`. */
  from: string;
  /** Minutes the window lasts, up to `now`. */
  total: number;
  /** 1 − outage / total. */
  availability: number;
  /** One entry per day of the window, oldest first. */
  days: StatusDay[];
}

type Interval = [number, number];

/** The intervals' union, sorted and merged. */
function union(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merged: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** `intervals` (a union) without the parts `cut` (a union) covers. */
function minus(intervals: readonly Interval[], cut: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [a, b] of intervals) {
    let start = a;
    for (const [c, d] of cut) {
      if (d <= start || c >= b) continue;
      if (c > start) out.push([start, c]);
      start = Math.max(start, d);
    }
    if (start < b) out.push([start, b]);
  }
  return out;
}

/** Milliseconds of a union inside [from, to]. */
function within(intervals: readonly Interval[], from: number, to: number): number {
  return intervals.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, to) - Math.max(a, from)), 0);
}

const spanOf = (incident: ImpactSpan, now: number): Interval => [incident.started.getTime(), Math.min(incident.resolved?.getTime() ?? now, now)];

/**
 * Outage and degraded minutes of a service over the `days` UTC days up to `now` (today included,
 * up to now), per day and in total, from the incidents that affect it.
 */
export function availability(incidents: readonly ImpactSpan[], now: Date, days = 90): Availability {
  const end = now.getTime();
  const from = Math.floor(end / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
  const outage = union(incidents.filter((i) => i.impact === 'outage').map((i) => spanOf(i, end)));
  const degraded = minus(union(incidents.filter((i) => i.impact === 'degraded').map((i) => spanOf(i, end))), outage);
  const dayList: StatusDay[] = [];
  for (let day = from; day < end; day += DAY_MS) {
    const to = Math.min(day + DAY_MS, end);
    dayList.push({
      date: isoDay(new Date(day)),
      outage: within(outage, day, to) / MINUTE_MS,
      degraded: within(degraded, day, to) / MINUTE_MS,
      incidents: incidents.filter((i) => within([spanOf(i, end)], day, to) > 0).map((i) => i.id),
    });
  }
  const total = (end - from) / MINUTE_MS;
  const outageMinutes = within(outage, from, end) / MINUTE_MS;
  return {
    from: isoDay(new Date(from)),
    total,
    outage: outageMinutes,
    degraded: within(degraded, from, end) / MINUTE_MS,
    availability: 1 - outageMinutes / total,
    days: dayList,
  };
}

/** Whether an incident is open at `now`: started, and not resolved by then. */
export const isOngoing = (incident: ImpactSpan, now: Date): boolean => incident.started <= now && (incident.resolved === undefined || incident.resolved > now);

/** Whether a window is open at `now`. */
export const inWindow = (window: WindowSpan, now: Date): boolean => window.starts <= now && now < window.ends;

/** A service's state at `now`: an open outage, else an open degradation, else an open window, else operational. */
export function stateAt(incidents: readonly ImpactSpan[], windows: readonly WindowSpan[], now: Date): ServiceState {
  const open = incidents.filter((i) => isOngoing(i, now));
  if (open.some((i) => i.impact === 'outage')) return 'outage';
  if (open.length > 0) return 'degraded';
  return windows.some((w) => inWindow(w, now)) ? 'maintenance' : 'operational';
}
