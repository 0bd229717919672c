import { stringify } from 'yaml';
import { FeedbackEntrySchema } from '../schemas/feedback.ts';
import { FeedbackRequestSchema } from './feedback-schema.ts';
import { isoMonth, isoWeek } from '../lib/dates.ts';
import { feedbackRollingSummary, feedbackSummary } from './feedback-summary.ts';
import { inert } from '../lib/markdown.ts';
import type { BuildContext, RequestType } from './types.ts';

export function feedbackPeriod(context: Pick<BuildContext, 'now' | 'config'>): string {
  return context.config.feedbackPeriod === 'month' ? isoMonth(context.now) : isoWeek(context.now);
}

export const feedbackFolder = (period: string) => `content/feedback/${period}/`;

/** File of one submission; named by the request id, so a retry writes the same file again. */
export const feedbackPath = (period: string, requestId: string) => `${feedbackFolder(period)}${requestId.slice(0, 16)}.yaml`;

export const feedback: RequestType<typeof FeedbackRequestSchema> = {
  type: 'feedback',
  title: 'Give feedback',
  summary: 'Tell us what works and what does not.',
  description: "Adds one file under content/feedback/ to the period's rolling feedback pull request.",
  schema: FeedbackRequestSchema,
  example: {
    page: '/guides/kafka-quickstart/',
    rating: 4,
    category: 'docs',
    message: 'Clear steps. An example for consumers in Go would help.',
  },
  reads: () => [],
  build(request, _files, context) {
    const period = feedbackPeriod(context);
    const entry = FeedbackEntrySchema.parse({ ...request, submitted: context.now.toISOString() });
    // The file keeps the message as typed: GitHub links no mention or reference in a file or a
    // diff. The pull request's body quotes it through the summary, made inert there.
    const { submitted, ...fields } = entry;
    const content = stringify({ ...fields, submitted: submitted.toISOString() }, { lineWidth: 0 });
    const file = { path: feedbackPath(period, context.requestId), content };
    const summary = { period, folder: feedbackFolder(period), marker: { id: context.requestId, type: 'feedback', requester: context.requesterHash } };
    return {
      branch: `${context.config.branchPrefix}/feedback/${period}`,
      title: inert(`Feedback for ${period}`),
      labels: ['portal-request', ...context.config.labels],
      mode: 'rolling',
      commitMessage: inert(`Feedback on ${request.page ?? request.area} (${request.rating}/5)\n\nPortal-Request: ${context.requestId}`),
      files: [file],
      body: feedbackSummary([file], summary),
      summary: feedbackRollingSummary(summary),
    };
  },
};
