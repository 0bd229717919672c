/**
 * The pull request as it will be opened: files with their diff, title, body source; then the
 * button that sends it, and what happened when it did not go through.
 */
import type { ReactNode } from 'react';
import type { PreviewFile } from '../lib/preview.ts';
import { partId } from './field-paths.ts';
import type { RequestForm } from './use-request-form.ts';

function lineClass(line: string, added: boolean): string {
  if (added) return 'diff__line';
  if (line.startsWith('+++') || line.startsWith('---')) return 'diff__line diff__line--file';
  if (line.startsWith('@@')) return 'diff__line diff__line--hunk';
  if (line.startsWith('+')) return 'diff__line diff__line--add';
  if (line.startsWith('-')) return 'diff__line diff__line--del';
  return 'diff__line';
}

function FileView({ file }: { file: PreviewFile }) {
  const added = file.status === 'added';
  const text = (added ? file.content : file.diff).replace(/\n$/, '');
  return (
    <figure className="preview__file">
      <figcaption>
        {added ? 'New file' : file.status === 'deleted' ? 'Deleted file' : 'Changed file'} <code>{file.path}</code>
      </figcaption>
      <pre className="diff" tabIndex={0} aria-label={`${added ? 'Content of the new file' : 'Unified diff of'} ${file.path}`}>
        {text.split('\n').map((line, i) => (
          <span key={i} className={lineClass(line, added)}>
            {line}
            {'\n'}
          </span>
        ))}
      </pre>
    </figure>
  );
}

function Stopped<V>({ host }: { host: RequestForm<V> }) {
  const s = host.submission;
  if (s.state !== 'stopped') return null;
  return (
    <div id={partId(host.form, 'status')} tabIndex={-1} role="alert" className={`notice ${s.kind === 'conflict' ? 'notice--caution' : 'notice--error'}`}>
      <p>
        <strong>{s.title}.</strong> {s.detail}
      </p>
      {s.kind === 'conflict' && s.pullRequest && (
        <p>
          <a href={s.pullRequest.url}>Go to pull request #{s.pullRequest.number}</a>
        </p>
      )}
      {s.kind === 'retry' && (
        <p>
          <button type="button" className="button button--primary" onClick={() => void host.submit()}>
            Try again
          </button>{' '}
          <span className="portal-form__saved">The retry is the same submission: it cannot open a second pull request.</span>
        </p>
      )}
    </div>
  );
}

export function PreviewPanel<V>({ host, note }: { host: RequestForm<V>; note: ReactNode }) {
  const { preview, stage, submission } = host;
  const sending = submission.state === 'sending';
  return (
    <section className="preview" aria-labelledby={partId(host.form, 'preview')}>
      <h2 id={partId(host.form, 'preview')} tabIndex={-1}>
        Preview of the pull request
      </h2>
      {stage === 'checking' && <p role="status">Preparing the preview…</p>}
      {stage === 'preview' && host.previewFailure && (
        <div className="notice notice--error" role="alert">
          <p>
            <strong>{host.previewFailure.title}.</strong> {host.previewFailure.detail}
          </p>
        </div>
      )}
      {stage === 'preview' && !preview && !host.previewFailure && (
        <p>{host.stale ? 'The request has changed since this preview: update the preview to see the pull request it makes now.' : 'Fix the marked fields above to see the preview.'}</p>
      )}
      {preview && !preview.ok && (
        <div className="notice notice--error">
          <p>
            <strong>{preview.refused.message}</strong> The fields that need a change are marked above.
          </p>
        </div>
      )}
      {preview?.ok && (
        <>
          <dl className="preview__facts">
            <div>
              <dt>Title</dt>
              <dd>{preview.preview.title}</dd>
            </div>
            <div>
              <dt>Branch</dt>
              <dd>
                <code>{preview.preview.branch}</code>
              </dd>
            </div>
            <div>
              <dt>Labels</dt>
              <dd>{preview.preview.labels.join(', ')}</dd>
            </div>
          </dl>
          {preview.preview.files.map((file) => (
            <FileView key={file.path} file={file} />
          ))}
          <figure className="preview__file">
            <figcaption>Description (Markdown source)</figcaption>
            <pre className="diff diff--wrap" tabIndex={0} aria-label="Markdown source of the pull request description">
              {preview.preview.body}
            </pre>
          </figure>
          <div className="preview__note">{note}</div>
          {!(submission.state === 'stopped' && submission.kind === 'retry') && (
          <div className="portal-form__actions">
            <button
              type="button"
              className="button button--primary"
              aria-disabled={sending || !host.ready || undefined}
              onClick={() => void host.submit()}
            >
              {sending ? 'Opening the pull request…' : 'Open the pull request'}
            </button>
            {sending && (
              <span role="status" className="portal-form__saved">
                Sending; this takes a few seconds.
              </span>
            )}
          </div>
          )}
        </>
      )}
      <Stopped host={host} />
    </section>
  );
}
