import type { APIRoute } from 'astro';
import { getSiteData } from '../data/site-data.ts';
import type { CatalogFile } from '../schemas/service.ts';

/** The service catalog as data, for the requests API and for anyone scripting against the platform. */
export const GET: APIRoute = async () => {
  const data = await getSiteData();
  const file: CatalogFile = { services: Object.fromEntries(data.services.map((s) => [s.id, s.data])) };
  return new Response(JSON.stringify(file), { headers: { 'content-type': 'application/json' } });
};
