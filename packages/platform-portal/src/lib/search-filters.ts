/**
 * The search dialog's filters. Pagefind shows a filter's values as they are written into the page,
 * so the values are the words a reader sees: "Runbook", "Release note", a service's name.
 */
export const SEARCH_KINDS = {
  guide: 'Guide',
  runbook: 'Runbook',
  service: 'Service',
  tenant: 'Tenant',
  roadmap: 'Roadmap item',
  'release-note': 'Release note',
} as const;

export type SearchKind = keyof typeof SEARCH_KINDS;

/** `data-pagefind-filter` values for a page of this kind, about this service (by its name). */
export function searchFilters(kind: SearchKind, serviceName?: string): string[] {
  return [`kind:${SEARCH_KINDS[kind]}`, ...(serviceName ? [`service:${serviceName}`] : [])];
}
