import path from 'node:path';
import { serveStatic, type StaticServer } from './static-server.ts';

interface PagefindResult {
  url: string;
  filters: Record<string, string[]>;
  /** The page's indexed text. */
  content: string;
}

export interface PagefindClient {
  search(term: string, filters?: Record<string, string>): Promise<PagefindResult[]>;
  filters(): Promise<Record<string, Record<string, number>>>;
  close(): Promise<void>;
}

/**
 * Loads the built site's own Pagefind bundle in Node, fetching its index over HTTP as a browser
 * would: what it finds is what a reader's search finds.
 */
export async function openPagefind(distDir: string): Promise<PagefindClient> {
  const server: StaticServer = await serveStatic(distDir);
  const pagefind = await import(path.join(distDir, 'pagefind/pagefind.js'));
  await pagefind.options({ basePath: `${server.url}/pagefind/`, baseUrl: '/' });
  await pagefind.init();
  return {
    async search(term, filters) {
      const found = await pagefind.search(term, filters ? { filters } : {});
      return Promise.all(found.results.map(async (r: { data(): Promise<PagefindResult> }) => r.data()));
    },
    filters: () => pagefind.filters(),
    close: () => server.close(),
  };
}
