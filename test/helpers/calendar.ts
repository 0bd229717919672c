/**
 * Reads an iCalendar file back with ical.js, a full RFC 5545 parser (Mozilla's, used by
 * Thunderbird), after checking the rules of the file's lines the parser forgives: CRLF line ends,
 * no line over 75 octets, folded lines starting with one space.
 */
import ICAL from 'ical.js';
import { expect } from 'vitest';

// The calendar's name and description are TEXT (NAME in RFC 7986 §5.1, the X-WR- names most
// clients read by convention): told so, ical.js reads their escapes back as it does a SUMMARY's.
for (const property of ['name', 'x-wr-calname', 'x-wr-caldesc']) ICAL.design.icalendar.property[property] = { defaultType: 'text' };

const TEXT_PROPERTY = /^(SUMMARY|DESCRIPTION|NAME|X-WR-CALNAME|X-WR-CALDESC)[:;]/;

export interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  url: string;
  /** YYYY-MM-DD, with `allDay` when the value is a DATE. */
  start: string;
  end: string;
  allDay: boolean;
  /** The start and end as moments (ISO, UTC), for timed events; with `utc` when both are written in UTC (`…Z`). */
  startTime: string;
  endTime: string;
  utc: boolean;
  stamp: string;
}

export interface ParsedCalendar {
  name: string | undefined;
  description: string | undefined;
  events: ParsedEvent[];
}

/** The file's content lines as sent: every one ends with CRLF, the last too (RFC 5545 §3.1). */
export function expectWellFormedLines(text: string): void {
  expect(text.endsWith('\r\n'), 'the last line ends with CRLF').toBe(true);
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) {
    expect(line, 'no bare CR or LF inside a line').not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, 'utf-8'), `at most 75 octets: ${line}`).toBeLessThanOrEqual(75);
    expect(line, 'no control character but a folding space or tab').not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f]/);
  }
  // A character is never split across a fold: no line holds half of a surrogate pair.
  for (const line of lines) expect(line.isWellFormed(), `a whole character: ${line}`).toBe(true);
  // TEXT values as §3.3.11 has them: a backslash only before a backslash, ";", ",", "n" or "N", and
  // never a bare ";" or ",". The parser forgives both, so it would not tell.
  const unfolded = text.replaceAll(/\r\n[ \t]/g, '').split('\r\n');
  for (const line of unfolded.filter((l) => TEXT_PROPERTY.test(l))) {
    expect(line.slice(line.indexOf(':') + 1), `escaped TEXT: ${line}`).toMatch(/^(?:[^\\;,]|\\[\\;,nN])*$/);
  }
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines.at(-1)).toBe('END:VCALENDAR');
}

/** Every event of the file, as the parser reads it; the file's lines checked first. */
export function readCalendar(text: string): ParsedCalendar {
  expectWellFormedLines(text);
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
  const events = calendar.getAllSubcomponents('vevent').map((vevent): ParsedEvent => {
    const event = new ICAL.Event(vevent);
    const stamp = vevent.getFirstPropertyValue('dtstamp');
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      url: String(vevent.getFirstPropertyValue('url')),
      start: event.startDate.toString().slice(0, 10),
      end: event.endDate.toString().slice(0, 10),
      allDay: event.startDate.isDate && event.endDate.isDate,
      startTime: event.startDate.toJSDate().toISOString(),
      endTime: event.endDate.toJSDate().toISOString(),
      utc: event.startDate.zone === ICAL.Timezone.utcTimezone && event.endDate.zone === ICAL.Timezone.utcTimezone,
      stamp: stamp instanceof ICAL.Time ? stamp.toString() : String(stamp),
    };
  });
  const textOf = (property: string) => {
    const value = calendar.getFirstPropertyValue(property);
    return value === null ? undefined : String(value);
  };
  // X-WR-CALNAME and X-WR-CALDESC are what most clients show; NAME is RFC 7986's.
  expect(textOf('x-wr-calname')).toBe(textOf('name'));
  return { name: textOf('name'), description: textOf('x-wr-caldesc'), events };
}
