/** The part of Cloudflare Pages Functions' context the portal uses. */
export interface PagesContext {
  request: Request;
  env: Record<string, unknown> & { ASSETS: { fetch(input: Request | string | URL, init?: RequestInit): Promise<Response> } };
  params: Record<string, string | string[]>;
}

export type PagesHandler = (context: PagesContext) => Promise<Response>;
