/** Arithmetic shared by the feedback pull request's summary and the page health table. */

export interface Ratings {
  count: number;
  /** Mean rating; 0 when there is none. */
  average: number;
}

export function ratingsOf(entries: readonly { rating: number }[]): Ratings {
  const count = entries.length;
  return { count, average: count === 0 ? 0 : entries.reduce((sum, entry) => sum + entry.rating, 0) / count };
}

/** `3.4`: one decimal, the precision five-point ratings deserve. */
export function formatAverage(ratings: Ratings): string {
  return ratings.count === 0 ? '–' : ratings.average.toFixed(1);
}

/** Lowest average first; with equal averages, the one more people rated. */
export function worstFirst(a: Ratings, b: Ratings): number {
  return a.average - b.average || b.count - a.count;
}

/** A page path as the site links it, with its trailing slash: `/guides/x` and `/guides/x/` are one page. */
export function normalizedPage(page: string): string {
  return page.endsWith('/') ? page : `${page}/`;
}

/** The area feedback counts for: the service or theme it names, or else the service of the page it is about. */
export function feedbackArea(entry: { area?: string | undefined; page?: string | undefined }, serviceOfPage: (path: string) => string | undefined): string | undefined {
  return entry.area ?? (entry.page ? serviceOfPage(normalizedPage(entry.page)) : undefined);
}
