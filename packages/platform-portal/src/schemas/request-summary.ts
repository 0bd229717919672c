import { z } from 'zod';
import { BuildInfoSchema } from './build-info.ts';

export const RequestStageSchema = z
  .enum(['open', 'merged', 'live', 'closed'])
  .describe('Where the request is: open (in review), merged, live (the merge is in the deployed site), or closed without merging.');

export const ReviewStateSchema = z
  .enum(['none', 'requested', 'changes-requested', 'approved'])
  .describe("Latest review of each reviewer, combined: any changes requested, else any approval, else reviewers asked but not answered, else none.");

export const ChecksStateSchema = z
  .enum(['none', 'pending', 'failing', 'passing'])
  .describe('Commit statuses and check runs of the head commit, combined: any failing, else any pending, else passing; none when there are none.');

const seconds = z.number().int().min(0).nullable();

/** One of a person's requests as GET /api/requests lists it, with its pull request's live state. */
export const RequestSummarySchema = z.object({
  id: z.string().describe('Id of the submission, from its Idempotency-Key or its content.'),
  type: z.string().describe('Request type: onboarding, capacity or feedback.'),
  title: z.string().describe("The pull request's title."),
  state: z.enum(['open', 'merged', 'closed']).describe("The pull request's state on GitHub."),
  stage: RequestStageSchema,
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  mergedAt: z.string().nullable(),
  review: ReviewStateSchema.nullable().describe('null when not looked up: the request is not open, or beyond the newest ones looked up.'),
  checks: ChecksStateSchema.nullable().describe('null when not looked up, as review.'),
  live: z.boolean().nullable().describe('Whether the merge commit is in the commit the deployed site was built from; null when not merged or not known.'),
  timeToMerge: seconds.describe('Seconds from opening to merging; null until merged.'),
  timeToLive: seconds.describe('Seconds from merging to the build of the deployed site (its builtAt); null until live. An earlier build may already have carried the change.'),
  pullRequest: z.object({ number: z.number().int(), url: z.url() }),
});

/** The answer of GET /api/requests. */
export const RequestListSchema = z.object({
  requester: z.string().describe('Email of the signed-in person.'),
  build: BuildInfoSchema.nullable().describe('What the deployed site was built from; null when it has no /build.json.'),
  requests: z.array(RequestSummarySchema).describe('Newest first.'),
});

export type RequestStage = z.output<typeof RequestStageSchema>;
export type ReviewState = z.output<typeof ReviewStateSchema>;
export type ChecksState = z.output<typeof ChecksStateSchema>;
export type RequestSummary = z.output<typeof RequestSummarySchema>;
export type RequestList = z.output<typeof RequestListSchema>;
