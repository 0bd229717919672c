/**
 * Writes N realistic docs pages for benchmarks: `<dir>/<prefix>-NN/page-MMMM.md`, with Starlight
 * frontmatter (title, description), 600–1500 words, headings, fenced code, lists, a table and 2–4
 * absolute links to other generated pages. The same seed always gives the same bytes.
 *
 *   npx node tools/generate-docs.ts --out DIR --count N [--seed 1] [--section-size 100] [--prefix generated]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface GenerateDocsOptions {
  /** Folder the section folders are written into, e.g. `content/docs`. */
  dir: string;
  count: number;
  seed: number;
  /** Pages per section folder; the portal's nav shows the current section's pages in full. */
  sectionSize?: number;
  sectionPrefix?: string;
}

export interface GeneratedPage {
  /** Docs id, e.g. `generated-01/page-0001`. */
  id: string;
  /** Path of the file relative to `dir`. */
  file: string;
  /** Where the page is served: `/generated-01/page-0001/`. */
  href: string;
  title: string;
  /** Words of prose, list items and table cells (not code, not frontmatter). */
  words: number;
  /** hrefs of the other generated pages this one links to. */
  links: string[];
  text: string;
}

const MIN_WORDS = 600;
const MAX_WORDS = 1500;

/** The pages `generateDocs` writes, in memory: pure, so tests and benches can read them as they are. */
export function renderDocs(options: Omit<GenerateDocsOptions, 'dir'>): GeneratedPage[] {
  const { count, seed, sectionSize = 100, sectionPrefix = 'generated' } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${count}.`);
  if (!Number.isInteger(sectionSize) || sectionSize < 1) throw new RangeError(`sectionSize must be ≥ 1, got ${sectionSize}.`);
  const sectionDigits = Math.max(2, String(Math.ceil(count / sectionSize)).length);
  const pageDigits = Math.max(4, String(count).length);
  const idOf = (n: number) =>
    `${sectionPrefix}-${String(Math.ceil(n / sectionSize)).padStart(sectionDigits, '0')}/page-${String(n).padStart(pageDigits, '0')}`;
  const hrefs = Array.from({ length: count }, (_, i) => `/${idOf(i + 1)}/`);
  return Array.from({ length: count }, (_, i) => {
    // Streams of its own for each page, and for its links apart from its text: page 7 reads the
    // same whether 10 or 10,000 pages are generated; only where its links point changes.
    const pageSeed = seed * 1_000_003 + i + 1;
    const linkRng = new Random(pageSeed ^ 0x9e3779b9);
    // Draw among the other count-1 pages: index j stands for page j, or j+1 from this page on.
    const others = linkRng.sample(count - 1, Math.min(count - 1, linkRng.int(2, 4)));
    const links = others.map((j) => hrefs[j < i ? j : j + 1]!);
    const page = renderPage(new Random(pageSeed), links);
    const id = idOf(i + 1);
    return { id, file: `${id}.md`, href: hrefs[i]!, title: page.title, words: page.words, links, text: page.text };
  });
}

/** Writes the pages of `renderDocs` under `dir` and returns them. Leaves other files in `dir` alone. */
export async function generateDocs(options: GenerateDocsOptions): Promise<GeneratedPage[]> {
  const pages = renderDocs(options);
  const folders = new Set(pages.map((p) => path.dirname(path.join(options.dir, p.file))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  for (const page of pages) await writeFile(path.join(options.dir, page.file), page.text);
  return pages;
}

/** mulberry32: small, fast and the same on every platform; Math.random cannot be seeded. */
class Random {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** `n` distinct indices below `size`, in the order drawn. */
  sample(size: number, n: number): number[] {
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(Math.floor(this.next() * size));
    return [...chosen];
  }
  /** `n` distinct items, in the order drawn. */
  sampleOf<T>(items: readonly T[], n: number): T[] {
    return this.sample(items.length, n).map((k) => items[k]!);
  }
}

const SERVICES = ['Kafka', 'PostgreSQL', 'ClickHouse', 'object storage'] as const;
type Service = (typeof SERVICES)[number];
const TOPICS: Record<Service, string[]> = {
  Kafka: ['consumer groups', 'topic retention', 'partition counts', 'schema evolution', 'replication factor', 'producer batching'],
  PostgreSQL: ['connection pooling', 'point-in-time recovery', 'vacuum tuning', 'read replicas', 'index maintenance', 'logical replication'],
  ClickHouse: ['merge tree settings', 'materialized views', 'query profiling', 'TTL and retention', 'distributed tables', 'cold storage'],
  'object storage': ['bucket lifecycle rules', 'object lock', 'multipart uploads', 'access policies', 'versioning', 'cross-region copies'],
};
const VERBS = ['Configuring', 'Tuning', 'Monitoring', 'Planning', 'Troubleshooting', 'Securing', 'Migrating', 'Understanding'];
const AUDIENCES = ['for new tenants', 'in production', 'at scale', 'for batch workloads', 'for streaming pipelines', 'during incidents'];
const TENANTS = ['payments-ledger', 'checkout', 'fraud-detection', 'growth-analytics', 'ml-features', 'search-ranking'];
const SUBJECTS = [
  'The platform team', 'Each tenant', 'The on-call engineer', 'Your service', 'The capacity planner', 'A typical pipeline',
  'The quota policy', 'The default configuration', 'A well-sized cluster', 'The monitoring stack',
];
const CLAIMS = [
  'keeps {topic} predictable as traffic grows',
  'should review {topic} before every quarterly capacity request',
  'reports {topic} on the shared dashboards within five minutes',
  'treats {topic} as part of the tenant contract, not a tuning detail',
  'rarely needs to change {topic} once the first month of data is in',
  'can change {topic} through a pull request against the tenant file',
  'pages the owning team when {topic} drifts past the agreed threshold',
  'documents {topic} next to the alert that fires when it goes wrong',
];
const REASONS = [
  'because storage is billed per tenant',
  'so that a noisy neighbour cannot starve the rest of the cluster',
  'since the defaults were chosen for small workloads',
  'which keeps recovery time within the agreed objective',
  'because the limits are enforced by the platform, not by convention',
  'so that the audit trail matches what the security team expects',
  'as long as the change goes through review like any other',
];
const FOLLOWUPS = [
  'Start with the defaults and measure before you change anything.',
  'Most teams never need more than the standard tier.',
  'Ask in #platform-help if the numbers look wrong.',
  'Write the reason for a change into the pull request, not only the new value.',
  'The dashboards keep thirty days of history, enough to compare before and after.',
  'Anything above the standard tier needs a cost estimate in the request.',
  'A change applies at the next maintenance window unless it is marked urgent.',
];
const STEPS = [
  'Open the tenant file and find the {topic} block.',
  'Check the current value against the dashboard for the last seven days.',
  'Estimate the new value with the capacity planner and round up.',
  'Open a pull request and add the owning team as reviewers.',
  'Wait for the checks to pass; they validate the file against the schema.',
  'Merge, then watch the rollout in the deployment channel.',
  'Confirm the alert thresholds still make sense after the change.',
];
const HEADINGS = ['Overview', 'Before you start', 'How it works', 'Limits and defaults', 'Step by step', 'Monitoring', 'Common mistakes', 'Cost', 'Rolling back', 'Further reading'];
const SUBHEADINGS = ['Sizing', 'Retention', 'Alerts', 'Permissions', 'Verifying the change', 'When to ask for help', 'Examples', 'Edge cases'];

function renderPage(rng: Random, links: string[]): { title: string; words: number; text: string } {
  const service = rng.pick(SERVICES);
  const topic = rng.pick(TOPICS[service]);
  const tenant = rng.pick(TENANTS);
  const title = `${rng.pick(VERBS)} ${service} ${topic} ${rng.pick(AUDIENCES)}`;
  const description = `How the Nimbus platform handles ${service} ${topic}, with examples for the ${tenant} tenant.`;
  const sentence = () =>
    `${rng.pick(SUBJECTS)} ${rng.pick(CLAIMS).replace('{topic}', `${service} ${rng.pick(TOPICS[service])}`)} ${rng.pick(REASONS)}.`;
  const paragraph = () => [...Array.from({ length: rng.int(2, 4) }, sentence), rng.pick(FOLLOWUPS)].join(' ');
  const pendingLinks = [...links];
  const linkLine = () =>
    `See [${rng.pick(['the related guide', 'this walkthrough', 'the companion page', 'the reference'])}](${pendingLinks.shift()}) for ${rng.pick(TOPICS[service])}.`;

  // Every page gets a step list, a table and 2–3 code blocks, each in a section of its own; then
  // plain sections (some with a ### subsection) until the page reaches its length, never past the cap.
  const headings = rng.sampleOf(HEADINGS, HEADINGS.length);
  const features = [
    () => stepList(rng, topic),
    () => table(rng, service, tenant),
    ...rng.sampleOf(['bash', 'yaml', 'sql', 'python'] as const, rng.int(2, 3)).map((lang) => () => codeBlock(lang, rng, service, tenant)),
  ];
  const blocks: string[] = [paragraph()];
  for (const feature of features) {
    blocks.push(`## ${headings.shift()}`, paragraph());
    if (pendingLinks.length > 0) blocks.push(linkLine());
    blocks.push(feature());
  }
  const target = rng.int(MIN_WORDS + 50, MAX_WORDS - 200);
  let words = countWords(blocks);
  while (headings.length > 0 && words < target) {
    const section = [`## ${headings.shift()}`, paragraph()];
    if (pendingLinks.length > 0) section.push(linkLine());
    if (rng.next() < 0.4) {
      section.push(`### ${rng.pick(SUBHEADINGS)}`, paragraph(), Array.from({ length: rng.int(2, 4) }, () => `- ${sentence()}`).join('\n'));
    }
    const added = countWords(section);
    if (words + added > MAX_WORDS - 50) break;
    blocks.push(...section);
    words += added;
  }
  while (pendingLinks.length > 0) blocks.push(linkLine());

  const body = blocks.join('\n\n');
  const text = `---\ntitle: ${JSON.stringify(title)}\ndescription: ${JSON.stringify(description)}\n---\n\n${body}\n`;
  return { title, words: countWords(body), text };
}

/** Words a reader reads: code blocks and table rulers do not count. */
export function countWords(blocks: string[] | string): number {
  const text = (Array.isArray(blocks) ? blocks.join('\n\n') : blocks).replace(/```[\s\S]*?```/g, '').replace(/\|[-\s|]+\|/g, '');
  return text.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
}

function stepList(rng: Random, topic: string): string {
  const steps = STEPS.slice(0, rng.int(4, STEPS.length)).map((s, i) => `${i + 1}. ${s.replace('{topic}', topic)}`);
  return steps.join('\n');
}

function table(rng: Random, service: Service, tenant: string): string {
  const rows = TOPICS[service].slice(0, rng.int(3, 5)).map((t) => `| ${t} | ${rng.int(1, 64) * 10} | ${rng.pick(['default', 'per tenant', 'on request'])} |`);
  return [`| Setting for ${tenant} | Limit | Changed |`, '| --- | ---: | --- |', ...rows].join('\n');
}

function codeBlock(lang: 'bash' | 'yaml' | 'sql' | 'python', rng: Random, service: Service, tenant: string): string {
  const days = rng.int(1, 30) * 7;
  const code = {
    bash: `nimbus login --tenant ${tenant}\nnimbus ${service.toLowerCase().replace(' ', '-')} describe --output yaml\nnimbus requests open capacity --retention-days ${days}`,
    yaml: `tenant: ${tenant}\nservices:\n  ${service.toLowerCase().replace(' ', '_')}:\n    retention_days: ${days}\n    storage_gb: ${rng.int(1, 50) * 10}\n    alerts:\n      - owner: ${tenant}`,
    sql: `SELECT date_trunc('day', created_at) AS day, count(*) AS events\nFROM ${tenant.replace('-', '_')}.events\nWHERE created_at > now() - interval '${days} days'\nGROUP BY day\nORDER BY day;`,
    python: `from nimbus import Client\n\nclient = Client(tenant="${tenant}")\nusage = client.usage("${service}", days=${days})\nprint(f"{usage.bytes / 1e9:.1f} GB over ${days} days")`,
  }[lang];
  return `\`\`\`${lang}\n${code}\n\`\`\``;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'section-size': { type: 'string', default: '100' },
      prefix: { type: 'string', default: 'generated' },
    },
  });
  if (!values.out || !values.count) {
    console.error('Usage: npx node tools/generate-docs.ts --out DIR --count N [--seed 1] [--section-size 100] [--prefix generated]');
    process.exit(2);
  }
  const pages = await generateDocs({
    dir: values.out,
    count: Number(values.count),
    seed: Number(values.seed),
    sectionSize: Number(values['section-size']),
    sectionPrefix: values.prefix,
  });
  console.log(`Wrote ${pages.length} pages under ${values.out}.`);
}
