import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { flattenLinks, sidebarFor } from '../lib/navigation.ts';
import { getNavModel, lastCommitDate } from './nav-data.ts';
import { storedHtmlFile } from '../accel/docs-html.ts';
import StoredContent from '../accel/StoredContent.astro';
import { cachedTranslations } from '../accel/cached-translations.ts';
import { accelerated } from 'virtual:platform-portal/accel';
import { serviceBanner } from '../data/status.ts';

export const onRequest = defineRouteMiddleware(async (context) => {
  if (accelerated) context.locals.t = cachedTranslations(context.locals.t);
  const route = context.locals.starlightRoute;
  // Only an accelerated build keeps pages' HTML in files (the docs loader empties a store that has them otherwise).
  if (storedHtmlFile(route.entry)) route.Content = StoredContent;
  const sidebar = sidebarFor(await getNavModel(), context.url.pathname);
  route.sidebar = sidebar;

  // Prev/next stay inside the current section, like a chapter of a book.
  const section = sidebar.find((e) => e.type === 'group' && flattenLinks(e.entries).some((l) => l.isCurrent));
  const links = section?.type === 'group' ? flattenLinks(section.entries) : [];
  const at = links.findIndex((l) => l.isCurrent);
  const { prev, next } = route.entry.data;
  route.pagination = {
    prev: at > 0 && prev !== false ? links[at - 1] : undefined,
    next: at >= 0 && next !== false ? links[at + 1] : undefined,
  };

  // A guide or runbook of a service with an open incident or window carries the status banner,
  // through Starlight's public `banner` route data; a new entry object, as the collection's is shared.
  const service = route.entry.data.service;
  if (service) {
    const banner = await serviceBanner(service, route.entry.data.banner?.content);
    if (banner !== route.entry.data.banner?.content) route.entry = { ...route.entry, data: { ...route.entry.data, banner: banner === undefined ? undefined : { content: banner } } };
  }

  if (route.entry.filePath && route.entry.data.lastUpdated !== false) {
    const date = route.entry.data.lastUpdated instanceof Date ? route.entry.data.lastUpdated : lastCommitDate(route.entry.filePath);
    if (date) route.lastUpdated = date;
  }
});
