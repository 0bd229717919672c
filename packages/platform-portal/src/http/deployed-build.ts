import { BuildInfoSchema, type BuildInfo } from '../schemas/build-info.ts';
import type { PagesContext } from './pages.ts';

/** What the deployed site was built from, read from its /build.json; null for a build without one. */
export async function loadDeployedBuild({ request, env }: PagesContext): Promise<BuildInfo | null> {
  const response = await env.ASSETS.fetch(new URL('/build.json', request.url));
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`/build.json answered ${response.status}; rebuild and redeploy the site`);
  return BuildInfoSchema.parse(await response.json());
}
