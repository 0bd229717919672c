/** "My requests": the signed-in person's requests and the live state of their pull requests. */
import { useEffect, useState } from 'react';
import { age } from './age.ts';
import type { RequestSummary } from '../schemas/request-summary.ts';
import '../styles/forms.css';


interface Props {
  /** Display names of the request types, by type. */
  typeTitles: Record<string, string>;
  /** The repository's pull requests filtered by the portal-request label. */
  allRequestsUrl: string;
}

type Load =
  | { state: 'loading' }
  | { state: 'loaded'; requester: string; requests: RequestSummary[]; at: Date }
  | { state: 'error'; title: string; detail: string };

const STATES = { open: 'Open', merged: 'Merged', closed: 'Closed' } as const;

async function fetchRequests(): Promise<Load> {
  try {
    const response = await fetch('/api/requests', { headers: { accept: 'application/json, application/problem+json' }, credentials: 'same-origin' });
    const body = await response.json().catch(() => undefined);
    if (response.ok && body && Array.isArray(body.requests)) {
      return { state: 'loaded', requester: String(body.requester ?? ''), requests: body.requests as RequestSummary[], at: new Date() };
    }
    return {
      state: 'error',
      title: typeof body?.title === 'string' ? body.title : `The portal answered ${response.status}`,
      detail: typeof body?.detail === 'string' ? body.detail : 'Try again in a moment.',
    };
  } catch {
    return { state: 'error', title: 'The portal could not be reached', detail: 'Check your connection and try again.' };
  }
}

function When({ label, iso, now }: { label: string; iso: string; now: Date }) {
  const date = new Date(iso);
  return (
    <span>
      {label} <time dateTime={iso} title={date.toUTCString()}>{age(date, now)}</time>
    </span>
  );
}

export default function MyRequests({ typeTitles, allRequestsUrl }: Props) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const reload = () => {
    setLoad({ state: 'loading' });
    void fetchRequests().then(setLoad);
  };
  useEffect(reload, []);

  return (
    <div className="portal-form not-content my-requests" aria-busy={load.state === 'loading'}>
      {load.state === 'loading' && <p role="status">Loading your requests…</p>}
      {load.state === 'error' && (
        <div role="alert" className="notice notice--error">
          <p>
            <strong>{load.title}.</strong> {load.detail}
          </p>
          <p className="portal-form__actions">
            <button type="button" className="button button--primary" onClick={reload}>
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
            request: <a href="/request/onboarding/">onboard a team</a>, <a href="/request/capacity/">change capacity</a> or{' '}
            <a href="/request/feedback/">give feedback</a>.
          </p>
        </div>
      )}
      {load.state === 'loaded' && load.requests.length > 0 && (
        <>
          <p role="status">
            {load.requests.length} request{load.requests.length === 1 ? '' : 's'}{load.requester && <> by {load.requester}</>}, newest first.
          </p>
          <ul className="request-list">
            {load.requests.map((r) => (
              <li key={`${r.pullRequest.number}-${r.id}`} className="request-item">
                <a className="request-item__title" href={r.pullRequest.url}>
                  {r.title}
                </a>
                <p className="request-item__meta">
                  <span className={`state state--${r.state}`}>{STATES[r.state] ?? r.state}</span>
                  <span>{typeTitles[r.type] ?? r.type}</span>
                  <span>#{r.pullRequest.number}</span>
                  <When label="opened" iso={r.createdAt} now={load.at} />
                  {r.mergedAt ? <When label="merged" iso={r.mergedAt} now={load.at} /> : r.closedAt && <When label="closed" iso={r.closedAt} now={load.at} />}
                </p>
              </li>
            ))}
          </ul>
          <p className="portal-form__actions">
            <button type="button" className="button" onClick={reload}>
              Refresh
            </button>
            <a href={allRequestsUrl}>All portal requests on GitHub</a>
          </p>
        </>
      )}
    </div>
  );
}
