/**
 * Time-limited access to a tenant's resources: what a service lets people ask for (its catalog
 * file's `access`), and the grants a tenant holds (content/access/<tenant>.yaml). A grant has an
 * expiry; the build flags the ones past it, and `platform-portal access expire` removes them.
 */
import { z } from 'zod';
import { EmailSchema } from './email.ts';
import { ServiceIdSchema } from './docs-page.ts';
import { keyedRecord, notInherited } from './keys.ts';
import { SlugSchema } from './slug.ts';
import { plainText, singleLine } from './text.ts';

/** Longest a service may let a grant last: a year; longer is standing access, which belongs in the tenant's own roles. */
export const MAX_ACCESS_DAYS = 365;

export const AccessRoleIdSchema = notInherited(
  z
    .string()
    .max(40, 'A role has 40 characters at most.')
    .regex(/^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/, 'Use lowercase letters, digits, hyphens or underscores, e.g. read or read_write.'),
).describe('Identifier of a role, e.g. read.');

/** A group as an identity provider names it: also a path segment and a YAML scalar, so nothing that needs quoting. */
export const AccessGroupSchema = z
  .string()
  .max(64, 'A group name has 64 characters at most.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Use the group name as the identity provider has it: letters, digits, dots, hyphens and underscores, e.g. data-science.')
  .describe('Group of the identity provider that gets the access.');

export const ServiceAccessSchema = z
  .object({
    max_days: z.int().min(1).max(MAX_ACCESS_DAYS).describe('Longest a grant may last, in days from the day it is granted.'),
    roles: keyedRecord(AccessRoleIdSchema, singleLine('role').min(1).max(200), { max: 10, entries: 'roles' }).describe(
      'Roles a grant may give, each with what it allows, e.g. read: Read-only queries on the tenant’s databases.',
    ),
  })
  .strict()
  .refine((access) => Object.keys(access.roles).length > 0, { message: 'List at least one role a grant may give.', path: ['roles'] });

export const AccessGrantSchema = z
  .object({
    person: EmailSchema.optional().describe('Email of the person who gets the access.'),
    group: AccessGroupSchema.optional(),
    service: ServiceIdSchema.describe('Service of the tenant the access is to.'),
    role: AccessRoleIdSchema.describe('Role the grant gives, one of the service’s access roles.'),
    reason: plainText('reason').trim().min(1).max(2000).describe('Why the access is needed.'),
    granted: z.coerce.date().describe('Day the grant starts.'),
    expires: z.coerce.date().describe('Last day of the grant; from the day after, it is expired.'),
    requested_by: EmailSchema.optional().describe('Who asked for the grant.'),
  })
  .strict()
  .refine((grant) => (grant.person === undefined) !== (grant.group === undefined), {
    message: 'Name either a person (an email) or a group, not both and not neither.',
    path: ['person'],
  })
  .refine((grant) => grant.expires.getTime() >= grant.granted.getTime(), { message: 'The grant expires before it starts; set expires on or after granted.', path: ['expires'] });

export const AccessFileSchema = z
  .object({
    tenant: SlugSchema.describe('Slug of the tenant; also the file name, content/access/<tenant>.yaml.'),
    grants: z.array(AccessGrantSchema).max(500, 'A tenant holds 500 grants at most; remove the expired ones.').default([]),
  })
  .strict();

export type ServiceAccess = z.output<typeof ServiceAccessSchema>;
export type AccessGrant = z.output<typeof AccessGrantSchema>;
export type AccessGrantInput = z.input<typeof AccessGrantSchema>;
export type AccessFile = z.output<typeof AccessFileSchema>;

/** Where a tenant's access grants live in the config repository. */
export const accessPath = (tenant: string) => `content/access/${tenant}.yaml`;

/** Who a grant is for, as people read it: the person's email or `group <name>`. */
export const granteeOf = (grant: Pick<AccessGrant, 'person' | 'group'>): string => grant.person ?? `group ${grant.group}`;

/** Whether the grant's last day is before `today` (YYYY-MM-DD). */
export const isExpired = (grant: Pick<AccessGrant, 'expires'>, today: string): boolean => grant.expires.toISOString().slice(0, 10) < today;
