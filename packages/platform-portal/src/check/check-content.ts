/**
 * The content's checks without a build: each file against its kind's schema (the site's own, with
 * its extensions), then the rules across files. `platform-portal check` and a build's first step.
 */
import type { ZodType } from 'zod';
import { z } from 'zod';
import type { ContentKind } from '../collections/layout.ts';
import { contentProblems, type ContentSet, type Entry } from '../lib/content-integrity.ts';
import { problemsFromZod, type Problem } from '../lib/problems.ts';
import { lostTextProblems, yamlOf } from '../lib/yaml-lost-text.ts';
import { kindOfDocsPath } from '../schemas/docs-page.ts';
import { isoDay } from '../lib/dates.ts';
import { fieldSchema } from '../lib/field-words.ts';
import type { RawEntry } from './read-content.ts';

/** A collection's schema, as Astro takes it: a zod type, or a function of the image helper (docs). */
export type CollectionSchema = ZodType | ((context: { image: () => ZodType }) => ZodType);

export type KindSchemas = Record<ContentKind, CollectionSchema>;

/** Kinds people write by hand (access grants too, when the platform team edits one): the API and the usage exporter write theirs with a serializer. */
const HAND_WRITTEN = new Set<ContentKind>(['docs', 'services', 'tenants', 'roadmap', 'changelog', 'access', 'people', 'campaigns', 'campaignStates', 'incidents', 'maintenance', 'mission', 'goals']);

/** Images are checked by the build, which has the files' URLs: here an image is its path. */
const schemaContext = { image: () => z.string() };

function resolveSchema(schema: CollectionSchema): ZodType {
  return typeof schema === 'function' ? schema(schemaContext) : schema;
}

/** A value a YAML comment cut short, in a file people write by hand (see lib/yaml-lost-text.ts). */
function lostText(entry: RawEntry): Problem[] {
  const yaml = HAND_WRITTEN.has(entry.kind) ? yamlOf(entry.source, entry.file) : undefined;
  return yaml === undefined ? [] : lostTextProblems(yaml, entry.file);
}

function dataOf(entry: RawEntry): unknown {
  // The docs loader adds the page's kind from its folder (collections/docs.ts).
  return entry.kind === 'docs' ? { ...(entry.data as object), kind: kindOfDocsPath(entry.id) } : entry.data;
}

interface Parsed {
  entry: RawEntry;
  data: unknown;
}

/**
 * Every problem of the content, errors and warnings. Rules across files run once every file fits
 * its schema, as in a build: a file that does not parse would only add problems that follow from it.
 */
/** What the rules across files need besides the files: from portal.config.ts, and the day they are checked on. */
export interface CheckOptions {
  themes: readonly string[];
  approvers: readonly string[];
  /** YYYY-MM-DD; today by default. */
  today?: string | undefined;
}

export function checkContent(entries: RawEntry[], schemas: KindSchemas, options: CheckOptions): Problem[] {
  const resolved = new Map<ContentKind, ZodType>();
  const problems: Problem[] = [];
  const parsed: Parsed[] = [];
  for (const entry of entries) {
    let schema = resolved.get(entry.kind);
    if (!schema) resolved.set(entry.kind, (schema = resolveSchema(schemas[entry.kind])));
    const result = schema.safeParse(dataOf(entry));
    if (result.success) parsed.push({ entry, data: result.data });
    else problems.push(...problemsFromZod(result.error, { file: entry.file, schema }));
  }
  if (problems.length > 0) return problems;
  const tenantSchema = resolved.get('tenants') ?? resolveSchema(schemas.tenants);
  // A strict object answers an unknown key with its catchall, never: no field.
  const tenantHasField = (path: string) => !['never', undefined].includes(fieldSchema(tenantSchema, path.split('.'))?._zod.def.type);
  return [...entries.flatMap(lostText), ...contentProblems({ ...contentSet(parsed), themes: options.themes, approvers: options.approvers, today: options.today ?? isoDay(new Date()), tenantHasField })];
}

function contentSet(parsed: Parsed[]): Omit<ContentSet, 'themes' | 'approvers' | 'today' | 'tenantHasField'> {
  const of = <T>(kind: ContentKind): Entry<T>[] =>
    parsed.filter((p) => p.entry.kind === kind).map((p) => ({ id: p.entry.id, file: p.entry.file, data: p.data as T }));
  return {
    docs: of<{ kind: 'guide' | 'runbook' | 'page'; service?: string }>('docs').map((d) => ({ id: d.id, file: d.file, kind: d.data.kind, service: d.data.service })),
    services: of('services'),
    tenants: of('tenants'),
    roadmap: of('roadmap'),
    changelog: of('changelog'),
    usage: of('usage'),
    access: of('access'),
    people: of('people'),
    campaigns: of('campaigns'),
    campaignStates: of('campaignStates'),
    incidents: of('incidents'),
    maintenance: of('maintenance'),
    goals: of('goals'),
  };
}
