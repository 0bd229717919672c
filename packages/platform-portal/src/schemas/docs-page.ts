import { z } from 'zod';
import { notInherited } from './keys.ts';
import { singleLine } from './text.ts';

/** Identifier of a catalog service, e.g. `kafka`; also the name of its file in content/services/. */
export const ServiceIdSchema = notInherited(
  z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and hyphens, e.g. object-storage.'),
).describe('Identifier of a service in the catalog (content/services/<id>.yaml).');

export const SeveritySchema = z
  .enum(['sev1', 'sev2', 'sev3', 'sev4'])
  .describe('Severity of the incidents this runbook answers: sev1 (outage) to sev4 (minor).');

/** The kind of a docs page follows from its folder; see `kindOfDocsPath`. */
export const DocsKindSchema = z.enum(['guide', 'runbook', 'page']);
export type DocsKind = z.output<typeof DocsKindSchema>;

const GuideFields = z.object({
  kind: z.literal(['guide', 'page']),
  service: ServiceIdSchema.optional(),
});

const RunbookFields = z.object({
  kind: z.literal('runbook'),
  service: ServiceIdSchema,
  owner: singleLine('owner').min(1).describe('Team that owns the runbook and answers for it, e.g. data-streaming.'),
  severity: SeveritySchema,
  alerts: z.array(singleLine('alert name').min(1)).min(1).describe('Names of the alerts this runbook answers.'),
  last_reviewed: z.coerce.date().describe('Date someone last walked through the runbook and confirmed it still works.'),
});

/**
 * Frontmatter the portal adds to Starlight's own. `kind` is not written by authors: the loader
 * sets it from the folder, so a file under runbooks/ must carry every runbook field.
 */
export const DocsPageFields = z.discriminatedUnion('kind', [GuideFields, RunbookFields]);

/**
 * The same with a site's own fields on every kind of page. Starlight merges an extension of its
 * docs schema option by option for a union, and would drop its own fields for any other wrapper.
 */
export function docsPageFieldsWith(fields: z.ZodRawShape) {
  return z.discriminatedUnion('kind', [GuideFields.safeExtend(fields), RunbookFields.safeExtend(fields)]);
}
export type RunbookFrontmatter = z.output<typeof RunbookFields>;

export function kindOfDocsPath(pathInDocs: string): DocsKind {
  const top = pathInDocs.split('/')[0];
  if (top === 'runbooks') return 'runbook';
  if (top === 'guides') return 'guide';
  return 'page';
}
