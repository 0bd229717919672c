import { z } from 'zod';
import { SlugSchema } from './slug.ts';
import { ServiceIdSchema } from './docs-page.ts';
import { QuotaUnitIdSchema } from './service.ts';

/** One daily sample: `[date, value]`, the value in the unit of the quota (e.g. GB). */
export const UsagePointSchema = z.tuple([z.iso.date('Use a date like 2026-11-25.'), z.number().nonnegative()]);

export const UsageSeriesSchema = z
  .object({
    service: ServiceIdSchema,
    unit: QuotaUnitIdSchema,
    points: z
      .array(UsagePointSchema)
      .describe('Daily samples, oldest first, one per date.')
      .refine((points) => points.every((p, i) => i === 0 || p[0] > points[i - 1]![0]), {
        message: 'Dates must be in increasing order with no date twice; sort the points by date.',
      }),
  })
  .strict();

/** What `platform-portal usage export` writes to content/usage/<tenant>.json. */
export const UsageFileSchema = z
  .object({
    tenant: SlugSchema.describe('Slug of the tenant; also the file name, content/usage/<tenant>.json.'),
    fetched_at: z.iso.datetime({ offset: true }).describe('When the exporter asked Prometheus.'),
    series: z.array(UsageSeriesSchema).describe('One series per service and quota unit that has a usage query.'),
  })
  .strict();

export type UsagePoint = z.output<typeof UsagePointSchema>;
export type UsageSeries = z.output<typeof UsageSeriesSchema>;
export type UsageFile = z.output<typeof UsageFileSchema>;

export { usagePath } from './content-paths.ts';
