import { z } from 'zod';
import { SlugSchema } from './slug.ts';
import { EmailSchema } from './email.ts';
import { plainText } from './text.ts';
import { SITE_PATH, SITE_PATH_MAX } from './content-paths.ts';

export const FeedbackCategorySchema = z
  .enum(['docs', 'service', 'portal', 'process', 'other'])
  .describe('What the feedback is about: a docs page, a service, this portal, how we work, or anything else.');

/** A site path such as /guides/kafka-quickstart/: no scheme, host, query or dot segments. */
export const SitePathSchema = z
  .string()
  .max(SITE_PATH_MAX)
  .regex(SITE_PATH, 'Use a path on this site, e.g. /guides/getting-started/.');

/** One piece of feedback as stored in content/feedback/<period>/<id>.yaml. */
export const FeedbackEntrySchema = z
  .object({
    page: SitePathSchema.optional().describe('Page the feedback is about.'),
    area: SlugSchema.optional().describe('Service or theme the feedback is about.'),
    rating: z.number().int().min(1).max(5).describe('1 (very poor) to 5 (very good).'),
    category: FeedbackCategorySchema,
    message: plainText('message').trim().max(2000).default('').describe('What worked, what did not; plain text.'),
    contact: EmailSchema.optional().describe('Where the team may answer you; leave empty to stay anonymous.'),
    submitted: z.coerce.date().describe('When the feedback was given.'),
  })
  .strict();

export type FeedbackEntry = z.output<typeof FeedbackEntrySchema>;
