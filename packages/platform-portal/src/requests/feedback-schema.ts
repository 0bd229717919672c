/** What a feedback request holds: the form checks it in the browser, the function again on the server. */
import { z } from 'zod';
import { FeedbackEntrySchema } from '../schemas/feedback.ts';

export const FeedbackRequestSchema = FeedbackEntrySchema.omit({ submitted: true }).refine((f) => f.page || f.area, {
  message: 'Say which page or area the feedback is about.',
  path: ['page'],
});

export type FeedbackRequest = z.output<typeof FeedbackRequestSchema>;
export type FeedbackRequestInput = z.input<typeof FeedbackRequestSchema>;
