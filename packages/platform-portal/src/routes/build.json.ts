import type { APIRoute } from 'astro';
import { buildInfo } from '../data/build-info.ts';

/** What this build was made from and when: the requests API tells from it whether a merged request is live. */
export const GET: APIRoute = () => new Response(JSON.stringify(buildInfo()), { headers: { 'content-type': 'application/json' } });
