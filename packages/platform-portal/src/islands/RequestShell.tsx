/**
 * What every request form shares around its fields: the error summary, the actions, the live
 * region, the preview and the result once the pull request is open.
 */
import type { ReactNode } from 'react';
import { fieldId, partId } from './field-paths.ts';
import { PreviewPanel } from './PreviewPanel.tsx';
import type { RequestForm } from './use-request-form.ts';

interface Props<V> {
  host: RequestForm<V>;
  /** Said when the answer is an existing pull request (200), e.g. a rolling one this request joined. */
  joined?: string;
  /** What the preview says about the files it was computed from. */
  previewNote: ReactNode;
  children: ReactNode;
}

function ErrorSummary<V>({ host }: { host: RequestForm<V> }) {
  const count = host.summary.length;
  return (
    <div className="error-summary" aria-labelledby={partId(host.form, 'summary')}>
      <h2 id={partId(host.form, 'summary')}>{count === 1 ? 'One field needs a change' : `${count} fields need a change`}</h2>
      <ul>
        {host.summary.map((e) => (
          <li key={e.path}>
            {e.path ? (
              <a
                href={`#${fieldId(host.form, e.path)}`}
                onClick={(event) => {
                  event.preventDefault();
                  host.focusField(e.path);
                }}
              >
                {e.label}: {e.message}
              </a>
            ) : (
              <span>{e.message}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

const RETRIED = 'An earlier attempt of this submission had already opened it; nothing was opened twice. ';

function Opened<V>({ host, joined = RETRIED }: { host: RequestForm<V>; joined?: string | undefined }) {
  if (host.submission.state !== 'opened') return null;
  const { pullRequest, created, warnings } = host.submission.request;
  return (
    <div className="portal-form not-content">
      <section className="notice notice--success" aria-labelledby={partId(host.form, 'status')}>
        <h2 id={partId(host.form, 'status')} tabIndex={-1}>
          Pull request #{pullRequest.number} is open
        </h2>
        <p>
          {created ? 'Your request is now a pull request. ' : joined}
          Follow the review and the discussion there: <a href={pullRequest.url}>pull request #{pullRequest.number}</a>.
        </p>
        {warnings.length > 0 && (
          <ul className="notice__warnings">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
        <p className="portal-form__actions">
          <a className="button button--primary" href="/requests/">
            See all your requests
          </a>
          <button type="button" className="button" onClick={host.discard}>
            Make another request
          </button>
        </p>
      </section>
    </div>
  );
}

export function RequestShell<V>({ host, previewNote, joined, children }: Props<V>) {
  if (host.submission.state === 'opened') return <Opened host={host} joined={joined} />;
  return (
    <div className="portal-form not-content">
      <form
        noValidate
        onFocus={host.prepare}
        onSubmit={(event) => {
          event.preventDefault();
          void host.review();
        }}
      >
        {/* Disabled until hydrated: without JavaScript the form cannot send, and says so above. */}
        <fieldset className="portal-form__frame" disabled={!host.hydrated}>
          <legend className="sr-only">Your request</legend>
          {host.showSummary && <ErrorSummary host={host} />}
          {children}
          <div className="portal-form__actions">
            <button type="submit" className="button button--primary" aria-disabled={host.stage === 'checking' || undefined}>
              {host.stage === 'edit' ? 'Preview the pull request' : 'Update the preview'}
            </button>
            {host.hasDraft && (
              <button type="button" className="button" onClick={host.discard}>
                Discard draft
              </button>
            )}
            {host.hasDraft && <span className="portal-form__saved">Draft kept in this browser until the request is sent.</span>}
          </div>
        </fieldset>
      </form>
      <div className="sr-only" aria-live="polite" aria-atomic="true">
        {host.announcement}
      </div>
      {host.stage !== 'edit' && <PreviewPanel host={host} note={previewNote} />}
    </div>
  );
}
