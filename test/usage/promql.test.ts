import { describe, expect, it } from 'vitest';
import { escapeLabelValue, fillQuery } from '../../packages/platform-portal/src/usage/promql.ts';

const TEMPLATE = 'sum(kafka_log_size_bytes{tenant="{{tenant}}"}) / 1e9';

/** Reads a PromQL double-quoted string body back the way Go's strconv.Unquote does, for the escapes we emit. */
function unquote(body: string): string {
  return body.replace(/\\(x[0-9a-f]{2}|.)/g, (_, e: string) =>
    e.startsWith('x') ? String.fromCharCode(parseInt(e.slice(1), 16)) : ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[e] ?? e,
  );
}

/** The label value of the one matcher in a filled TEMPLATE, found by PromQL's own string rules. */
function matchedValue(query: string): string {
  const match = /^sum\(kafka_log_size_bytes\{tenant="((?:[^"\\\n]|\\.)*)"\}\) \/ 1e9$/.exec(query);
  if (!match) throw new Error(`the query changed shape: ${query}`);
  return unquote(match[1]!);
}

const HOSTILE = [
  'a"} or vector(1) #',
  'x"}) or vector(1) or sum(kafka_log_size_bytes{tenant="x',
  'back\\slash\\',
  '\\"',
  'line\nbreak\r\ttab',
  'bell\u0007del\u007f',
  'ünïcødé 🚀 租户',
  '{{tenant}}',
  '.*',
  '',
];

describe('PromQL label values', () => {
  it.each(HOSTILE)('keeps the query shape and the exact value for %j', (slug) => {
    const query = fillQuery(TEMPLATE, slug);
    expect(matchedValue(query)).toBe(slug);
    expect(query).not.toContain('\n');
  });

  it('escapes what PromQL reads specially, and nothing else', () => {
    expect(escapeLabelValue('checkout')).toBe('checkout');
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect(escapeLabelValue('\u0000\u001f\u007f')).toBe('\\x00\\x1f\\x7f');
    expect(escapeLabelValue('租户 🚀')).toBe('租户 🚀');
  });

  it('refuses a value that is not well-formed Unicode (it would reach Prometheus as another value)', () => {
    expect(() => escapeLabelValue('a\ud800b')).toThrow(/not well-formed Unicode/);
  });

  it('fills every quoted placeholder and refuses templates that use it any other way', () => {
    expect(fillQuery('a{tenant="{{tenant}}"} / b{owner!="{{tenant}}"}', 'x"y')).toBe('a{tenant="x\\"y"} / b{owner!="x\\"y"}');
    expect(() => fillQuery('sum(x{tenant=~"{{tenant}}.*"})', 'checkout')).toThrow(/only as a whole quoted label value/);
    expect(() => fillQuery('sum(x{tenant="checkout"})', 'checkout')).toThrow(/only as a whole quoted label value/);
  });
});
