/**
 * What the request pages pass to their islands at build time, and the lazy steps: the type's zod
 * check loads when the person starts on the form; `diff`, the preview helper and the request
 * type's change builder (with `yaml`) load only when the person asks to see the pull request. The
 * words the form shows from the schema (help, choices) are read by the page, so that the island's
 * first load carries no zod.
 */
import type { z } from 'zod';
import type { Service } from '../schemas/service.ts';
import type { BuildContext, RepoFile, RequestType } from '../requests/types.ts';
import type { Check, PreviewBuilder } from './use-request-form.ts';

/** A catalog service as the page passes it: the id and the parsed file. */
export interface CatalogService {
  id: string;
  service: Service;
}

/** The `requests` block of portal.config.ts, resolved for one request type. */
export type RequestConfig = BuildContext['config'];

export function catalogMap(services: readonly CatalogService[]): ReadonlyMap<string, Service> {
  return new Map(services.map((s) => [s.id, s.service]));
}

/** Each field's `.describe()` text, the form's help (STYLE.md: every field says what it is). */
export type FieldHelp = Readonly<Record<string, string | undefined>>;

/** The help of every field of a request schema; read by the page at build time. */
export function fieldHelp(schema: z.ZodObject): FieldHelp {
  return Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, (field as z.ZodType).description]));
}

/** The values of an enum of the schema and its `.describe()` text, for a group of choices. */
export interface Choices<T extends string = string> {
  options: readonly T[];
  help: string | undefined;
}

/** An enum's choices; read by the page at build time. */
export function choicesOf<T extends string>(schema: z.ZodEnum<{ [K in T]: K }>): Choices<T> {
  return { options: schema.options, help: schema.description };
}

/** The check with the request type's zod schema, whose module is still loading: problems worded as the server words them. */
export async function loadCheck(loadingSchema: Promise<z.ZodType>): Promise<Check> {
  const [{ zodCheck }, schema] = await Promise.all([import('./zod-check.ts'), loadingSchema]);
  return zodCheck(schema);
}

/** The preview builder for a request type, whose module is still loading, with the base-branch files the page knows. */
export async function loadPreview<S extends z.ZodType>(
  loadingType: Promise<RequestType<S>>,
  services: readonly CatalogService[],
  config: RequestConfig,
  files: ReadonlyMap<string, RepoFile>,
): Promise<PreviewBuilder> {
  const [{ buildPreview, previewContext }, type] = await Promise.all([import('../lib/preview.ts'), loadingType]);
  const catalog = catalogMap(services);
  return (request) => buildPreview(type, request as z.output<S>, files, previewContext({ catalog, config, now: new Date() }));
}

/** Today in UTC, as the request builders compare dates. */
export const today = () => new Date().toISOString().slice(0, 10);
