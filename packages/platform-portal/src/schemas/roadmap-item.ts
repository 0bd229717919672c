import { z } from 'zod';
import { SlugSchema } from './slug.ts';
import { plainText, singleLine } from './text.ts';
import { WebUrlSchema } from './url.ts';

export const RoadmapStatusSchema = z
  .enum(['now', 'next', 'later', 'shipped', 'dropped'])
  .describe('now: being built; next: starts after now; later: planned, not scheduled; shipped; dropped.');

export const QuarterSchema = z.string().regex(/^\d{4}-Q[1-4]$/, 'Use the form 2026-Q3.');

export const RoadmapItemSchema = z
  .object({
    title: singleLine('title').min(1).max(120).describe('What is being built, in a few words.'),
    summary: plainText('summary').min(1).max(300).describe('One or two sentences for the board card.'),
    status: RoadmapStatusSchema,
    area: SlugSchema.describe('Service id from the catalog, or a theme such as developer-experience.'),
    quarter: QuarterSchema.optional().describe('Quarter the item is planned for or shipped in.'),
    target: z.coerce.date().optional().describe('Target date, when one is promised.'),
    issue: WebUrlSchema.optional().describe('Link to the tracking issue.'),
    shipped_in: z.string().min(1).optional().describe('Id of the changelog entry that shipped it (its file name without extension).'),
    goal: SlugSchema.optional().describe('Id of the goal it serves (content/direction/goals/<id>.md), or maintenance for upkeep that serves none.'),
  })
  .strict()
  .refine((i) => i.status !== 'shipped' || i.shipped_in, {
    message: 'a shipped item names the release note that shipped it',
    path: ['shipped_in'],
  })
  .refine((i) => i.status === 'shipped' || !i.shipped_in, {
    message: 'only a shipped item has shipped_in; set status: shipped or remove it',
    path: ['shipped_in'],
  });

export type RoadmapItem = z.output<typeof RoadmapItemSchema>;
