/** What an onboarding request holds: the form checks it in the browser, the function again on the server. */
import { z } from 'zod';
import { TenantSchema } from '../schemas/tenant.ts';
import { plainText } from '../schemas/text.ts';

export const OnboardingRequestSchema = TenantSchema.pick({
  name: true,
  slug: true,
  description: true,
  owners: true,
  contact: true,
  cost_centre: true,
  environments: true,
  data_classification: true,
  services: true,
})
  .extend({
    justification: plainText('justification')
      .trim()
      .min(20, 'Say in a sentence or two what you will run on the platform (20 characters at least).')
      .max(2000)
      .describe('What the team will run on the platform and why now; the reviewer reads this first.'),
  })
  .strict()
  .refine((r) => Object.values(r.services).some((units) => Object.keys(units).length > 0), {
    message: 'Ask for at least one service with one quota.',
    path: ['services'],
  });

export type OnboardingRequest = z.output<typeof OnboardingRequestSchema>;
export type OnboardingRequestInput = z.input<typeof OnboardingRequestSchema>;
