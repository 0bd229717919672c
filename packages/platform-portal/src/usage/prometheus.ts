/**
 * A small client for Prometheus's range queries (`/api/v1/query_range`), which Thanos, Mimir,
 * VictoriaMetrics and hosted Prometheus services answer alike:
 * https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries
 */
import { z } from 'zod';

export interface PrometheusTarget {
  /** Base URL, e.g. https://prometheus.example.com or https://host/prometheus (a path prefix is kept). */
  url: string;
  /** Sent as `Authorization: Bearer …` when set. */
  token?: string | undefined;
  /** How long one query may take, answer included. */
  timeoutMs: number;
}

export interface RangeQuery {
  query: string;
  start: Date;
  end: Date;
  stepSeconds: number;
}

/** One series of a matrix: its labels and its samples, `[unix seconds, value as text]`. */
const SeriesSchema = z.object({
  metric: z.record(z.string(), z.string()),
  values: z.array(z.tuple([z.number(), z.string()])),
});

const AnswerSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('success'),
    data: z.object({ resultType: z.literal('matrix'), result: z.array(SeriesSchema) }),
  }),
  z.object({ status: z.literal('error'), errorType: z.string(), error: z.string() }),
]);

export type PrometheusSeries = z.output<typeof SeriesSchema>;

/** Prometheus could not be asked, or did not give a usable answer; the message names the query. */
export class PrometheusError extends Error {
  readonly query: string;
  constructor(what: string, query: string, fix?: string, options?: { cause: unknown }) {
    super(`${what}, for the query ${query}${fix ? `; ${fix}` : ''}`, options);
    this.name = 'PrometheusError';
    this.query = query;
  }
}

/** The URL without credentials, for messages; credentials in it are sent as basic auth instead. */
export function displayUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}

function requestFor(target: PrometheusTarget, range: RangeQuery): { url: URL; headers: Headers; body: URLSearchParams } {
  const base = new URL(target.url);
  const headers = new Headers({ accept: 'application/json' });
  // fetch refuses URLs with credentials; https://user:secret@host/ becomes basic auth.
  if (base.username || base.password) {
    headers.set('authorization', `Basic ${btoa(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`)}`);
    base.username = '';
    base.password = '';
  }
  if (target.token) headers.set('authorization', `Bearer ${target.token}`);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const body = new URLSearchParams({
    query: range.query,
    start: String(range.start.getTime() / 1000),
    end: String(range.end.getTime() / 1000),
    step: String(range.stepSeconds),
  });
  return { url: new URL('api/v1/query_range', base), headers, body };
}

function fetchFailure(error: unknown, target: PrometheusTarget, query: string): PrometheusError {
  const where = `Prometheus at ${displayUrl(target.url)}`;
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return new PrometheusError(`${where} did not answer within ${target.timeoutMs} ms`, query, 'raise --timeout-ms if it is only slow', { cause: error });
  }
  if (error instanceof DOMException && error.name === 'AbortError') return new PrometheusError('Cancelled after another query failed', query, undefined, { cause: error });
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : cause instanceof Error ? cause.message : String(cause);
  return new PrometheusError(`${where} could not be reached (${code})`, query, 'check the URL and that Prometheus is up', { cause: error });
}

/**
 * Runs one range query (POST, so long queries fit) and returns its series. Anything but a matrix
 * in a success answer is a PrometheusError: an unreachable server, a time-out, an error body
 * (`{status: "error", errorType, error}`), or an answer that is not Prometheus JSON.
 */
export async function queryRange(target: PrometheusTarget, range: RangeQuery, signal?: AbortSignal): Promise<PrometheusSeries[]> {
  const { url, headers, body } = requestFor(target, range);
  const timeout = AbortSignal.timeout(target.timeoutMs);
  let status: number;
  let text: string;
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal: signal ? AbortSignal.any([timeout, signal]) : timeout });
    status = response.status;
    text = await response.text();
  } catch (error) {
    throw fetchFailure(error, target, range.query);
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const start = JSON.stringify(text.slice(0, 60));
    throw new PrometheusError(`Prometheus answered HTTP ${status} with a body that is not JSON (${start})`, range.query, 'check that the URL points at Prometheus, not at a login page or a proxy', { cause: error });
  }
  const answer = AnswerSchema.safeParse(json);
  if (!answer.success) {
    const issue = answer.error.issues[0]!;
    const what = `Prometheus answered HTTP ${status} with JSON that is not a range query result (${issue.path.join('.') || 'body'}: ${issue.message})`;
    throw new PrometheusError(what, range.query, 'check that the URL points at a Prometheus-compatible API', { cause: answer.error });
  }
  if (answer.data.status === 'error') {
    throw new PrometheusError(`Prometheus refused with HTTP ${status}, ${answer.data.errorType}: ${answer.data.error}`, range.query);
  }
  if (status < 200 || status > 299) throw new PrometheusError(`Prometheus answered HTTP ${status}`, range.query);
  return answer.data.data.result;
}
