/**
 * What the request pages pass to their islands at build time, and the lazy step to the preview:
 * `diff`, the preview helper and the request type's change builder (with `yaml`) load only when the
 * person asks to see the pull request.
 */
import type { z } from 'zod';
import type { Service } from '../schemas/service.ts';
import type { BuildContext, RepoFile, RequestType } from '../requests/types.ts';
import type { PreviewBuilder } from './use-request-form.ts';

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

/** A field's `.describe()` text, the form's help (STYLE.md: every field says what it is). */
export function describe(schema: z.ZodObject, key: string): string | undefined {
  return schema.shape[key]?.description;
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
