/**
 * What a capacity request holds, and how it is checked against the tenant's usage: the form checks
 * it in the browser, the function again on the server.
 */
import { z } from 'zod';
import { SlugSchema } from '../schemas/slug.ts';
import { plainText } from '../schemas/text.ts';
import { ServiceIdSchema } from '../schemas/docs-page.ts';
import { QuotaUnitIdSchema } from '../schemas/service.ts';
import { UsageFileSchema, usagePath } from '../schemas/usage.ts';
import { problemsFromZod } from '../lib/problems.ts';
import { RequestRefused, type RepoFile } from './types.ts';

export const CapacityRequestSchema = z
  .object({
    tenant: SlugSchema.describe('Slug of the tenant whose quota changes.'),
    service: ServiceIdSchema,
    unit: QuotaUnitIdSchema,
    value: z.number().nonnegative().max(1_000_000_000).describe('The quota you need, in the unit of the service catalog.'),
    justification: plainText('justification')
      .trim()
      .min(20, 'Say why you need it, e.g. the growth or the launch behind it (20 characters at least).')
      .max(2000)
      .describe('Why the quota must change; the reviewer reads this first.'),
    needed_by: z.iso.date('Use a date like 2026-12-31.').describe('Date by which the new quota must be live.'),
  })
  .strict();

export type CapacityRequest = z.output<typeof CapacityRequestSchema>;
export type CapacityRequestInput = z.input<typeof CapacityRequestSchema>;

/** The usage series of one quota from the tenant's usage file; undefined when the file or the series is missing. */
export function usagePoints(files: ReadonlyMap<string, RepoFile>, tenant: string, service: string, unit: string) {
  const path = usagePath(tenant);
  const file = files.get(path);
  if (!file) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(file.content);
  } catch {
    throw new RequestRefused('unprocessable', `${path} on the base branch is not JSON; run platform-portal usage export again.`, [{ path: 'tenant', message: `${path} is not valid JSON` }]);
  }
  const parsed = UsageFileSchema.safeParse(json);
  if (!parsed.success) throw new RequestRefused('unprocessable', `${path} on the base branch is not valid; fix it first.`, problemsFromZod(parsed.error, path));
  return parsed.data.series.find((s) => s.service === service && s.unit === unit)?.points;
}
