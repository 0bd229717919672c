import { CatalogFileSchema, type Service } from '../schemas/service.ts';
import type { PagesContext } from './pages.ts';

/** The service catalog as deployed with the site: the functions need no GitHub call for it. */
export async function loadCatalog({ request, env }: PagesContext): Promise<Map<string, Service>> {
  const response = await env.ASSETS.fetch(new URL('/catalog.json', request.url));
  if (!response.ok) throw new Error(`/catalog.json answered ${response.status}; build the site before starting the functions`);
  return new Map(Object.entries(CatalogFileSchema.parse(await response.json()).services));
}
