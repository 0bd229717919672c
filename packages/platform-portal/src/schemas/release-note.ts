import { z } from 'zod';
import { SlugSchema } from './slug.ts';
import { plainText, singleLine } from './text.ts';

export const ReleaseTypeSchema = z
  .enum(['feature', 'improvement', 'fix', 'deprecation', 'breaking'])
  .describe('breaking and deprecation ask tenants to act.');

export type ReleaseType = z.infer<typeof ReleaseTypeSchema>;

/** How each type reads on the site: its badge, the changelog's filter and the filtered pages' titles. */
export const RELEASE_TYPE_LABELS: Record<ReleaseType, string> = {
  feature: 'Feature',
  improvement: 'Improvement',
  fix: 'Fix',
  deprecation: 'Deprecation',
  breaking: 'Breaking change',
};

export const ReleaseNoteSchema = z
  .object({
    title: singleLine('title').min(1).max(120).describe('What changed, in a few words.'),
    date: z.coerce.date(),
    version: z.string().regex(/^v?\d+\.\d+(\.\d+)?$/, 'Use a version like 3.2 or v3.2.1.').optional(),
    type: ReleaseTypeSchema,
    areas: z.array(SlugSchema).min(1).describe('Services or themes the change touches.'),
    summary: plainText('summary').min(1).max(300).describe('One or two sentences for lists and feeds.'),
    roadmap: z.array(z.string().min(1)).default([]).describe('Ids of the roadmap items this release ships.'),
    action_required: plainText('action required').optional().describe('What tenants must do, and by when; required for breaking and deprecation.'),
  })
  .strict()
  .refine((n) => !['breaking', 'deprecation'].includes(n.type) || n.action_required, {
    message: 'a breaking change or deprecation says what tenants must do',
    path: ['action_required'],
  });

export type ReleaseNote = z.output<typeof ReleaseNoteSchema>;
