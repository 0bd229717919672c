/** "My requests": the signed-in person's requests and where each stands, from opened to live. */
import { useEffect, useState, type ReactNode } from 'react';
import { age, duration } from './age.ts';
import { ownValue } from '../lib/records.ts';
import type { BuildInfo } from '../schemas/build-info.ts';
import type { RequestList, RequestSummary } from '../schemas/request-summary.ts';
import '../styles/forms.css';

interface Props {
  /** The site's request types, in its order: their names and what they are called. */
  types: { type: string; title: string }[];
  /** The repository's pull requests filtered by the portal-request label. */
  allRequestsUrl: string;
}

type Load =
  | { state: 'loading' }
  | ({ state: 'loaded'; at: Date } & RequestList)
  | { state: 'error'; title: string; detail: string };

const STAGES = { open: 'Open', merged: 'Merged', live: 'Live', closed: 'Closed' } as const;
const REVIEW = { none: 'waiting for a reviewer', requested: 'review requested', 'changes-requested': 'changes requested', approved: 'approved' } as const;
const CHECKS = { none: 'none reported yet', pending: 'running', failing: 'failing', passing: 'passing' } as const;

/** A step is done, being worked on, held up, or still ahead; the mark repeats what the text says. */
type StepState = 'done' | 'current' | 'blocked' | 'todo';
const MARKS: Record<StepState, string> = { done: '✓', current: '●', blocked: '✕', todo: '○' };
// No checks yet is no pass: a workflow reports a few seconds after the pull request opens.
const CHECK_STEPS: Record<keyof typeof CHECKS, StepState> = { none: 'todo', pending: 'current', failing: 'blocked', passing: 'done' };

interface Step {
  label: string;
  detail: ReactNode;
  state: StepState;
}

/** `fresh`: past the list the portal kept for a few seconds, for a person who asked to refresh. */
async function fetchRequests(fresh: boolean): Promise<Load> {
  try {
    const headers = { accept: 'application/json, application/problem+json', ...(fresh ? { 'cache-control': 'no-cache' } : {}) };
    const response = await fetch('/api/requests', { headers, credentials: 'same-origin' });
    const body = await response.json().catch(() => undefined);
    if (response.ok && body && Array.isArray(body.requests)) return { state: 'loaded', at: new Date(), ...(body as RequestList) };
    return {
      state: 'error',
      title: typeof body?.title === 'string' ? body.title : `The portal answered ${response.status}`,
      detail: typeof body?.detail === 'string' ? body.detail : 'Try again in a moment.',
    };
  } catch {
    return { state: 'error', title: 'The portal could not be reached', detail: 'Check your connection and try again.' };
  }
}

function When({ label, iso, now }: { label?: string; iso: string; now: Date }) {
  const date = new Date(iso);
  return (
    <span>
      {label && `${label} `}
      <time dateTime={iso} title={date.toUTCString()}>{age(date, now)}</time>
    </span>
  );
}

const short = (sha: string) => <code>{sha.slice(0, 7)}</code>;

function reviewStep(r: RequestSummary): Step {
  if (r.state !== 'open') return { label: 'Review', detail: 'finished', state: 'done' };
  if (r.review === null) return { label: 'Review', detail: 'see the pull request', state: 'todo' };
  const state = r.review === 'approved' ? 'done' : r.review === 'changes-requested' ? 'blocked' : 'current';
  return { label: 'Review', detail: REVIEW[r.review], state };
}

function checksStep(r: RequestSummary): Step {
  if (r.state !== 'open') return { label: 'Checks', detail: 'finished', state: 'done' };
  if (r.checks === null) return { label: 'Checks', detail: 'see the pull request', state: 'todo' };
  return { label: 'Checks', detail: CHECKS[r.checks], state: CHECK_STEPS[r.checks] };
}

function liveStep(r: RequestSummary, build: BuildInfo | null): Step {
  if (r.state !== 'merged') return { label: 'Live', detail: 'after the merge, once the site is rebuilt', state: 'todo' };
  if (r.live) return { label: 'Live', detail: <>in the site you are on{r.timeToLive !== null && <>, {duration(r.timeToLive)} after the merge</>}</>, state: 'done' };
  if (r.live === false && build?.commit) return { label: 'Live', detail: <>not yet: the site you are on was built from {short(build.commit)}, before this merge</>, state: 'current' };
  return { label: 'Live', detail: build?.commit ? <>unknown: GitHub cannot compare this merge with {short(build.commit)}, the commit the site was built from</> : 'unknown: the site does not say which commit it was built from', state: 'todo' };
}

function steps(r: RequestSummary, build: BuildInfo | null, now: Date): Step[] {
  const review = reviewStep(r);
  const checks = checksStep(r);
  const ready = review.state === 'done' && checks.state === 'done';
  const merged: Step =
    r.state === 'merged' && r.mergedAt
      ? { label: 'Merged', detail: <When iso={r.mergedAt} now={now} />, state: 'done' }
      : { label: 'Merged', detail: ready ? 'ready to merge' : 'not yet', state: ready ? 'current' : 'todo' };
  return [{ label: 'Opened', detail: <When iso={r.createdAt} now={now} />, state: 'done' }, review, checks, merged, liveStep(r, build)];
}

function Progress({ request, build, now }: { request: RequestSummary; build: BuildInfo | null; now: Date }) {
  const list = steps(request, build, now);
  const current = list.findIndex((step) => step.state !== 'done');
  return (
    <ol className="lifecycle" aria-label={`Progress of request #${request.pullRequest.number}`}>
      {list.map((step, i) => (
        <li key={step.label} className={`lifecycle__step lifecycle__step--${step.state}`} aria-current={i === current ? 'step' : undefined}>
          <span className="lifecycle__mark" aria-hidden="true">{MARKS[step.state]}</span>
          <span className="lifecycle__label">{step.label}:</span> {step.detail}
        </li>
      ))}
    </ol>
  );
}

function RequestItem({ request: r, title, build, now }: { request: RequestSummary; title: string; build: BuildInfo | null; now: Date }) {
  return (
    <li className="request-item">
      <a className="request-item__title" href={r.pullRequest.url}>
        {r.title}
      </a>
      <p className="request-item__meta">
        <span className={`state state--${r.stage}`}>{STAGES[r.stage] ?? r.stage}</span>
        <span>{title}</span>
        <span>#{r.pullRequest.number}</span>
        {r.timeToMerge !== null && <span>Time to merge: {duration(r.timeToMerge)}</span>}
        {r.timeToLive !== null && <span>Time to live: {duration(r.timeToLive)}</span>}
        {r.stage === 'closed' && r.closedAt && <When label="closed without merging" iso={r.closedAt} now={now} />}
      </p>
      {r.stage !== 'closed' && <Progress request={r} build={build} now={now} />}
    </li>
  );
}

export default function MyRequests({ types, allRequestsUrl }: Props) {
  const typeTitles = Object.fromEntries(types.map((t) => [t.type, t.title]));
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const reload = (fresh: boolean) => {
    setLoad({ state: 'loading' });
    void fetchRequests(fresh).then(setLoad);
  };
  useEffect(() => reload(false), []);

  return (
    <div className="portal-form not-content my-requests" aria-busy={load.state === 'loading'}>
      {load.state === 'loading' && <p role="status">Loading your requests…</p>}
      {load.state === 'error' && (
        <div role="alert" className="notice notice--error">
          <p>
            <strong>{load.title}.</strong> {load.detail}
          </p>
          <p className="portal-form__actions">
            <button type="button" className="button button--primary" onClick={() => reload(true)}>
              Try again
            </button>
            <a href={allRequestsUrl}>All portal requests on GitHub</a>
          </p>
        </div>
      )}
      {load.state === 'loaded' && load.requests.length === 0 && (
        <div className="notice">
          <p>
            <strong>No requests yet</strong>{load.requester && <> for {load.requester}</>}. Requests you make here show up with the state of their pull
            request:
          </p>
          <ul>
            {types.map((t) => (
              <li key={t.type}>
                <a href={`/request/${t.type}/`}>{t.title}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {load.state === 'loaded' && load.requests.length > 0 && (
        <>
          <p role="status">
            {load.requests.length} request{load.requests.length === 1 ? '' : 's'}{load.requester && <> by {load.requester}</>}, newest first.
          </p>
          <ul className="request-list">
            {load.requests.map((r) => (
              <RequestItem key={`${r.pullRequest.number}-${r.id}`} request={r} title={ownValue(typeTitles, r.type) ?? r.type} build={load.build} now={load.at} />
            ))}
          </ul>
          <p className="request-list__note">
            <strong>Time to merge</strong> runs from opening the request to merging it. <strong>Time to live</strong> runs from the merge to the
            build of the site you are on
            {load.build && (
              <>
                {' '}
                (built <time dateTime={load.build.builtAt}>{age(new Date(load.build.builtAt), load.at)}</time>
                {load.build.commit && <> from {short(load.build.commit)}</>})
              </>
            )}
            ; an earlier build may already have carried the change.
          </p>
          <p className="portal-form__actions">
            <button type="button" className="button" onClick={() => reload(true)}>
              Refresh
            </button>
            <a href={allRequestsUrl}>All portal requests on GitHub</a>
          </p>
        </>
      )}
    </div>
  );
}
