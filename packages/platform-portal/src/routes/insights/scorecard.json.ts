import type { APIRoute } from 'astro';
import { getScorecard } from '../../data/scorecard.ts';

/** The scorecard's figures as data, validated by ScorecardSchema; the same object the page renders. */
export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await getScorecard(), null, 2), { headers: { 'content-type': 'application/json' } });
