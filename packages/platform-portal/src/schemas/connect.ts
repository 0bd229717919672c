/**
 * How a team connects to a service: a service's `connect` template in its catalog file, which the
 * portal renders for each tenant and environment (/tenants/<slug>/connect/<service>/). Values are
 * templates with `{{…}}` placeholders (lib/connect-template.ts): `{{tenant.<field>}}` reads the
 * tenant's file, `{{environment}}` is dev, staging or prod, and so on. No logic, no loops.
 */
import { z } from 'zod';
import { notInherited } from './keys.ts';
import { plainText, singleLine } from './text.ts';

/** Languages a snippet can be in: the key in the file, the tab's label, the highlighting. */
export const SNIPPET_LANGUAGES = {
  java: { label: 'Java', lang: 'java' },
  kotlin: { label: 'Kotlin', lang: 'kotlin' },
  go: { label: 'Go', lang: 'go' },
  python: { label: 'Python', lang: 'python' },
  javascript: { label: 'JavaScript', lang: 'js' },
  typescript: { label: 'TypeScript', lang: 'ts' },
  rust: { label: 'Rust', lang: 'rust' },
  csharp: { label: 'C#', lang: 'csharp' },
  ruby: { label: 'Ruby', lang: 'ruby' },
  cli: { label: 'CLI', lang: 'sh' },
} as const;

export const SnippetLanguageSchema = z
  .enum(Object.keys(SNIPPET_LANGUAGES) as [keyof typeof SNIPPET_LANGUAGES, ...(keyof typeof SNIPPET_LANGUAGES)[]])
  .describe('Language of a client snippet, e.g. java, go, python or cli.');
export type SnippetLanguage = z.output<typeof SnippetLanguageSchema>;

export const EndpointIdSchema = notInherited(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use lowercase letters, digits and underscores, e.g. bootstrap.')).describe(
  'Identifier of an endpoint, e.g. bootstrap; templates name it as {{endpoints.bootstrap}}.',
);

export const EndpointSchema = z
  .object({
    label: singleLine('label').min(1).describe('What the endpoint is for, e.g. "Bootstrap servers".'),
    host: singleLine('host').min(1).describe('Host name, a template, e.g. kafka.{{environment}}.nimbus.internal.'),
    port: z.int().min(1).max(65535).describe('TCP port, e.g. 9094.'),
  })
  .strict();

/**
 * A secret store path: segments of letters, digits and `._:-` or placeholders, separated by
 * slashes. A password, a key or a token has no such shape, so pasting one here fails the check.
 */
const SECRET_PATH = /^(?:[A-Za-z0-9._:-]|\{\{[a-z][a-z0-9_.-]*\}\})+(?:\/(?:[A-Za-z0-9._:-]|\{\{[a-z][a-z0-9_.-]*\}\})+)+$/;

export const CredentialsPathSchema = singleLine('credentials')
  .regex(SECRET_PATH, 'Give the path in the secret store where the credentials live, e.g. secret/data/tenants/{{tenant}}/kafka/{{environment}}; never a secret itself.')
  .describe('Where the tenant’s credentials live: a secret store path, a template, e.g. secret/data/tenants/{{tenant}}/kafka/{{environment}}. A path, never a secret.');

export const ConnectSchema = z
  .object({
    endpoints: z
      .record(EndpointIdSchema, EndpointSchema)
      .refine((e) => Object.keys(e).length >= 1, { message: 'List at least one endpoint, e.g. bootstrap: { label: Bootstrap servers, host: …, port: 9094 }.' })
      .describe('Where clients connect, keyed by id; the first is {{endpoint}}, {{host}} and {{port}} in templates.'),
    auth: singleLine('auth').min(1).describe('How clients authenticate, a template, e.g. "SASL/SCRAM-SHA-512 over TLS".'),
    credentials: CredentialsPathSchema,
    limits: z.array(singleLine('limit').min(1)).default([]).describe('Limits besides the tenant’s quotas, one line each, templates, e.g. "Messages up to 1 MB".'),
    snippets: z
      .partialRecord(SnippetLanguageSchema, plainText('snippet').min(1))
      .refine((s) => Object.keys(s).length >= 1, { message: 'Give at least one snippet, e.g. cli: kcat -b {{endpoint}} -L.' })
      .describe('Short client code per language (java, go, python, cli, …), templates; the tabs keep this order.'),
  })
  .strict();

export type Connect = z.output<typeof ConnectSchema>;
export type ConnectInput = z.input<typeof ConnectSchema>;
export type Endpoint = z.output<typeof EndpointSchema>;
