/**
 * A service's `connect` template (schemas/connect.ts) filled in for one tenant and environment:
 * what the tenant's connect page shows. Pure: the catalog entry, the tenant's data and the
 * environment in, the values out, or the gaps that keep a template from being filled.
 *
 * The syntax: `{{name}}`, no spaces inside the braces. Each placeholder is replaced once, in one
 * pass, so a value holding `{{…}}` is printed as it is, never expanded. Braces with spaces or other
 * characters inside (`{{ .Data.data.password }}` of a Vault Agent template) are code, kept as
 * written; a known name written with spaces (`{{ tenant.slug }}`) is a mistake and said so.
 */
import { SNIPPET_LANGUAGES, type Connect, type SnippetLanguage } from '../schemas/connect.ts';
import type { Service } from '../schemas/service.ts';
import type { Environment, Tenant } from '../schemas/tenant.ts';
import { isoDay } from './dates.ts';
import { ownValue } from './records.ts';

/** What a placeholder stands for. */
export type Placeholder =
  /** `{{tenant}}` (the slug, as in usage queries) or `{{tenant.<path>}}`: `path` is empty for the slug. */
  | { kind: 'tenant'; path: string[] }
  | { kind: 'environment' }
  | { kind: 'credentials' }
  /** `{{endpoint}}`, `{{host}}`, `{{port}}` (the first endpoint), `{{endpoints.<id>}}`, `{{endpoints.<id>.host}}`, `{{endpoints.<id>.port}}`. */
  | { kind: 'endpoint'; id: string | undefined; part: 'address' | 'host' | 'port' };

/** Where a template's text goes: an address (host, secret path) and code are pasted into programs and shells; text is read. */
export type TemplateUse = 'address' | 'code' | 'text';

export interface Template {
  /** Path of the template in the service file, e.g. connect.snippets.java. */
  path: string;
  text: string;
  use: TemplateUse;
}

const BRACES = /\{\{([^{}]*)\}\}/g;
const NAME = /^[a-z][a-z0-9_.-]*$/;
const ROOTS = /^(tenant|environment|credentials|endpoints?|host|port)\b/;

/** The placeholder a name stands for; undefined when the name is none of the syntax's. */
export function placeholderOf(name: string): Placeholder | undefined {
  if (name === 'tenant') return { kind: 'tenant', path: [] };
  if (name.startsWith('tenant.')) {
    const path = name.slice('tenant.'.length).split('.');
    return path.every((key) => key.length > 0) ? { kind: 'tenant', path } : undefined;
  }
  if (name === 'environment') return { kind: 'environment' };
  if (name === 'credentials') return { kind: 'credentials' };
  if (name === 'endpoint') return { kind: 'endpoint', id: undefined, part: 'address' };
  if (name === 'host' || name === 'port') return { kind: 'endpoint', id: undefined, part: name };
  const endpoint = /^endpoints\.([a-z][a-z0-9_]*)(?:\.(host|port))?$/.exec(name);
  if (endpoint) return { kind: 'endpoint', id: endpoint[1], part: (endpoint[2] as 'host' | 'port' | undefined) ?? 'address' };
  return undefined;
}

export interface Found {
  /** As written, braces included. */
  raw: string;
  placeholder?: Placeholder | undefined;
  /** Why it is not a placeholder the syntax knows, worded for the person who wrote it. */
  problem?: string | undefined;
}

/** The placeholders of a template, and the braces that look like one but are not. Code in braces with spaces is not listed. */
export function placeholdersIn(text: string): Found[] {
  const found: Found[] = [];
  for (const [raw, inner = ''] of text.matchAll(BRACES)) {
    if (NAME.test(inner)) {
      const placeholder = placeholderOf(inner);
      found.push(placeholder ? { raw, placeholder } : { raw, problem: `${raw} is not a placeholder; use {{tenant.<field>}}, {{environment}}, {{credentials}}, {{endpoint}}, {{host}}, {{port}} or {{endpoints.<id>}}` });
    } else if (ROOTS.test(inner.trim()) && NAME.test(inner.trim())) {
      found.push({ raw, problem: `${raw} has spaces inside the braces, so it would be printed as it is; write {{${inner.trim()}}}` });
    }
  }
  return found;
}

/** Every template of a connect entry, with where it sits in the service file and where its text goes. */
export function templatesOf(connect: Connect): Template[] {
  return [
    ...Object.entries(connect.endpoints).map(([id, e]) => ({ path: `connect.endpoints.${id}.host`, text: e.host, use: 'address' as const })),
    { path: 'connect.credentials', text: connect.credentials, use: 'address' },
    { path: 'connect.auth', text: connect.auth, use: 'text' },
    ...connect.limits.map((text, i) => ({ path: `connect.limits[${i}]`, text, use: 'text' as const })),
    ...Object.entries(connect.snippets).map(([language, text]) => ({ path: `connect.snippets.${language}`, text, use: 'code' as const })),
  ];
}

/** An address is filled before anything else, from the tenant and the environment alone. */
export const usableIn = (placeholder: Placeholder, use: TemplateUse): boolean => use !== 'address' || placeholder.kind === 'tenant' || placeholder.kind === 'environment';

/** Why a placeholder is refused in an address, after its name. */
export const ADDRESS_ONLY = "cannot be used here; an endpoint's host and the credentials path take {{tenant…}} and {{environment}} only";

/**
 * What a value pasted into code or a shell may hold: letters, digits and `._:/@+=,-`. No quote,
 * space, `$`, backtick or backslash can close a string or start a command in any of the snippet
 * languages, so a tenant's value cannot change what the code does.
 */
const CODE_SAFE = /^[A-Za-z0-9._:/@+=,-]*$/;

/** Why a template could not be filled: the template, the placeholder, and the tenant's field when one is to blame. */
export interface ConnectGap {
  /** Path of the template in the service file, e.g. connect.snippets.java. */
  template: string;
  /** As written, e.g. {{tenant.kafka_user}}. */
  placeholder: string;
  /** missing, composite, unsafe: the tenant's field (`field`) is to blame; placeholder: the template is. */
  reason: 'missing' | 'composite' | 'unsafe' | 'placeholder';
  /** Dotted path in the tenant's file, e.g. services.kafka.partitions. */
  field?: string | undefined;
  /** What is wrong, a clause without the file: "the tenant file has no kafka_user". */
  message: string;
}

export interface ConnectEndpoint {
  id: string;
  label: string;
  host: string;
  port: number;
  /** host:port */
  address: string;
}

export interface ConnectSnippet {
  language: SnippetLanguage;
  /** The tab's label, e.g. Java. */
  label: string;
  /** Expressive Code's language, e.g. sh. */
  lang: string;
  code: string;
}

export interface ConnectView {
  environment: Environment;
  endpoints: ConnectEndpoint[];
  auth: string;
  credentials: string;
  limits: string[];
  snippets: ConnectSnippet[];
}

/** A tenant's field as text: a string, a number, a boolean or a date; undefined for anything else. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return isoDay(value);
  return undefined;
}

function tenantValue(tenant: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let at: unknown = tenant;
  for (const key of path) at = at !== null && typeof at === 'object' && !Array.isArray(at) ? ownValue(at as Record<string, unknown>, key) : undefined;
  return at;
}

/**
 * The connect entry of one service, filled in for one tenant and environment. The tenant is its
 * data as parsed, with the site's own fields. Every gap is listed, not only the first: a template
 * that names a field the tenant lacks, a field that is a list or a group, a value that is not safe
 * in code, a placeholder the syntax does not know.
 */
export function renderConnect(connect: Connect, tenant: Readonly<Record<string, unknown>>, environment: Environment): { view?: ConnectView; gaps: ConnectGap[] } {
  const gaps: ConnectGap[] = [];
  const fill = (template: Template, known: (p: Placeholder) => string | undefined): string =>
    template.text.replace(BRACES, (raw) => {
      const [found] = placeholdersIn(raw);
      if (!found) return raw;
      const gap = (reason: ConnectGap['reason'], message: string, field?: string) => {
        gaps.push({ template: template.path, placeholder: raw, reason, field, message });
        return raw;
      };
      if (!found.placeholder) return gap('placeholder', found.problem!);
      if (!usableIn(found.placeholder, template.use)) return gap('placeholder', `${raw} ${ADDRESS_ONLY}`);
      const { placeholder } = found;
      if (placeholder.kind === 'tenant') {
        const field = placeholder.path.length === 0 ? 'slug' : placeholder.path.join('.');
        const value = tenantValue(tenant, field.split('.'));
        const text = scalarText(value);
        if (value === undefined || value === null) return gap('missing', `the tenant file has no ${field}`, field);
        if (text === undefined) return gap('composite', `${field} is ${Array.isArray(value) ? 'a list' : 'a group of fields'}, not one value; name one of its fields`, field);
        if (template.use !== 'text' && !CODE_SAFE.test(text)) {
          return gap('unsafe', `${field} is ${JSON.stringify(text)}, which has characters that could change the code it is pasted into (only letters, digits and ._:/@+=,- are safe there)`, field);
        }
        return text;
      }
      const value = known(placeholder);
      return value ?? gap('placeholder', `${raw} names no endpoint of connect.endpoints (${Object.keys(connect.endpoints).join(', ')})`);
    });

  const early = (p: Placeholder) => (p.kind === 'environment' ? environment : undefined);
  const endpoints: ConnectEndpoint[] = Object.entries(connect.endpoints).map(([id, e]) => {
    const host = fill({ path: `connect.endpoints.${id}.host`, text: e.host, use: 'address' }, early);
    return { id, label: e.label, host, port: e.port, address: `${host}:${e.port}` };
  });
  const credentials = fill({ path: 'connect.credentials', text: connect.credentials, use: 'address' }, early);
  const known = (p: Placeholder): string | undefined => {
    if (p.kind === 'environment') return environment;
    if (p.kind === 'credentials') return credentials;
    if (p.kind !== 'endpoint') return undefined;
    const endpoint = p.id === undefined ? endpoints[0] : endpoints.find((e) => e.id === p.id);
    return endpoint && { address: endpoint.address, host: endpoint.host, port: String(endpoint.port) }[p.part];
  };
  const auth = fill({ path: 'connect.auth', text: connect.auth, use: 'text' }, known);
  const limits = connect.limits.map((text, i) => fill({ path: `connect.limits[${i}]`, text, use: 'text' }, known));
  const snippets = (Object.entries(connect.snippets) as [SnippetLanguage, string][]).map(([language, text]) => ({
    language,
    ...SNIPPET_LANGUAGES[language],
    code: fill({ path: `connect.snippets.${language}`, text, use: 'code' }, known),
  }));
  return gaps.length > 0 ? { gaps } : { view: { environment, endpoints, auth, credentials, limits, snippets }, gaps };
}

/** The services of the catalog a tenant has a connect page of: those it uses that have a template, in the tenant file's order. */
export function connectServices<S extends { id: string; data: Service }>(tenant: Tenant, services: readonly S[]): S[] {
  return Object.keys(tenant.services).flatMap((id) => services.filter((s) => s.id === id && s.data.connect !== undefined));
}

/** Where a tenant's connect page of a service is. */
export const connectPath = (tenant: string, service: string): string => `/tenants/${tenant}/connect/${service}/`;
