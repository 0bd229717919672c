/**
 * Page health for authors: merged feedback joined to the docs pages it is about. Pure; the
 * insights page renders it. Readers never see these figures on the pages themselves.
 */
import type { FeedbackEntry } from '../schemas/feedback.ts';
import { normalizedPage, feedbackArea, ratingsOf, worstFirst, type Ratings } from './feedback-stats.ts';

export interface HealthPage {
  /** Site path with its trailing slash, as the docs link it. */
  href: string;
  title: string;
  /** Catalog service the page is about, if any: its feedback counts for that area too. */
  service?: string | undefined;
}

export interface HealthComment {
  submitted: Date;
  rating: number;
  message: string;
}

interface Rated {
  ratings: Ratings;
  /** Non-empty messages, newest first. */
  comments: HealthComment[];
}

export interface PageHealthRow extends Rated {
  page: HealthPage;
}

/** Feedback on a path that is not a docs page (moved, removed, or a portal page). */
export interface ElsewhereRow extends Rated {
  path: string;
}

export interface AreaRow {
  area: string;
  ratings: Ratings;
}

export interface PageHealth {
  /** Docs pages with feedback, lowest average first; ties: more feedback first. */
  pages: PageHealthRow[];
  elsewhere: ElsewhereRow[];
  /** Feedback per service or theme: the area it names, or else its page's service. Most feedback first. */
  areas: AreaRow[];
  /** Docs pages nobody has rated yet. */
  unrated: HealthPage[];
}

function rated(entries: readonly FeedbackEntry[]): Rated {
  const comments = entries
    .filter((e) => e.message !== '')
    .map((e) => ({ submitted: e.submitted, rating: e.rating, message: e.message }))
    .sort((a, b) => b.submitted.getTime() - a.submitted.getTime());
  return { ratings: ratingsOf(entries), comments };
}

export function pageHealth(feedback: readonly FeedbackEntry[], docs: readonly HealthPage[]): PageHealth {
  const byHref = new Map(docs.map((page) => [normalizedPage(page.href), page]));
  const onPages = Map.groupBy(
    feedback.filter((e) => e.page),
    (e) => normalizedPage(e.page!),
  );

  const pages: PageHealthRow[] = [];
  const elsewhere: ElsewhereRow[] = [];
  for (const [path, entries] of onPages) {
    const page = byHref.get(path);
    if (page) pages.push({ page, ...rated(entries) });
    else elsewhere.push({ path, ...rated(entries) });
  }
  pages.sort((a, b) => worstFirst(a.ratings, b.ratings) || a.page.title.localeCompare(b.page.title));
  elsewhere.sort((a, b) => worstFirst(a.ratings, b.ratings) || a.path.localeCompare(b.path));

  const areaOf = (e: FeedbackEntry) => feedbackArea(e, (path) => byHref.get(path)?.service);
  const areas = [...Map.groupBy(feedback.filter(areaOf), (e) => areaOf(e)!)].map(([area, entries]) => ({ area, ratings: ratingsOf(entries) }));
  areas.sort((a, b) => b.ratings.count - a.ratings.count || worstFirst(a.ratings, b.ratings) || a.area.localeCompare(b.area));

  const unrated = docs.filter((page) => !onPages.has(normalizedPage(page.href)));
  return { pages, elsewhere, areas, unrated };
}
