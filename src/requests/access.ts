/**
 * Request access: a person or a group gets time-limited access to a tenant's resources of one
 * service, in a role the service's catalog file offers, for as many days as the catalog allows at
 * most. The grant is added to content/access/<tenant>.yaml; the tenant's owners review it.
 */
import { z } from 'zod';
import {
  accessPath,
  AccessFileSchema,
  MAX_ACCESS_DAYS,
  AccessGroupSchema,
  AccessRoleIdSchema,
  addFile,
  addListItem,
  code,
  defineRequestType,
  escapeInline,
  fileIn,
  inert,
  requestBody,
  RequestRefused,
  SlugSchema,
  tenantPath,
  tenantReviewers,
  type AccessGrantInput,
  type BuildContext,
} from 'platform-portal/requests';
import { parse } from 'yaml';
import { freeText, TenantSlugSchema } from './fields.ts';
import { readTenant } from './tenant-file.ts';

const EmailSchema = z.email('Give the email the person signs in with, e.g. dana@example.com.').max(254);

export const AccessRequestSchema = z
  .object({
    tenant: TenantSlugSchema.describe('Slug of the tenant whose resources the access is to.').meta({ choices: 'tenants' }),
    service: SlugSchema.describe('Service of the tenant the access is to.').meta({ choices: 'services' }),
    role: AccessRoleIdSchema.describe('Role the grant gives, as the service’s catalog page lists them, e.g. read.'),
    grantee_kind: z
      .enum(['person', 'group'])
      .meta({ title: 'Who gets it', labels: { person: 'A person', group: 'A group' } })
      .describe('Whether a person or a group of the identity provider gets the access.'),
    grantee: z.string().max(254).meta({ title: 'Email or group', widget: 'input' }).describe('The person’s sign-in email, or the group’s name.'),
    days: z
      .int('Give a whole number of days.')
      .min(1)
      .max(MAX_ACCESS_DAYS)
      .describe('How long the access lasts, today included; the service’s catalog page says how long it allows.')
      .meta({ unit: 'days' }),
    reason: freeText('reason', { min: 20, max: 2000 }).describe('Why the access is needed, and for what work; the owners read this first.'),
  })
  .strict()
  .superRefine((request, ctx) => {
    const schema = request.grantee_kind === 'group' ? AccessGroupSchema : EmailSchema;
    const parsed = schema.safeParse(request.grantee);
    if (!parsed.success) ctx.addIssue({ code: 'custom', path: ['grantee'], input: request.grantee, message: parsed.error.issues[0]!.message });
  });

export type AccessRequest = z.output<typeof AccessRequestSchema>;

const DAY_MS = 86_400_000;
const refuse = (field: string, title: string, message: string) => new RequestRefused('unprocessable', title, [{ path: field, message }]);

/** The grant's service, checked: the tenant uses it, it grants access on request, and has the role. */
function accessOf(request: AccessRequest, tenant: { services: Record<string, unknown> }, catalog: BuildContext['catalog']) {
  const service = catalog.get(request.service);
  if (!service) throw refuse('service', 'There is no such service.', `the catalog has no service "${request.service}"; pick one of ${[...catalog.keys()].join(', ')}`);
  if (!Object.hasOwn(tenant.services, request.service)) throw refuse('service', 'The tenant does not use this service.', `tenant ${request.tenant} has no ${service.name} quota; ask for access to a service it uses`);
  const access = service.access;
  if (!access) throw refuse('service', `${service.name} grants no access on request.`, `${service.name} grants no access through the portal; ask its owners`);
  if (!Object.hasOwn(access.roles, request.role)) throw refuse('role', 'The service has no such role.', `${service.name} has no role "${request.role}"; use one of ${Object.keys(access.roles).join(', ')}`);
  return { name: service.name, maxDays: access.max_days, role: access.roles[request.role]! };
}

/** Whether the access file already grants the same access on `today`: a second grant would only add a line to review. */
function holdsGrant(content: string | null | undefined, grant: AccessGrantInput, today: string): boolean {
  if (typeof content !== 'string') return false;
  const parsed = AccessFileSchema.safeParse(parse(content));
  if (!parsed.success) return false;
  return parsed.data.grants.some(
    (held) => held.person === grant.person && held.group === grant.group && held.service === grant.service && held.role === grant.role && held.expires.toISOString().slice(0, 10) >= today,
  );
}

export const access = defineRequestType({
  type: 'access',
  title: 'Request access',
  summary: 'Get time-limited access to a tenant’s databases, topics or buckets.',
  description: "Adds a time-limited grant to the tenant's access file; the tenant's owners approve it, and it is removed after its last day.",
  schema: AccessRequestSchema,
  example: {
    tenant: 'checkout',
    service: 'postgresql',
    role: 'read',
    grantee_kind: 'person',
    grantee: 'dana@example.com',
    days: 14,
    reason: 'Reconciling the November refunds with finance; read-only queries on the orders database.',
  },
  reads: (request) => [tenantPath(request.tenant), accessPath(request.tenant)],
  build(request, files, context) {
    const { tenant } = readTenant(files, request.tenant);
    const service = accessOf(request, tenant, context.catalog);
    const today = context.now.toISOString().slice(0, 10);
    if (request.days > service.maxDays) {
      throw refuse('days', 'The access would last too long.', `${service.name} grants access for ${service.maxDays} days at most; ask for ${service.maxDays} days or fewer`);
    }
    const expires = new Date(Date.parse(today) + (request.days - 1) * DAY_MS).toISOString().slice(0, 10);
    const who = request.grantee_kind === 'person' ? { person: request.grantee } : { group: request.grantee };
    const grant: AccessGrantInput = { ...who, service: request.service, role: request.role, reason: request.reason, granted: today, expires, requested_by: context.requester.email };
    const path = accessPath(request.tenant);
    const file = fileIn(files, path);
    if (holdsGrant(file.content, grant, today)) {
      throw new RequestRefused('conflict', 'This access is granted already.', [{ path: 'grantee', message: `${path} already grants ${request.grantee} the ${request.role} role on ${request.service} for today; ask again once it ends` }]);
    }
    const edited =
      typeof file.content === 'string'
        ? addListItem(file, ['grants'], grant)
        : addFile(file, { value: { tenant: request.tenant, grants: [grant] }, schema: AccessFileSchema, comment: `Time-limited access to ${request.tenant}'s resources; "Request access" adds grants, and the access workflow removes expired ones.` });
    const grantee = request.grantee_kind === 'person' ? request.grantee : `group ${request.grantee}`;
    return {
      branch: `${context.config.branchPrefix}/access/${request.tenant}/${request.service}-${request.role}-${request.grantee.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      title: inert(`Access for ${grantee.slice(0, 80)} to ${request.tenant} ${request.service} (${request.role})`),
      labels: ['portal-request', ...context.config.labels],
      mode: 'single',
      reviewers: tenantReviewers(tenant),
      commitMessage: inert(`Grant ${request.role} on ${request.service} of ${request.tenant} to ${grantee} until ${expires}\n\nPortal-Request: ${context.requestId}`),
      files: [edited],
      body: requestBody({
        type: 'access',
        context,
        intro: `Grants ${code(grantee)} the ${code(request.role)} role on ${escapeInline(service.name)} of tenant ${code(request.tenant)}, from ${today} to ${expires}, in ${code(path)}.`,
        rows: [
          ['Who', code(grantee)],
          ['Tenant', code(request.tenant)],
          ['Service', escapeInline(service.name)],
          ['Role', `${code(request.role)}: ${escapeInline(service.role)}`],
          ['Last day', `${expires}: ${request.days} day(s), of at most ${service.maxDays}`],
        ],
        justification: request.reason,
        justificationTitle: 'Reason',
      }),
    };
  },
});

export default access;
