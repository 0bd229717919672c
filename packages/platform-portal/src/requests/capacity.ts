import { parse } from 'yaml';
import { TenantSchema, tenantPath } from '../schemas/tenant.ts';
import { usagePath } from '../schemas/usage.ts';
import { problemsFromZod } from '../lib/problems.ts';
import { formatNumber } from '../lib/numbers.ts';
import { summarizeUsage, type InsightsConfig } from '../lib/usage-forecast.ts';
import { belowUsageProblem, describeExhaustion } from '../lib/usage-text.ts';
import { code, escapeInline, inert } from '../lib/markdown.ts';
import { ownValue } from '../lib/records.ts';
import { formatIsoDay, isoDay } from '../lib/dates.ts';
import { fileIn, setValue } from '../changes/index.ts';
import { CapacityRequestSchema, usagePoints } from './capacity-schema.ts';
import { tenantReviewers } from './tenant-reviewers.ts';
import { requestBody } from './pr-body.ts';
import { RequestRefused, type RequestType } from './types.ts';

/**
 * The tenant file as this request reads it: the portal's fields, checked; a site's own fields
 * (`portalCollections({ extend })`) are the content check's to judge, and this request changes one quota.
 */
const TenantFileSchema = TenantSchema.loose();

function formatDelta(current: number | undefined, requested: number): string {
  if (current === undefined) return 'new quota';
  const delta = requested - current;
  const sign = delta > 0 ? '+' : '';
  const percent = current > 0 ? ` (${sign}${Math.round((delta / current) * 1000) / 10}%)` : '';
  return `${sign}${formatNumber(delta)}${percent}`;
}

/** The reviewer's evidence: usage today, its trend, and when the quota runs out before and after the change. */
function usageRows(points: readonly [string, number][] | undefined, current: number | undefined, requested: number, unitName: string, insights: InsightsConfig): [string, string][] {
  const now = points && summarizeUsage(points, current ?? 0, insights);
  const after = points && summarizeUsage(points, requested, insights);
  if (!now || !after) return [['Usage', 'no usage data yet']];
  const growth = now.growthOverTrend;
  const percent = now.percentUsed === undefined ? '' : ` (${formatNumber(Math.round(now.percentUsed * 10) / 10)}% of the current quota)`;
  return [
    ['Usage', `${formatNumber(now.current)} ${unitName} on ${formatIsoDay(now.asOf)}${percent}`],
    [`Growth, last ${now.trendDays} days`, growth === undefined ? 'not enough data for a trend' : `${growth >= 0 ? '+' : ''}${formatNumber(growth)} ${unitName} (least-squares trend)`],
    ['Runs out at the current quota', describeExhaustion(now.exhaustion)],
    ['Runs out at the requested quota', describeExhaustion(after.exhaustion)],
  ];
}

export const capacity: RequestType<typeof CapacityRequestSchema> = {
  type: 'capacity',
  title: 'Change capacity',
  summary: 'Raise or lower a quota, with a planner to size it.',
  description: "Changes one quota value in the tenant's file, keeping its comments and layout.",
  schema: CapacityRequestSchema,
  example: {
    tenant: 'checkout',
    service: 'kafka',
    unit: 'partitions',
    value: 144,
    justification: 'Black Friday traffic doubles the order rate; we add consumers and need the partitions for them.',
    needed_by: '2026-12-15',
  },
  reads: (request) => [tenantPath(request.tenant), usagePath(request.tenant)],
  build(request, files, context) {
    const path = tenantPath(request.tenant);
    const file = files.get(path);
    if (!file) throw new RequestRefused('not-found', `There is no tenant "${request.tenant}". Onboard it first.`, [{ path: 'tenant', message: `${path} does not exist` }]);
    const service = context.catalog.get(request.service);
    if (!service) throw new RequestRefused('unprocessable', 'Unknown service.', [{ path: 'service', message: `the catalog has no service "${request.service}"` }]);
    const unit = ownValue(service.quotas, request.unit);
    if (!unit) {
      throw new RequestRefused('unprocessable', 'Unknown quota unit.', [
        { path: 'unit', message: `${service.name} has no quota unit "${request.unit}"; use one of ${Object.keys(service.quotas).join(', ')}` },
      ]);
    }
    if (request.value > unit.maximum) {
      throw new RequestRefused('unprocessable', 'The value is above the maximum.', [
        { path: 'value', message: `${request.value} is above the maximum ${unit.maximum} ${unit.unit} for ${service.name} ${unit.label}; ask the ${service.owner} team for an exception` },
      ]);
    }
    if (request.needed_by < isoDay(context.now)) {
      throw new RequestRefused('unprocessable', 'The date is in the past.', [{ path: 'needed_by', message: `${formatIsoDay(request.needed_by)} is in the past; pick today or later` }]);
    }
    const parsed = TenantFileSchema.safeParse(parse(file.content));
    if (!parsed.success) throw new RequestRefused('unprocessable', `${path} on the base branch is not valid; fix it first.`, problemsFromZod(parsed.error, path));
    const current = ownValue(ownValue(parsed.data.services, request.service), request.unit);
    if (current === request.value) {
      throw new RequestRefused('unprocessable', 'Nothing to change.', [{ path: 'value', message: `the quota is already ${current} ${unit.unit}` }]);
    }
    const points = usagePoints(files, request.tenant, request.service, request.unit);
    const below = belowUsageProblem(request.value, points && summarizeUsage(points, current ?? 0, context.config.insights), unit.unit);
    if (below) throw new RequestRefused('unprocessable', 'The value is below what is in use.', [below]);
    // The one value changes where it stands; a new unit or service goes at the end of its map.
    const edited = setValue(fileIn(files, path), ['services', request.service, request.unit], request.value);

    const delta = formatDelta(current, request.value);
    const unitName = escapeInline(unit.unit);
    const amount = (value: number) => `${formatNumber(value)} ${unitName}`;
    return {
      branch: `${context.config.branchPrefix}/capacity/${request.tenant}/${request.service}-${request.unit.replace(/_/g, '-')}`,
      title: inert(`Capacity: ${request.tenant} ${service.name} ${request.unit} ${current ?? 0} → ${request.value}`),
      labels: ['portal-request', ...context.config.labels],
      mode: 'single',
      reviewers: tenantReviewers(parsed.data),
      commitMessage: inert(`Set ${request.tenant} ${request.service}.${request.unit} to ${request.value}\n\nPortal-Request: ${context.requestId}`),
      files: [edited],
      body: requestBody({
        type: 'capacity',
        context,
        intro: `Changes the ${escapeInline(service.name)} ${escapeInline(unit.label)} quota of tenant ${code(request.tenant)} in ${code(path)}.`,
        rows: [
          ['Tenant', code(request.tenant)],
          ['Service', escapeInline(service.name)],
          ['Unit', `${code(request.unit)} (${unitName})`],
          ['Current', current === undefined ? 'not set' : amount(current)],
          ['Requested', amount(request.value)],
          ['Change', delta],
          ['Maximum', amount(unit.maximum)],
          ['Needed by', formatIsoDay(request.needed_by)],
          ...usageRows(points, current, request.value, unitName, context.config.insights),
        ],
        justification: request.justification,
      }),
    };
  },
};
