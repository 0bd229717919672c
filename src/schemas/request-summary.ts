import { z } from 'zod';

/** One of a person's requests as GET /api/requests lists it, with its pull request's live state. */
export const RequestSummarySchema = z.object({
  id: z.string().describe('Id of the submission, from its Idempotency-Key or its content.'),
  type: z.string().describe('Request type: onboarding, capacity or feedback.'),
  title: z.string().describe("The pull request's title."),
  state: z.enum(['open', 'merged', 'closed']),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  mergedAt: z.string().nullable(),
  pullRequest: z.object({ number: z.number().int(), url: z.url() }),
});

export type RequestSummary = z.output<typeof RequestSummarySchema>;
