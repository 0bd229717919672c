/**
 * OpenMetrics text for promtool's backfill: gauge families, samples with timestamps in seconds.
 * https://github.com/prometheus/OpenMetrics/blob/main/specification/OpenMetrics.md#text-format
 */

export interface Series {
  labels: Record<string, string>;
  /** `[unix seconds, value]`, oldest first. */
  samples: [number, number][];
}

export interface Family {
  name: string;
  series: Series[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Label values escape backslash, double quote and newline; everything else is taken as is. */
export function escapeOpenMetricsValue(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

function labelSet(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([name, value]) => {
    if (!LABEL_NAME.test(name)) throw new Error(`"${name}" is not a valid label name.`);
    return `${name}="${escapeOpenMetricsValue(value)}"`;
  });
  return pairs.length > 0 ? `{${pairs.join(',')}}` : '';
}

/** The whole exposition; each family's samples together (families of one name merged), and the closing `# EOF`. */
export function toOpenMetrics(families: readonly Family[]): string {
  const byName = new Map<string, Series[]>();
  for (const { name, series } of families) byName.set(name, [...(byName.get(name) ?? []), ...series]);
  const lines: string[] = [];
  for (const [name, series] of byName) {
    if (!METRIC_NAME.test(name)) throw new Error(`"${name}" is not a valid metric name.`);
    lines.push(`# TYPE ${name} gauge`);
    for (const { labels, samples } of series) {
      const prefix = `${name}${labelSet(labels)}`;
      for (const [time, value] of samples) lines.push(`${prefix} ${value} ${time}`);
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}
