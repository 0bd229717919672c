/**
 * iCalendar files (RFC 5545) of the portal's feeds: campaign deadlines and maintenance windows, for
 * everyone and per tenant.
 * ical-generator writes them: it escapes TEXT values (backslash, semicolon, comma, line breaks),
 * folds lines at 75 octets without splitting a character, and ends lines with CRLF.
 * https://www.rfc-editor.org/rfc/rfc5545#section-3.1 (folding), #section-3.3.11 (TEXT)
 */
import ical from 'ical-generator';

/** What every event of a feed has. */
interface EventBase {
  /**
   * Stays the same from build to build, so that a calendar client updates the event when its day
   * or text changes instead of showing it twice: `campaign-<id>@<site host>`.
   */
  uid: string;
  summary: string;
  description: string;
  /** Absolute URL of the page the event is about. */
  url: string;
}

/** An all-day event: a date of the content is a day (a campaign's deadline). */
export interface DayEvent extends EventBase {
  /** The day, as the content's dates are read: midnight UTC. */
  day: Date;
}

/** A timed event: a maintenance window, from one moment to another, written in UTC. */
export interface TimedEvent extends EventBase {
  start: Date;
  end: Date;
}

export type CalendarEvent = DayEvent | TimedEvent;

/** When an event starts: its day's midnight UTC, or its moment. */
export const eventStart = (event: CalendarEvent): Date => ('day' in event ? event.day : event.start);

export interface Calendar {
  /** The calendar's name in the subscriber's list of calendars. */
  name: string;
  description: string;
  events: readonly CalendarEvent[];
  /** When the file was written (DTSTAMP of every event): the build's time. */
  stamp: Date;
}

const DAY_MS = 86_400_000;

/**
 * A TEXT value as RFC 5545 §3.3.11 writes it. ical-generator 11 escapes the values of events, not
 * the calendar's own NAME, X-WR-CALNAME and X-WR-CALDESC: a line break there would end the line.
 */
const escapeText = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');

/** `<local>@<host of the site>`: an event's UID, unique across the sites that publish calendars. */
export function eventUid(local: string, site: string): string {
  return `${local}@${new URL(site).host}`;
}

/**
 * The calendar as an .ics file. All-day events are VALUE=DATE with DTEND the next day (DTEND is
 * exclusive, RFC 5545 §3.6.1); timed events are UTC DATE-TIMEs. Events come in the order given.
 */
export function calendarFile({ name, description, events, stamp }: Calendar): string {
  const calendar = ical({ name: escapeText(name), description: escapeText(description), prodId: { company: 'platform-portal', product: 'feeds', language: 'EN' } });
  for (const event of events) {
    const { uid, summary, description, url } = event;
    // A timed event without a time zone is written in UTC, `DTSTART:20261212T220000Z` (RFC 5545 §3.3.5, form #2).
    const when = 'day' in event ? { start: event.day, end: new Date(event.day.getTime() + DAY_MS), allDay: true } : { start: event.start, end: event.end };
    calendar.createEvent({ id: uid, stamp, ...when, summary, description, url });
  }
  // Every content line ends with CRLF, the last one too (RFC 5545 §3.1); the library leaves it off.
  return `${calendar.toString()}\r\n`;
}

/**
 * The `webcal:` address of a calendar file: calendar apps (Apple Calendar, Outlook) subscribe to it
 * on a click and fetch it again for changes, where an https link would import the file once.
 */
export const webcalUrl = (path: string, site: string): string => new URL(path, site).href.replace(/^https?:/, 'webcal:');
