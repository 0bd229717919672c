/**
 * Fields the site's request types share, made from the portal's own text schemas so that they
 * refuse what the built-in types refuse (line breaks of every kind, controls, direction marks).
 */
import { plainText, SlugSchema } from 'platform-portal/requests';

/** A tenant's slug, as the portal's tenant schema has it: also the name of its file. */
export const TenantSlugSchema = SlugSchema.describe('Slug of the tenant, as in content/tenants/<slug>.yaml.').meta({ title: 'Tenant', choices: 'tenants' });

/** Free text a reviewer reads, such as a justification: lines and tabs as typed, nothing hidden. */
export function freeText(what: string, { min, max }: { min: number; max: number }) {
  return plainText(what)
    .trim()
    .min(min, `Say a little more in the ${what} (${min} characters at least).`)
    .max(max, `Keep the ${what} to ${max} characters.`);
}
