import { areaLabel, getSiteData } from './site-data.ts';
import { readRequestHistory } from '../github/request-history.ts';
import { computeScorecard } from '../lib/scorecard.ts';
import { requestWindowStart } from '../lib/scorecard-requests.ts';
import { hrefOfId } from '../lib/navigation.ts';
import { requestTypesOf } from '../requests/registry.ts';
import { hasFeedbackInsights } from './feedback-insights.ts';
import { getCampaigns } from './campaigns.ts';
import { isoDay } from '../lib/dates.ts';
import { ScorecardSchema, type Scorecard } from '../schemas/scorecard.ts';
import portal from 'virtual:platform-portal/config';

/** Requests made in this many days before the build count. */
const REQUEST_WINDOW_DAYS = 90;

/** The build's environment, with portal.config.ts's repository and branch unless it names others. */
function buildEnv() {
  const set: Record<string, string> = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  return { ...set, GITHUB_REPOSITORY: set.GITHUB_REPOSITORY ?? portal.github.repository, GITHUB_BASE_BRANCH: set.GITHUB_BASE_BRANCH ?? portal.github.baseBranch };
}

async function load(): Promise<Scorecard> {
  const data = await getSiteData();
  const now = new Date();
  const history = await readRequestHistory(buildEnv(), requestWindowStart(now, REQUEST_WINDOW_DAYS));
  if (history.status === 'unavailable') console.warn(`[scorecard] Request figures unavailable: ${history.error}`);
  const runbooks = data.docs.flatMap((d) => (d.data.kind === 'runbook' ? [{ id: d.id, title: d.data.title, lastReviewed: d.data.last_reviewed }] : []));
  const scorecard = computeScorecard({
    now,
    tenants: data.tenants.map((t) => ({ slug: t.id, name: t.data.name, onboarded: t.data.onboarded })),
    runbooks,
    reviewAgeDays: portal.runbooks.reviewAgeDays,
    roadmap: data.roadmap.map((r) => ({ id: r.id, title: r.data.title, status: r.data.status, shippedIn: r.data.shipped_in, goal: r.data.goal })),
    goals: data.goals.map((g) => ({ id: g.id, title: g.data.title })),
    changelog: data.changelog.map((n) => ({ id: n.id, title: n.data.title, date: n.data.date })),
    feedback: (await hasFeedbackInsights()) ? data.feedback.map((f) => f.data) : undefined,
    pageServices: new Map(data.docs.flatMap((d) => (d.data.service ? [[hrefOfId(d.id), d.data.service] as const] : []))),
    areaLabel: (area) => areaLabel(data, area),
    requests: {
      history,
      windowDays: REQUEST_WINDOW_DAYS,
      types: requestTypesOf(portal).map((type) => type.type),
      search: { webUrl: portal.github.webUrl, repository: portal.github.repository, branchPrefix: portal.requests.branchPrefix, labels: portal.requests.labels },
    },
    campaigns: (await getCampaigns()).all.map((c) => ({ id: c.id, title: c.data.title, open: c.open, deadline: isoDay(c.data.deadline), progress: c.progress })),
  });
  return ScorecardSchema.parse(scorecard);
}

let cached: Promise<Scorecard> | undefined;

/** The scorecard as of this build; read once per production build, so page and JSON show the same figures. */
export function getScorecard(): Promise<Scorecard> {
  if (!import.meta.env.PROD) return load();
  cached ??= load();
  return cached;
}
