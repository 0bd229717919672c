/**
 * A tenant's file as the site's request types read it: the fields they need, checked, the rest left
 * to the content check.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { RequestRefused, tenantPath, type RepoFile } from 'platform-portal/requests';
import { KafkaTopicsSchema } from '../schemas/kafka-topic.ts';


const TenantFileSchema = z
  .object({
    name: z.string(),
    slug: z.string(),
    owners: z.array(z.string()).min(1),
    onboarded: z.union([z.string(), z.date()]).optional(),
    services: z.record(z.string(), z.record(z.string(), z.number())),
    kafka_topics: KafkaTopicsSchema.optional(),
  })
  .loose();

export type TenantFile = z.output<typeof TenantFileSchema>;

/** A quota of the tenant, own keys only; undefined when it has none. */
export function quotaOf(tenant: TenantFile, service: string, unit: string): number | undefined {
  const units = Object.hasOwn(tenant.services, service) ? tenant.services[service] : undefined;
  return units && Object.hasOwn(units, unit) ? units[unit] : undefined;
}

/** The tenant's file from the files `reads` named: refused, naming `tenant`, when it is missing or not valid. */
export function readTenant(files: ReadonlyMap<string, RepoFile>, slug: string): { path: string; tenant: TenantFile } {
  const path = tenantPath(slug);
  const file = files.get(path);
  if (!file) throw new RequestRefused('not-found', `There is no tenant "${slug}".`, [{ path: 'tenant', message: `${path} does not exist; pick a tenant of content/tenants/` }]);
  const invalid = (why: string) => new RequestRefused('unprocessable', `${path} on the base branch is not valid; fix it first.`, [{ path: 'tenant', message: `${path} ${why}` }]);
  let data: unknown;
  try {
    data = parse(file.content);
  } catch (error) {
    throw invalid(`is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = TenantFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(`→ ${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  if (parsed.data.slug !== slug) throw invalid(`has the slug "${parsed.data.slug}", not "${slug}"`);
  return { path, tenant: parsed.data };
}
